import { randomBytes } from 'node:crypto';
import { readdir, rename } from 'node:fs/promises';
import path from 'node:path';

import type { Logger } from 'pino';

import {
  deleteTree,
  nodeTreeFileSystem,
  type TreeFileSystem,
} from './delete-tree.js';

/**
 * Maximum file system calls that the background deletion keeps in flight.
 * Node runs every asynchronous `fs` call on libuv's thread pool, which has
 * 4 threads unless UV_THREADPOOL_SIZE sets another size (Node.js CLI docs,
 * UV_THREADPOOL_SIZE), and the static site's stat and open calls queue on
 * the same pool. `fs.promises.rm` with `recursive` queues a call for every
 * entry at once, so reads of the live site waited behind a whole release.
 * Two calls leave the other threads free for serving.
 */
export const MAX_DELETE_OPERATIONS = 2;

/**
 * Maximum time `close` waits for the file system calls in flight. A local
 * unlink takes milliseconds, so a call that takes longer is probably stuck
 * on a failing disk or network file system, and shutdown should not wait
 * for it.
 */
const CLOSE_TIMEOUT_MS = 1000;

/**
 * The trash folder, where pruned releases wait for their deletion. A release
 * is renamed into it, which is atomic and takes it off the releases list at
 * once. It is then deleted in the background, by one deletion at a time with
 * a few file system calls in flight, so that serving the live site is not
 * slowed down.
 */
export class ReleaseTrash {
  readonly #dir: string;
  readonly #logger: Logger;
  readonly #fileSystem: TreeFileSystem;
  readonly #stop = new AbortController();
  #deletion: Promise<void> | undefined;
  #emptyAgain = false;

  constructor(
    dir: string,
    logger: Logger,
    options: { fileSystem?: TreeFileSystem } = {},
  ) {
    this.#dir = dir;
    this.#logger = logger;
    this.#fileSystem = options.fileSystem ?? nodeTreeFileSystem;
  }

  /**
   * Renames `folder` into the trash under its name and a random suffix, so
   * that an older leftover of the same name cannot block the rename. The
   * rename fails with EXDEV unless the folder is on the trash's file system.
   */
  async moveIn(folder: string): Promise<void> {
    const name = `${path.basename(folder)}.${randomBytes(4).toString('hex')}`;
    await rename(folder, path.join(this.#dir, name));
  }

  /**
   * Starts deleting everything in the trash in the background and returns at
   * once. While a deletion runs, a call makes it read the trash again when
   * it finishes instead of starting a second one. After `close` this does
   * nothing. Failures are logged, never thrown.
   */
  empty(): void {
    if (this.#stop.signal.aborted) {
      return;
    }
    if (this.#deletion !== undefined) {
      this.#emptyAgain = true;
      return;
    }
    this.#deletion = this.#emptyUntilDone()
      .catch((error: unknown) => {
        this.#logger.error(
          { err: error, trash: this.#dir },
          'failed to empty the trash; retrying at the next pruning or start',
        );
      })
      .finally(() => {
        this.#deletion = undefined;
      });
  }

  /** Resolves once no background deletion is running. */
  async idle(): Promise<void> {
    await this.#deletion;
  }

  /**
   * Stops the background deletion before its next file system call and
   * waits up to `timeoutMs` for the calls in flight. What is left in the
   * trash is deleted at the next start.
   */
  async close(timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
    this.#stop.abort();
    const deletion = this.#deletion;
    if (deletion === undefined) {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    });
    const finished = deletion.then(() => false);
    if (await Promise.race([finished, timedOut])) {
      this.#logger.warn(
        { timeoutMs, trash: this.#dir },
        'stopped waiting for the background deletion; the next start deletes what is left',
      );
    }
    clearTimeout(timer);
  }

  async #emptyUntilDone(): Promise<void> {
    do {
      this.#emptyAgain = false;
      await this.#emptyOnce();
    } while (this.#emptyAgain && !this.#stop.signal.aborted);
  }

  async #emptyOnce(): Promise<void> {
    const startedAt = performance.now();
    const entries = await readdir(this.#dir);
    if (entries.length === 0) {
      return;
    }
    const totals = { files: 0, folders: 0, failed: 0 };
    let stopped = false;
    // One entry at a time, so the limit on calls in flight holds for the
    // whole trash and not only for each entry.
    for (const entry of entries) {
      const entryPath = path.join(this.#dir, entry);
      const result = await deleteTree(entryPath, {
        maxConcurrentOperations: MAX_DELETE_OPERATIONS,
        signal: this.#stop.signal,
        fileSystem: this.#fileSystem,
      });
      totals.files += result.files;
      totals.folders += result.folders;
      totals.failed += result.failed;
      if (result.firstFailure !== undefined) {
        this.#logger.error(
          {
            err: result.firstFailure.error,
            path: result.firstFailure.path,
            entry,
            failed: result.failed,
          },
          'failed to delete part of a pruned release; retrying at the next pruning or start',
        );
      }
      if (result.stopped) {
        stopped = true;
        break;
      }
    }

    const fields = {
      entries,
      ...totals,
      durationMs: Math.round(performance.now() - startedAt),
    };
    if (stopped) {
      this.#logger.info(
        fields,
        'stopped deleting pruned releases for shutdown; the next start deletes what is left',
      );
    } else {
      this.#logger.info(fields, 'deleted pruned releases');
    }
  }
}
