import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

import { forEachConcurrently } from './concurrency.js';
import type { PlannedEntry } from './entry-layout.js';
import { FOLDER_MODE } from './file-modes.js';

/**
 * Returns every folder that `entries` need, as relative POSIX paths:
 * folder entries and the parents of every entry. Each list contains the
 * folders of one depth, shallowest first, so a list can be created in any
 * order once the lists before it exist.
 */
export function foldersByDepth(entries: readonly PlannedEntry[]): string[][] {
  const folders = new Set<string>();
  for (const planned of entries) {
    let folder = planned.name.isFolder
      ? planned.name.path
      : path.posix.dirname(planned.name.path);
    while (folder !== '.' && !folders.has(folder)) {
      folders.add(folder);
      folder = path.posix.dirname(folder);
    }
  }

  const levels: string[][] = [];
  for (const folder of folders) {
    const depth = folder.split('/').length - 1;
    (levels[depth] ??= []).push(folder);
  }
  return levels.filter((level) => level !== undefined);
}

/**
 * Creates `levels` (from {@link foldersByDepth}) under `root`, which must be
 * empty, so that each folder is created exactly once and files can then be
 * written in any order. mkdir() without `recursive` fails if the path
 * exists, which name conflict checks rule out beforehand.
 */
export async function createFolders(
  root: string,
  levels: readonly string[][],
  options: { fixModes: boolean; concurrency: number },
): Promise<void> {
  for (const level of levels) {
    await forEachConcurrently(level, options.concurrency, async (folder) => {
      const target = path.join(root, folder);
      await mkdir(target, { mode: FOLDER_MODE });
      if (options.fixModes) await chmod(target, FOLDER_MODE);
    });
  }
}
