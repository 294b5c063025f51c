import type { Dirent } from 'node:fs';
import { lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The file system calls that `deleteTree` makes, so tests can inject faults. */
export interface TreeFileSystem {
  lstat(entryPath: string): Promise<{ isDirectory(): boolean }>;
  readdir(folder: string, options: { withFileTypes: true }): Promise<Dirent[]>;
  unlink(entryPath: string): Promise<void>;
  rmdir(folder: string): Promise<void>;
}

/** The real file system, through `node:fs/promises`. */
export const nodeTreeFileSystem: TreeFileSystem = {
  lstat: (entryPath) => lstat(entryPath),
  readdir: (folder, options) => readdir(folder, options),
  unlink: (entryPath) => unlink(entryPath),
  rmdir: (folder) => rmdir(folder),
};

/** Counts and outcome of one `deleteTree` call. */
export interface TreeDeletion {
  /** Files, symbolic links and other entries that are not folders, unlinked. */
  files: number;
  folders: number;
  /**
   * Entries that could not be deleted. The folders that contain them stay
   * too.
   */
  failed: number;
  /** The first failure, so that a caller can log one line per tree. */
  firstFailure?: { path: string; error: unknown };
  /** Whether the signal stopped the deletion before it finished. */
  stopped: boolean;
}

export interface DeleteTreeOptions {
  /** Maximum number of file system calls in flight at once, at least 1. */
  maxConcurrentOperations: number;
  /**
   * Signal that stops the deletion before its next call. Calls in flight
   * still finish.
   */
  signal?: AbortSignal;
  fileSystem?: TreeFileSystem;
}

/**
 * Deletes `root` and everything under it, keeping at most
 * `maxConcurrentOperations` file system calls in flight. Symbolic links are
 * unlinked and never followed, so nothing outside `root` is touched. A
 * failure is counted and the rest of the tree is still deleted, so the
 * promise rejects only for an invalid `maxConcurrentOperations`. It resolves
 * only after every call it started has finished.
 */
export async function deleteTree(
  root: string,
  options: DeleteTreeOptions,
): Promise<TreeDeletion> {
  const deleter = new TreeDeleter(options);
  await deleter.deleteRoot(root);
  return deleter.result;
}

class DeletionStopped extends Error {}

class TreeDeleter {
  readonly result: TreeDeletion = {
    files: 0,
    folders: 0,
    failed: 0,
    stopped: false,
  };
  readonly #fileSystem: TreeFileSystem;
  readonly #slots: OperationSlots;

  constructor(options: DeleteTreeOptions) {
    this.#fileSystem = options.fileSystem ?? nodeTreeFileSystem;
    this.#slots = new OperationSlots(
      options.maxConcurrentOperations,
      options.signal,
    );
  }

  async deleteRoot(root: string): Promise<void> {
    let isFolder: boolean;
    try {
      const stats = await this.#slots.run(() => this.#fileSystem.lstat(root));
      isFolder = stats.isDirectory();
    } catch (error) {
      this.#recordFailure(root, error);
      return;
    }
    await this.#deleteEntry(root, isFolder);
  }

  /** Deletes one entry and returns whether it is gone. */
  async #deleteEntry(entryPath: string, isFolder: boolean): Promise<boolean> {
    try {
      if (isFolder) {
        return await this.#deleteFolder(entryPath);
      }
      await this.#slots.run(() => this.#fileSystem.unlink(entryPath));
      this.result.files += 1;
      return true;
    } catch (error) {
      return this.#recordFailure(entryPath, error);
    }
  }

  async #deleteFolder(folder: string): Promise<boolean> {
    const entries = await this.#slots.run(() =>
      this.#fileSystem.readdir(folder, { withFileTypes: true }),
    );
    // readdir reports a symbolic link as a link even when it points at a
    // folder, so links are unlinked here and the walk never descends into one.
    // NOTE: on a file system that reports no entry types (DT_UNKNOWN), Node
    // 20 lstats every entry of the folder at once inside readdir, so there
    // the limit on calls in flight does not hold for that step.
    const deleted = await Promise.all(
      entries.map((entry) =>
        this.#deleteEntry(path.join(folder, entry.name), entry.isDirectory()),
      ),
    );
    if (deleted.includes(false)) {
      return false;
    }
    await this.#slots.run(() => this.#fileSystem.rmdir(folder));
    this.result.folders += 1;
    return true;
  }

  /**
   * Records why an entry was not deleted and returns whether it is gone
   * anyway, which is the case after ENOENT.
   */
  #recordFailure(entryPath: string, error: unknown): boolean {
    if (error instanceof DeletionStopped) {
      this.result.stopped = true;
      return false;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return true;
    }
    this.result.failed += 1;
    this.result.firstFailure ??= { path: entryPath, error };
    return false;
  }
}

/**
 * A counting semaphore over file system calls. A finishing call hands its
 * slot straight to the next waiting one, so the number in flight never
 * exceeds the maximum. After the signal aborts, every waiting call is
 * rejected with DeletionStopped instead of being started.
 */
class OperationSlots {
  readonly #max: number;
  readonly #signal: AbortSignal | undefined;
  readonly #waiting: Array<() => void> = [];
  #active = 0;

  constructor(max: number, signal: AbortSignal | undefined) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(
        `maxConcurrentOperations must be an integer of at least 1, got ${max}`,
      );
    }
    this.#max = max;
    this.#signal = signal;
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      if (this.#signal?.aborted) {
        throw new DeletionStopped('the deletion was stopped');
      }
      return await operation();
    } finally {
      this.#release();
    }
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.#max) {
      this.#active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) {
      this.#active -= 1;
    } else {
      next();
    }
  }
}
