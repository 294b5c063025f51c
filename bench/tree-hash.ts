import { createHash, type Hash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { compareCodeUnits } from './site-plan.js';

/**
 * SHA-256 over a folder's files in path order: for each file its relative
 * path, a NUL, its size in decimal, a NUL, then its bytes. Two trees have the
 * same digest exactly when they hold the same paths with the same bytes
 * (folders and file modes are not covered).
 */
export class TreeHash {
  readonly #hash: Hash = createHash('sha256');
  files = 0;
  bytes = 0;

  /** Adds one file. Files must be added in {@link compareCodeUnits} order. */
  add(relativePath: string, content: Buffer | string): void {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    this.#hash.update(`${relativePath}\0${data.length}\0`);
    this.#hash.update(data);
    this.files += 1;
    this.bytes += data.length;
  }

  digest(): string {
    return this.#hash.digest('hex');
  }
}

/** Lists the regular files under `dir` as sorted POSIX relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const pending = [''];
  // Bounded by the number of folders in the tree.
  while (pending.length > 0) {
    const prefix = pending.pop() as string;
    const entries = await readdir(path.join(dir, prefix), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        pending.push(relative);
      } else if (entry.isFile()) {
        files.push(relative);
      }
    }
  }
  return files.sort(compareCodeUnits);
}

/** Hashes the files of a folder on disk, as {@link TreeHash} defines. */
export async function hashTree(
  dir: string,
): Promise<{ sha256: string; files: number; bytes: number }> {
  const tree = new TreeHash();
  for (const relative of await listFiles(dir)) {
    tree.add(relative, await readFile(path.join(dir, relative)));
  }
  return { sha256: tree.digest(), files: tree.files, bytes: tree.bytes };
}
