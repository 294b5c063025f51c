import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Folder layout under the receiver's data folder. Everything lives on one
 * file system, so a staged release moves into place with a rename.
 */
export interface DataDir {
  root: string;
  /** One folder per release: `<release>/site/` and `<release>/release.json`. */
  releases: string;
  /** Symbolic link to the live release's `site/` folder; nginx can use it as `root`. */
  current: string;
  /** Releases being unpacked; anything here at start is a leftover. */
  staging: string;
  /** Uploads in flight, one private folder per request. */
  tmp: string;
  /**
   * Pruned releases waiting for the background deletion. Anything here at
   * start is a leftover.
   */
  trash: string;
  /** Deployment ids already used, kept for the timestamp tolerance window. */
  replay: string;
}

/** Returns the layout of the data folder at `root`. */
export function dataDirAt(root: string): DataDir {
  return {
    root,
    releases: path.join(root, 'releases'),
    current: path.join(root, 'current'),
    staging: path.join(root, 'staging'),
    tmp: path.join(root, 'tmp'),
    trash: path.join(root, 'trash'),
    replay: path.join(root, 'replay'),
  };
}

/**
 * Creates the data folders and removes what an interrupted run left in the
 * staging, temp and trash areas. Only one receiver may use a data folder,
 * because this removes the other's work in progress. The trash is emptied
 * with a recursive `rm`, which can keep the whole thread pool busy. That is
 * harmless here, because this runs before the receiver listens.
 *
 * @returns the names of the leftover entries that were removed.
 */
export async function prepareDataDir(dir: DataDir): Promise<string[]> {
  await mkdir(dir.root, { recursive: true, mode: 0o755 });
  await mkdir(dir.releases, { recursive: true, mode: 0o755 });
  await mkdir(dir.staging, { recursive: true, mode: 0o700 });
  await mkdir(dir.tmp, { recursive: true, mode: 0o700 });
  await mkdir(dir.replay, { recursive: true, mode: 0o700 });
  await mkdir(dir.trash, { recursive: true, mode: 0o700 });

  const removed: string[] = [];
  for (const folder of [dir.staging, dir.tmp, dir.trash]) {
    for (const name of await readdir(folder)) {
      await rm(path.join(folder, name), { recursive: true, force: true });
      removed.push(path.join(path.basename(folder), name));
    }
  }
  for (const name of await readdir(dir.root)) {
    if (name.startsWith(NEXT_LINK_PREFIX)) {
      await rm(path.join(dir.root, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** Prefix of the temporary link that replaces `current` by rename. */
export const NEXT_LINK_PREFIX = '.current-next-';
