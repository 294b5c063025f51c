import {
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

import {
  MAX_DELETE_OPERATIONS,
  ReleaseTrash,
} from '../server/release-trash.js';
import { captureLogger } from './support/log-capture.js';
import {
  fileSystemError,
  gate,
  probedFileSystem,
  writeTree,
} from './support/tree-file-system.js';

describe('ReleaseTrash', () => {
  let base: string;
  let trashDir: string;

  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-trash-'));
    trashDir = path.join(base, 'trash');
    await mkdir(trashDir);
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  async function release(name: string, files = 3): Promise<string> {
    const folder = path.join(base, 'releases', name);
    await writeTree(path.join(folder, 'site'), 1, files);
    await writeFile(path.join(folder, 'release.json'), '{}');
    return folder;
  }

  test('moveIn renames a folder into the trash', async () => {
    const trash = new ReleaseTrash(trashDir, captureLogger().logger);
    const folder = await release('r1');

    await trash.moveIn(folder);

    const entries = await readdir(trashDir);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^r1\.[0-9a-f]{8}$/);
    expect(await readdir(path.join(base, 'releases'))).toEqual([]);
  });

  test('moveIn keeps a leftover of the same name', async () => {
    const trash = new ReleaseTrash(trashDir, captureLogger().logger);
    await trash.moveIn(await release('r1'));
    await trash.moveIn(await release('r1'));

    expect(await readdir(trashDir)).toHaveLength(2);
  });

  test('empty deletes every entry eventually', async () => {
    const log = captureLogger();
    const trash = new ReleaseTrash(trashDir, log.logger);
    await trash.moveIn(await release('r1', 4));
    await trash.moveIn(await release('r2', 6));

    trash.empty();
    await trash.idle();

    expect(await readdir(trashDir)).toEqual([]);
    const finished = log.withMessage('deleted pruned releases');
    expect(finished).toHaveLength(1);
    // 4 + 6 pages and one release.json each
    expect(finished[0].files).toBe(12);
    expect(finished[0].failed).toBe(0);
    expect(typeof finished[0].durationMs).toBe('number');
    expect(finished[0].entries).toHaveLength(2);
  });

  test('empty logs nothing for an empty trash', async () => {
    const log = captureLogger();
    const trash = new ReleaseTrash(trashDir, log.logger);

    trash.empty();
    await trash.idle();

    expect(log.entries()).toEqual([]);
  });

  test('empty leaves symbolic link targets outside the data folder', async () => {
    const outside = await mkdtemp(
      path.join(os.tmpdir(), 'static-deploy-outside-'),
    );
    try {
      await writeFile(path.join(outside, 'keep.txt'), 'kept');
      const folder = await release('r1');
      await symlink(outside, path.join(folder, 'site', 'outside-folder'));
      await symlink(
        path.join(outside, 'keep.txt'),
        path.join(folder, 'site', 'outside-file'),
      );
      const trash = new ReleaseTrash(trashDir, captureLogger().logger);
      await trash.moveIn(folder);

      trash.empty();
      await trash.idle();

      expect(await readdir(trashDir)).toEqual([]);
      expect(await readdir(outside)).toEqual(['keep.txt']);
      expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe(
        'kept',
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  test('empty runs one deletion at a time', async () => {
    const log = captureLogger();
    const callGate = gate();
    const firstCall = gate();
    const fileSystem = probedFileSystem({
      delayMs: 1,
      before: async () => {
        firstCall.open();
        await callGate.opened;
      },
    });
    const trash = new ReleaseTrash(trashDir, log.logger, { fileSystem });
    await trash.moveIn(await release('r1', 20));

    trash.empty();
    // The first deletion has read the trash once it makes its first call.
    await firstCall.opened;
    await trash.moveIn(await release('r2', 20));
    trash.empty();
    trash.empty();
    callGate.open();
    await trash.idle();

    expect(fileSystem.maxInFlight).toBeLessThanOrEqual(MAX_DELETE_OPERATIONS);
    expect(await readdir(trashDir)).toEqual([]);
    const finished = log.withMessage('deleted pruned releases');
    expect(finished).toHaveLength(2);
    expect(finished[0].entries).toEqual([
      expect.stringMatching(/^r1\./) as unknown,
    ]);
    expect(finished[1].entries).toEqual([
      expect.stringMatching(/^r2\./) as unknown,
    ]);
  });

  test('empty logs a failure with the error and path', async () => {
    const log = captureLogger();
    const folder = await release('r1');
    const failing = probedFileSystem({
      fail: (name, target) =>
        name === 'unlink' && target.endsWith('page-1.html')
          ? fileSystemError('EPERM', target)
          : undefined,
    });
    const trash = new ReleaseTrash(trashDir, log.logger, {
      fileSystem: failing,
    });
    await trash.moveIn(folder);
    const [entry] = await readdir(trashDir);

    trash.empty();
    await trash.idle();

    const failures = log.withMessage(
      'failed to delete part of a pruned release; retrying at the next pruning or start',
    );
    expect(failures).toHaveLength(1);
    expect(failures[0].level).toBe(50);
    expect(failures[0].path).toBe(
      path.join(trashDir, entry, 'site', 'pages', '0', 'page-1.html'),
    );
    expect(failures[0].entry).toBe(entry);
    expect((failures[0].err as { code?: string }).code).toBe('EPERM');
    expect(log.withMessage('deleted pruned releases')[0].failed).toBe(1);
    expect(await readdir(trashDir)).toEqual([entry]);

    // The next pruning empties the trash again and gets the rest.
    const retry = new ReleaseTrash(trashDir, log.logger);
    retry.empty();
    await retry.idle();
    expect(await readdir(trashDir)).toEqual([]);
  });

  test('empty logs a missing trash folder instead of rejecting', async () => {
    const log = captureLogger();
    const trash = new ReleaseTrash(path.join(base, 'missing'), log.logger);

    trash.empty();
    await trash.idle();

    const failures = log.withMessage(
      'failed to empty the trash; retrying at the next pruning or start',
    );
    expect(failures).toHaveLength(1);
    expect((failures[0].err as { code?: string }).code).toBe('ENOENT');
  });

  test('close stops a deletion in flight promptly', async () => {
    const log = captureLogger();
    // 200 files at 20 ms per call and 2 calls at a time take over 2 s.
    const fileSystem = probedFileSystem({ delayMs: 20 });
    const trash = new ReleaseTrash(trashDir, log.logger, { fileSystem });
    await trash.moveIn(await release('r1', 200));
    trash.empty();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fileSystem.calls.length).toBeGreaterThan(0);

    const startedAt = performance.now();
    await trash.close();
    const closeMs = performance.now() - startedAt;

    expect(closeMs).toBeLessThan(500);
    expect(fileSystem.inFlight).toBe(0);
    const stopped = log.withMessage(
      'stopped deleting pruned releases for shutdown; the next start deletes what is left',
    );
    expect(stopped).toHaveLength(1);
    expect(await readdir(trashDir)).toHaveLength(1);

    const callsAtClose = fileSystem.calls.length;
    trash.empty();
    await trash.idle();
    expect(fileSystem.calls.length).toBe(callsAtClose);
  });

  test('close stops waiting for a stuck call after the timeout', async () => {
    const log = captureLogger();
    const stuck = gate();
    const fileSystem = probedFileSystem({
      before: async (name) => {
        if (name === 'unlink') {
          await stuck.opened;
        }
      },
    });
    const trash = new ReleaseTrash(trashDir, log.logger, { fileSystem });
    await trash.moveIn(await release('r1'));
    trash.empty();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const startedAt = performance.now();
    await trash.close(100);
    const closeMs = performance.now() - startedAt;

    expect(closeMs).toBeGreaterThanOrEqual(90);
    expect(closeMs).toBeLessThan(1000);
    const warnings = log.withMessage(
      'stopped waiting for the background deletion; the next start deletes what is left',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0].timeoutMs).toBe(100);

    stuck.open();
    await trash.idle();
  });

  test('stat stays fast while a 3,000-file release is deleted', async () => {
    const folder = path.join(base, 'releases', 'large');
    expect(await writeTree(path.join(folder, 'site'), 30, 100)).toBe(3000);
    const probe = path.join(base, 'probe.html');
    await writeFile(probe, 'probe');
    const trash = new ReleaseTrash(trashDir, captureLogger().logger);
    await trash.moveIn(folder);

    let deleting = true;
    trash.empty();
    const deletion = trash.idle().finally(() => (deleting = false));
    const latenciesMs: number[] = [];
    const deadline = performance.now() + 10_000;
    while (
      deleting &&
      latenciesMs.length < 5000 &&
      performance.now() < deadline
    ) {
      const startedAt = performance.now();
      await stat(probe);
      latenciesMs.push(performance.now() - startedAt);
    }
    await deletion;

    expect(await readdir(trashDir)).toEqual([]);
    // The deletion makes about 3,100 calls. With 2 in flight, a stat gets a
    // free thread between them. With every call queued at once, as
    // `fs.promises.rm` queues them, each stat waits behind the queue. In runs
    // on a 2-core machine, about 1,800 stats finished during the deletion
    // with 2 calls in flight, and 17 to 31 with every call queued at once.
    expect(latenciesMs.length).toBeGreaterThanOrEqual(300);
    expect(Math.max(...latenciesMs)).toBeLessThan(200);
  });
});
