import {
  mkdir,
  mkdtemp,
  readdir,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  dataDirAt,
  NEXT_LINK_PREFIX,
  prepareDataDir,
  type DataDir,
} from '../server/data-dir.js';

describe('prepareDataDir', () => {
  let base: string;
  let dir: DataDir;

  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-data-dir-'));
    dir = dataDirAt(path.join(base, 'data'));
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  test('creates a private trash folder', async () => {
    expect(await prepareDataDir(dir)).toEqual([]);

    const trash = await stat(dir.trash);
    expect(trash.isDirectory()).toBe(true);
    expect(trash.mode & 0o777).toBe(0o700);
  });

  test('removes trash leftovers', async () => {
    await prepareDataDir(dir);
    const leftover = path.join(dir.trash, 'old-release.0badc0de');
    await mkdir(path.join(leftover, 'site', 'pages'), { recursive: true });
    await writeFile(path.join(leftover, 'site', 'pages', 'a.html'), 'a');
    await writeFile(path.join(leftover, 'release.json'), '{}');

    const removed = await prepareDataDir(dir);

    expect(removed).toEqual(['trash/old-release.0badc0de']);
    expect(await readdir(dir.trash)).toEqual([]);
  });

  test('leaves symbolic link targets in the trash alone', async () => {
    await prepareDataDir(dir);
    const outside = path.join(base, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'keep.txt'), 'kept');
    const leftover = path.join(dir.trash, 'old-release.0badc0de');
    await mkdir(path.join(leftover, 'site'), { recursive: true });
    await symlink(outside, path.join(leftover, 'site', 'outside'));

    await prepareDataDir(dir);

    expect(await readdir(dir.trash)).toEqual([]);
    expect(await readdir(outside)).toEqual(['keep.txt']);
  });

  test('removes staging, temp and next-link leftovers', async () => {
    await prepareDataDir(dir);
    await mkdir(path.join(dir.staging, 'deploy-1'));
    await mkdir(path.join(dir.tmp, 'upload-1'));
    await symlink(
      'releases/x/site',
      path.join(dir.root, `${NEXT_LINK_PREFIX}1`),
    );

    const removed = await prepareDataDir(dir);

    expect(removed.sort()).toEqual(
      [`${NEXT_LINK_PREFIX}1`, 'staging/deploy-1', 'tmp/upload-1'].sort(),
    );
    expect(await readdir(dir.staging)).toEqual([]);
    expect(await readdir(dir.tmp)).toEqual([]);
  });
});
