import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { jest } from '@jest/globals';
import { build } from 'esbuild';
import yauzl from 'yauzl';

import { packSite, type PackedSite } from '../action-src/pack.js';
import { listSiteFiles } from '../action-src/site-files.js';
import { writeZip } from '../action-src/zip.js';

const projectRoot = path.resolve(import.meta.dirname, '..');

interface ZipEntry {
  name: string;
  data: Buffer;
  /** 0 for stored, 8 for deflated. */
  method: number;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) {
    await cleanups.pop()?.();
  }
});

async function tempDir(prefix = 'pack-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Creates a site folder from a map of relative paths to contents. */
async function makeSite(files: Record<string, string | Buffer>) {
  const root = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

async function pack(dir: string, exclude: string[] = []): Promise<PackedSite> {
  const packed = await packSite(dir, { exclude });
  cleanups.push(packed.remove);
  return packed;
}

/** Reads every entry of a zip with yauzl, a reader independent of archiver. */
async function readZip(archivePath: string): Promise<ZipEntry[]> {
  const zip = await yauzl.openPromise(archivePath, { lazyEntries: true });
  const entries: ZipEntry[] = [];
  for (;;) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve) => {
      zip.once('entry', resolve);
      zip.once('end', () => resolve(undefined));
      zip.readEntry();
    });
    if (entry === undefined) {
      return entries;
    }
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    entries.push({
      name: entry.fileName,
      data: Buffer.concat(chunks),
      method: entry.compressionMethod,
    });
  }
}

async function entryNames(archivePath: string): Promise<string[]> {
  return (await readZip(archivePath)).map((entry) => entry.name);
}

/**
 * Points os.tmpdir() at a fresh folder for the current test, so the test
 * can see every temporary folder that packSite creates and leaves behind.
 * Jest gives each test file its own copy of process.env, which os.tmpdir()
 * does not read, so the function itself is replaced.
 */
async function isolateTmpdir(): Promise<string> {
  const dir = await tempDir('pack-tmpdir-');
  const spy = jest.spyOn(os, 'tmpdir').mockReturnValue(dir);
  cleanups.push(async () => spy.mockRestore());
  return dir;
}

describe('packSite', () => {
  test('round trip keeps every byte and name', async () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));
    const files = {
      'index.html': '<h1>home</h1>',
      'a/b/c/deep.txt': 'deep',
      'assets/data.bin': binary,
      'empty.txt': '',
      'ünïcode name.txt': 'unicode',
    };
    const root = await makeSite(files);

    const packed = await pack(root);
    const entries = await readZip(packed.archivePath);

    expect(packed.files).toBe(5);
    expect(entries.map((entry) => entry.name)).toEqual([
      'a/b/c/deep.txt',
      'assets/data.bin',
      'empty.txt',
      'index.html',
      'ünïcode name.txt',
    ]);
    for (const entry of entries) {
      const expected = await readFile(path.join(root, entry.name));
      expect({ name: entry.name, equal: entry.data.equals(expected) }).toEqual({
        name: entry.name,
        equal: true,
      });
    }
  });

  test('leaves out .git at any depth', async () => {
    const root = await makeSite({
      'index.html': 'home',
      '.git/config': '[core]',
      '.git/HEAD': 'ref: refs/heads/main',
      'vendor/lib/.git': 'gitdir: ../../.git/modules/lib',
      'vendor/lib/lib.js': 'lib',
      'docs/.git/objects/ab': 'object',
      '.gitignore': 'node_modules',
    });

    const names = await entryNames((await pack(root)).archivePath);

    expect(names).toEqual(['.gitignore', 'index.html', 'vendor/lib/lib.js']);
  });

  test('keeps dotfiles and .well-known', async () => {
    const root = await makeSite({
      '.nojekyll': '',
      '.well-known/security.txt': 'Contact: mailto:security@example.com',
      'index.html': 'home',
    });

    const names = await entryNames((await pack(root)).archivePath);

    expect(names).toEqual([
      '.nojekyll',
      '.well-known/security.txt',
      'index.html',
    ]);
  });

  test('applies exclude globs', async () => {
    const root = await makeSite({
      'index.html': 'home',
      'app.js': 'js',
      'app.js.map': 'map',
      'lib/util.js.map': 'map',
      'drafts/post.html': 'draft',
      'drafts/images/a.png': 'png',
      'notes.txt': 'notes',
      'private/.env': 'KEY=value',
      'keep/drafts.html': 'kept',
    });

    const packed = await pack(root, [
      '**/*.map',
      'drafts',
      './notes.txt',
      'private/',
      '   ',
    ]);

    expect(await entryNames(packed.archivePath)).toEqual([
      'app.js',
      'index.html',
      'keep/drafts.html',
    ]);
  });

  test('exclude glob without a slash matches the top level only', async () => {
    const root = await makeSite({ 'a.map': 'map', 'sub/b.map': 'map' });

    const packed = await pack(root, ['*.map']);

    expect(await entryNames(packed.archivePath)).toEqual(['sub/b.map']);
  });

  test('rejects a negated exclude glob', async () => {
    const root = await makeSite({ 'index.html': 'home' });

    await expect(packSite(root, { exclude: ['!index.html'] })).rejects.toThrow(
      'invalid exclude pattern "!index.html": negated patterns are not supported',
    );
  });

  test('follows symlinks inside the folder', async () => {
    const root = await makeSite({
      'real/page.html': 'real page',
      'real/nested/deep.txt': 'deep',
    });
    await symlink('real/page.html', path.join(root, 'alias.html'));
    await symlink('real', path.join(root, 'mirror'));

    const entries = await readZip((await pack(root)).archivePath);

    expect(entries.map((entry) => entry.name)).toEqual([
      'alias.html',
      'mirror/nested/deep.txt',
      'mirror/page.html',
      'real/nested/deep.txt',
      'real/page.html',
    ]);
    const alias = entries.find((entry) => entry.name === 'alias.html');
    expect(alias?.data.toString()).toBe('real page');
  });

  test('follows a symlinked site folder', async () => {
    const root = await makeSite({ 'index.html': 'home' });
    const linkParent = await tempDir();
    const linkedRoot = path.join(linkParent, 'site');
    await symlink(root, linkedRoot);

    const names = await entryNames((await pack(linkedRoot)).archivePath);

    expect(names).toEqual(['index.html']);
  });

  test('rejects a symlink outside the folder', async () => {
    const outside = await makeSite({ 'secret.txt': 'not for the web' });
    const root = await makeSite({ 'index.html': 'home' });
    await symlink(
      path.join(outside, 'secret.txt'),
      path.join(root, 'leak.txt'),
    );

    await expect(packSite(root)).rejects.toThrow(
      /^leak\.txt is a symlink to .*secret\.txt, which is outside the site folder/,
    );
  });

  test('rejects a relative symlink escaping the folder', async () => {
    const root = await makeSite({ 'sub/index.html': 'home' });
    await symlink('../..', path.join(root, 'sub', 'up'));

    await expect(packSite(path.join(root, 'sub'))).rejects.toThrow(
      /^up is a symlink to .*, which is outside the site folder/,
    );
  });

  test('rejects a symlink into .git', async () => {
    const root = await makeSite({
      'index.html': 'home',
      '.git/config': '[http] extraheader = AUTHORIZATION: basic dG9rZW4=',
    });
    await symlink('.git/config', path.join(root, 'config.txt'));

    await expect(packSite(root)).rejects.toThrow(
      'config.txt is a symlink into a .git folder, which is never deployed',
    );
  });

  test('rejects a broken symlink', async () => {
    const root = await makeSite({ 'index.html': 'home' });
    await symlink('missing.html', path.join(root, 'broken.html'));

    await expect(packSite(root)).rejects.toThrow(
      'broken.html is a broken symlink; remove it or add it to exclude',
    );
  });

  test('skips an excluded broken symlink', async () => {
    const root = await makeSite({ 'index.html': 'home' });
    await symlink('missing.html', path.join(root, 'broken.html'));

    const names = await entryNames(
      (await pack(root, ['broken.html'])).archivePath,
    );

    expect(names).toEqual(['index.html']);
  });

  test('rejects a symlink loop to an ancestor', async () => {
    const root = await makeSite({ 'a/index.html': 'home' });
    await symlink('..', path.join(root, 'a', 'loop'));

    await expect(packSite(root)).rejects.toThrow(
      'symlink loop in the site folder: a/loop points back to the site folder',
    );
  });

  test('rejects a symlink to itself', async () => {
    const root = await makeSite({ 'index.html': 'home' });
    await symlink('self', path.join(root, 'self'));

    await expect(packSite(root)).rejects.toThrow('self is a symlink loop');
  });

  test('rejects a FIFO', async () => {
    const root = await makeSite({ 'index.html': 'home' });
    execFileSync('mkfifo', [path.join(root, 'pipe')]);

    await expect(packSite(root)).rejects.toThrow(
      'unsupported file type in the site folder: pipe is neither a regular file nor a folder',
    );
  });

  test('rejects an empty folder', async () => {
    const root = await makeSite({ '.git/HEAD': 'ref: refs/heads/main' });
    await mkdir(path.join(root, 'empty-folder'));

    await expect(packSite(root)).rejects.toThrow(
      `site folder ${root} contains no files to deploy`,
    );
  });

  test('rejects a missing folder', async () => {
    const parent = await tempDir();
    const missing = path.join(parent, 'nope');

    await expect(packSite(missing)).rejects.toThrow(
      `site folder not found: ${missing}`,
    );
  });

  test('sha256 and size match sha256sum and stat', async () => {
    const root = await makeSite({
      'index.html': '<h1>home</h1>'.repeat(1000),
      'logo.png': Buffer.alloc(5000, 7),
    });

    const packed = await pack(root);
    const oracle = execFileSync('sha256sum', [packed.archivePath], {
      encoding: 'utf8',
    }).split(' ')[0];

    expect(packed.sha256).toBe(oracle);
    expect(packed.bytes).toBe((await stat(packed.archivePath)).size);
  });

  test('same tree gives the same archive', async () => {
    const root = await makeSite({
      'b.html': 'b',
      'a/c.html': 'c',
      'a.html': 'a',
    });

    const first = await pack(root);
    const second = await pack(root);

    expect(second.sha256).toBe(first.sha256);
  });

  test('stores compressed formats and deflates the rest', async () => {
    const text = '<p>compressible</p>\n'.repeat(500);
    const root = await makeSite({
      'index.html': text,
      'logo.png': text,
      'photo.JPG': text,
      'font.woff2': text,
      'favicon.ico': text,
      'style.css': text,
    });

    const entries = await readZip((await pack(root)).archivePath);
    const methods = Object.fromEntries(
      entries.map((entry) => [entry.name, entry.method]),
    );

    expect(methods).toEqual({
      'favicon.ico': 8,
      'font.woff2': 0,
      'index.html': 8,
      'logo.png': 0,
      'photo.JPG': 0,
      'style.css': 8,
    });
  });

  test('remove deletes the temporary folder', async () => {
    const root = await makeSite({ 'index.html': 'home' });
    const tmp = await isolateTmpdir();

    const packed = await packSite(root);
    cleanups.push(packed.remove);
    expect(await readdir(tmp)).toHaveLength(1);
    await packed.remove();

    expect(await readdir(tmp)).toEqual([]);
  });

  test('file removed after listing fails the zip', async () => {
    const root = await makeSite({ 'a.html': 'a', 'b.html': 'b' });
    const files = await listSiteFiles(root);
    await rm(path.join(root, 'b.html'));
    const out = await tempDir();

    await expect(writeZip(files, path.join(out, 'site.zip'))).rejects.toThrow(
      /ENOENT: no such file or directory, open '.*b\.html'/,
    );
  });

  test('unreadable file fails and leaves no temporary folder', async () => {
    const root = await makeSite({
      'index.html': 'home',
      'private.html': 'unreadable',
    });
    await chmod(path.join(root, 'private.html'), 0o000);

    const result =
      process.getuid?.() === 0
        ? await packAsUnprivilegedUser(root)
        : await packInProcess(root);

    expect(result.error).toMatch(
      /^failed to pack .*: EACCES: permission denied, open '.*private\.html'$/,
    );
    expect(result.leftInTmpdir).toEqual([]);
  });
});

interface PackAttempt {
  error?: string;
  leftInTmpdir: string[];
}

async function packInProcess(root: string): Promise<PackAttempt> {
  const tmp = await isolateTmpdir();
  const error = await packSite(root).then(
    () => undefined,
    (reason: Error) => reason.message,
  );
  return { error, leftInTmpdir: await readdir(tmp) };
}

/**
 * Root reads any file whatever its mode, so the pack runs in a child
 * process as the unprivileged user `nobody` (uid 65534). The packer is bundled into a temporary
 * folder first, because the repository may not be readable by that user.
 */
async function packAsUnprivilegedUser(root: string): Promise<PackAttempt> {
  const runnerDir = await tempDir('pack-runner-');
  const tmp = await tempDir('pack-tmpdir-');
  const runner = path.join(runnerDir, 'runner.mjs');
  await build({
    stdin: {
      contents:
        "import { packSite } from './action-src/pack.ts';\n" +
        'await packSite(process.argv[2]).then(\n' +
        '  () => console.log("packed"),\n' +
        '  (error) => console.log(error.message),\n' +
        ');\n',
      resolveDir: projectRoot,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: runner,
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  await chmod(runnerDir, 0o755);
  await chmod(tmp, 0o777);
  await chmod(root, 0o755);

  const child = spawnSync(process.execPath, [runner, root], {
    uid: 65534,
    gid: 65534,
    env: { TMPDIR: tmp },
    encoding: 'utf8',
  });
  const output = child.stdout.trim();
  return {
    error: output === 'packed' ? undefined : output,
    leftInTmpdir: await readdir(tmp),
  };
}
