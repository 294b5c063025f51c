import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  nodeTreeFileSystem,
  type TreeFileSystem,
} from '../../server/delete-tree.js';

/** One call that a probed file system received. */
export interface FileSystemCall {
  name: keyof TreeFileSystem;
  path: string;
  startedAt: number;
}

export interface ProbeOptions {
  /** Awaited before every call, so a test can hold calls back. */
  before?: (name: keyof TreeFileSystem, target: string) => Promise<void>;
  /** Delay added to every call, in milliseconds. */
  delayMs?: number;
  /** Returns the error a call fails with, or undefined to run it. */
  fail?: (name: keyof TreeFileSystem, target: string) => Error | undefined;
}

/** The real file system, recording its calls and how many ran at once. */
export interface ProbedFileSystem extends TreeFileSystem {
  calls: FileSystemCall[];
  inFlight: number;
  maxInFlight: number;
}

/** Wraps `nodeTreeFileSystem` with the delays and faults in `options`. */
export function probedFileSystem(options: ProbeOptions = {}): ProbedFileSystem {
  const probe = { calls: [] as FileSystemCall[], inFlight: 0, maxInFlight: 0 };
  const wrap =
    <A extends [string, ...unknown[]], R>(
      name: keyof TreeFileSystem,
      call: (...args: A) => Promise<R>,
    ) =>
    async (...args: A): Promise<R> => {
      const target = args[0];
      probe.calls.push({ name, path: target, startedAt: performance.now() });
      probe.inFlight += 1;
      probe.maxInFlight = Math.max(probe.maxInFlight, probe.inFlight);
      try {
        await options.before?.(name, target);
        if (options.delayMs !== undefined) {
          await sleep(options.delayMs);
        }
        const failure = options.fail?.(name, target);
        if (failure !== undefined) {
          throw failure;
        }
        return await call(...args);
      } finally {
        probe.inFlight -= 1;
      }
    };
  return Object.assign(probe, {
    lstat: wrap('lstat', nodeTreeFileSystem.lstat),
    readdir: wrap('readdir', nodeTreeFileSystem.readdir),
    unlink: wrap('unlink', nodeTreeFileSystem.unlink),
    rmdir: wrap('rmdir', nodeTreeFileSystem.rmdir),
  });
}

/** Returns an error with `code`, like the ones `node:fs` raises. */
export function fileSystemError(code: string, target: string): Error {
  return Object.assign(new Error(`${code}: simulated fault, ${target}`), {
    code,
  });
}

/**
 * Writes `folders` folders of `filesPerFolder` small files under `root`,
 * one folder at a time.
 *
 * @returns the number of files written.
 */
export async function writeTree(
  root: string,
  folders: number,
  filesPerFolder: number,
): Promise<number> {
  for (let folder = 0; folder < folders; folder += 1) {
    const dir = path.join(root, 'pages', String(folder));
    await mkdir(dir, { recursive: true });
    await Promise.all(
      Array.from({ length: filesPerFolder }, (_, index) =>
        writeFile(path.join(dir, `page-${index}.html`), `page ${index}`),
      ),
    );
  }
  return folders * filesPerFolder;
}

/** A promise with its resolve function, for holding calls back. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
