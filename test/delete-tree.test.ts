import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { deleteTree } from '../server/delete-tree.js';
import {
  fileSystemError,
  gate,
  probedFileSystem,
  writeTree,
} from './support/tree-file-system.js';

async function exists(target: string): Promise<boolean> {
  try {
    await lstat(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }
    throw error;
  }
}

describe('deleteTree', () => {
  let base: string;

  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-delete-'));
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  test('deletes nested folders and files', async () => {
    const root = path.join(base, 'release');
    await writeTree(path.join(root, 'site'), 3, 4);
    await writeFile(path.join(root, 'release.json'), '{}');

    const result = await deleteTree(root, { maxConcurrentOperations: 2 });

    expect(result.files).toBe(13);
    // release, site, pages and the three numbered folders
    expect(result.folders).toBe(6);
    expect(result.failed).toBe(0);
    expect(result.firstFailure).toBeUndefined();
    expect(result.stopped).toBe(false);
    expect(await readdir(base)).toEqual([]);
  });

  test('unlinks symbolic links without following them', async () => {
    const outside = path.join(base, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'keep.txt'), 'kept');
    const root = path.join(base, 'release');
    await mkdir(path.join(root, 'site'), { recursive: true });
    await symlink(outside, path.join(root, 'site', 'folder-link'));
    await symlink(
      path.join(outside, 'keep.txt'),
      path.join(root, 'site', 'file-link'),
    );
    await symlink(
      path.join(base, 'missing'),
      path.join(root, 'site', 'dangling-link'),
    );

    const result = await deleteTree(root, { maxConcurrentOperations: 2 });

    expect(result.failed).toBe(0);
    expect(result.files).toBe(3);
    expect(await exists(root)).toBe(false);
    expect(await readdir(outside)).toEqual(['keep.txt']);
    expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('kept');
  });

  test('unlinks a root that is a symbolic link', async () => {
    const outside = path.join(base, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'keep.txt'), 'kept');
    const root = path.join(base, 'link');
    await symlink(outside, root);

    const result = await deleteTree(root, { maxConcurrentOperations: 2 });

    expect(result.files).toBe(1);
    expect(result.folders).toBe(0);
    expect(await exists(root)).toBe(false);
    expect(await readdir(outside)).toEqual(['keep.txt']);
  });

  test('counts a missing root as deleted', async () => {
    const result = await deleteTree(path.join(base, 'missing'), {
      maxConcurrentOperations: 2,
    });

    expect(result).toEqual({ files: 0, folders: 0, failed: 0, stopped: false });
  });

  test.each([1, 2, 3])(
    'keeps at most %i calls in flight',
    async (maxConcurrentOperations) => {
      const root = path.join(base, 'release');
      await writeTree(root, 4, 25);
      const fileSystem = probedFileSystem({ delayMs: 1 });

      const result = await deleteTree(root, {
        maxConcurrentOperations,
        fileSystem,
      });

      expect(result.files).toBe(100);
      expect(fileSystem.maxInFlight).toBe(maxConcurrentOperations);
      expect(fileSystem.inFlight).toBe(0);
      expect(await exists(root)).toBe(false);
    },
  );

  test('rejects a maximum below 1', async () => {
    await expect(
      deleteTree(base, { maxConcurrentOperations: 0 }),
    ).rejects.toThrow('maxConcurrentOperations must be an integer');
  });

  test('records a failure and deletes the rest', async () => {
    const root = path.join(base, 'release');
    await writeTree(root, 2, 3);
    const stuck = path.join(root, 'pages', '0', 'page-1.html');
    const fileSystem = probedFileSystem({
      fail: (name, target) =>
        name === 'unlink' && target === stuck
          ? fileSystemError('EPERM', target)
          : undefined,
    });

    const result = await deleteTree(root, {
      maxConcurrentOperations: 2,
      fileSystem,
    });

    expect(result.failed).toBe(1);
    expect(result.files).toBe(5);
    expect(result.firstFailure?.path).toBe(stuck);
    expect((result.firstFailure?.error as NodeJS.ErrnoException).code).toBe(
      'EPERM',
    );
    expect(await readdir(path.join(root, 'pages'))).toEqual(['0']);
    expect(await readdir(path.join(root, 'pages', '0'))).toEqual([
      'page-1.html',
    ]);
  });

  test('stops between calls when the signal aborts', async () => {
    const root = path.join(base, 'release');
    await writeTree(root, 2, 50);
    const controller = new AbortController();
    let abortedAt = Infinity;
    const fileSystem = probedFileSystem({
      delayMs: 5,
      before: async (name) => {
        if (name === 'unlink' && abortedAt === Infinity) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });

    const result = await deleteTree(root, {
      maxConcurrentOperations: 2,
      signal: controller.signal,
      fileSystem,
    });

    expect(result.stopped).toBe(true);
    expect(result.failed).toBe(0);
    expect(fileSystem.inFlight).toBe(0);
    const startedAfterAbort = fileSystem.calls.filter(
      (call) => call.startedAt > abortedAt,
    );
    expect(startedAfterAbort).toEqual([]);
    // At most the 2 unlinks in flight at the abort went through.
    expect(result.files).toBeLessThanOrEqual(2);
    expect(await exists(root)).toBe(true);
  });

  test('waits for the calls in flight before it resolves', async () => {
    const root = path.join(base, 'release');
    await writeTree(root, 1, 10);
    const controller = new AbortController();
    const callGate = gate();
    let unlinks = 0;
    const fileSystem = probedFileSystem({
      before: async (name) => {
        if (name === 'unlink') {
          unlinks += 1;
          if (unlinks === 2) {
            controller.abort();
          }
          await callGate.opened;
        }
      },
    });

    let settled = false;
    const deletion = deleteTree(root, {
      maxConcurrentOperations: 2,
      signal: controller.signal,
      fileSystem,
    }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(fileSystem.inFlight).toBe(2);

    callGate.open();
    const result = await deletion;
    expect(result.stopped).toBe(true);
    expect(result.files).toBe(2);
    expect(fileSystem.inFlight).toBe(0);
  });
});
