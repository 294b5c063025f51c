import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ReleaseTrash } from '../server/release-trash.js';
import { pruneReleases } from '../server/retention.js';
import { captureLogger } from './support/log-capture.js';
import {
  createReleaseFixture,
  publishRelease,
  type ReleaseFixture,
} from './support/release-fixtures.js';

describe('pruneReleases', () => {
  let fixture: ReleaseFixture;

  beforeEach(async () => {
    fixture = await createReleaseFixture();
  });

  afterEach(async () => {
    await rm(fixture.dir.root, { recursive: true, force: true });
  });

  test('moves releases beyond keep into the trash', async () => {
    const log = captureLogger();
    const trash = new ReleaseTrash(fixture.dir.trash, log.logger);
    const names = [];
    for (const index of [1, 2, 3, 4]) {
      names.push(await publishRelease(fixture, index));
    }
    await fixture.releases.activate(names[3]);

    const removed = await pruneReleases(fixture.releases, trash, 2, log.logger);

    expect(removed).toEqual([names[1], names[0]]);
    expect((await readdir(fixture.dir.releases)).sort()).toEqual(
      [names[2], names[3]].sort(),
    );
    const pruned = log.withMessage('pruned releases');
    expect(pruned).toHaveLength(1);
    expect(pruned[0].removed).toEqual([names[1], names[0]]);
    expect(pruned[0].kept).toBe(2);
    await trash.idle();
    expect(await readdir(fixture.dir.trash)).toEqual([]);
  });

  test('never prunes the live release', async () => {
    const log = captureLogger();
    const trash = new ReleaseTrash(fixture.dir.trash, log.logger);
    const live = await publishRelease(fixture, 1);
    const newer = await publishRelease(fixture, 2);
    const newest = await publishRelease(fixture, 3);
    await fixture.releases.activate(live);

    const removed = await pruneReleases(fixture.releases, trash, 1, log.logger);
    await trash.idle();

    expect(removed).toEqual([newer]);
    expect((await readdir(fixture.dir.releases)).sort()).toEqual(
      [live, newest].sort(),
    );
  });

  test('logs a failed move and retries at the next pruning', async () => {
    const log = captureLogger();
    const trash = new ReleaseTrash(fixture.dir.trash, log.logger);
    const old = await publishRelease(fixture, 1);
    const live = await publishRelease(fixture, 2);
    await fixture.releases.activate(live);
    // A file in place of the trash folder makes the rename fail with ENOTDIR.
    await rm(fixture.dir.trash, { recursive: true });
    await writeFile(fixture.dir.trash, 'not a folder');

    const failed = await pruneReleases(fixture.releases, trash, 1, log.logger);
    await trash.idle();

    expect(failed).toEqual([]);
    expect(await readdir(fixture.dir.releases)).toContain(old);
    const failures = log.withMessage(
      'failed to prune a release; retrying at the next activation',
    );
    expect(failures).toHaveLength(1);
    expect(failures[0].release).toBe(old);
    expect((failures[0].err as { code?: string }).code).toBe('ENOTDIR');
    expect(log.withMessage('pruned releases')).toEqual([]);

    await rm(fixture.dir.trash);
    await mkdir(fixture.dir.trash);
    const retried = await pruneReleases(fixture.releases, trash, 1, log.logger);
    await trash.idle();

    expect(retried).toEqual([old]);
    expect(await readdir(fixture.dir.releases)).toEqual([live]);
    expect(await readdir(fixture.dir.trash)).toEqual([]);
  });

  test('empties leftovers in the trash with nothing to prune', async () => {
    const log = captureLogger();
    const trash = new ReleaseTrash(fixture.dir.trash, log.logger);
    const live = await publishRelease(fixture, 1);
    await fixture.releases.activate(live);
    const leftover = path.join(fixture.dir.trash, 'old-release.0badc0de');
    await mkdir(path.join(leftover, 'site'), { recursive: true });
    await writeFile(path.join(leftover, 'site', 'index.html'), 'left over');

    const removed = await pruneReleases(fixture.releases, trash, 1, log.logger);
    await trash.idle();

    expect(removed).toEqual([]);
    expect(await readdir(fixture.dir.trash)).toEqual([]);
    expect(log.withMessage('deleted pruned releases')[0].entries).toEqual([
      'old-release.0badc0de',
    ]);
  });
});
