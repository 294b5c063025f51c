import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

import { DeployError } from '../errors.js';
import { toExtractError } from './archive-errors.js';
import { forEachConcurrently } from './concurrency.js';
import type { PlannedEntry } from './entry-layout.js';
import { FOLDER_MODE } from './file-modes.js';
import type { ExtractLimits } from './limits.js';

/**
 * Returns every folder that `entries` need, as relative POSIX paths: folder
 * entries and the parents of every entry. Each list contains the folders of
 * one depth, shallowest first, so a list can be created in any order once
 * the lists before it exist.
 *
 * Folders count against `limits.maxEntries`, because implied parents cost
 * memory here and an inode each, and 20,000 entries 63 folders deep would
 * imply 1.26 million of them. Throws DeployError too_many_entries.
 */
export function foldersByDepth(
  entries: readonly PlannedEntry[],
  limits: ExtractLimits,
): string[][] {
  const folders = new Set<string>();
  for (const planned of entries) {
    let folder = planned.name.isFolder
      ? planned.name.path
      : path.posix.dirname(planned.name.path);
    while (folder !== '.' && !folders.has(folder)) {
      folders.add(folder);
      folder = path.posix.dirname(folder);
    }
    if (folders.size > limits.maxEntries) throw tooManyFolders(limits);
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
 * written in any order. Every folder gets a chmod, because mkdir() applies
 * the umask and default ACLs and inherits a setgid bit. mkdir() without
 * `recursive` fails if the path exists, which happens only when the file
 * system treats two names as one, such as names that differ in case on a
 * case-insensitive one. That is rejected as duplicate_entry.
 */
export async function createFolders(
  root: string,
  levels: readonly string[][],
  concurrency: number,
): Promise<void> {
  for (const level of levels) {
    await forEachConcurrently(level, concurrency, async (folder) => {
      const target = path.join(root, folder);
      try {
        await mkdir(target, { mode: FOLDER_MODE });
        await chmod(target, FOLDER_MODE);
      } catch (error) {
        throw toExtractError(error, `${folder}/`);
      }
    });
  }
}

function tooManyFolders(limits: ExtractLimits): DeployError {
  return new DeployError(
    'too_many_entries',
    `archive entries need more than ${limits.maxEntries} folders, counting ` +
      'the parents that their paths imply, more than the entry limit. ' +
      "Deploy a flatter site, or ask the receiver's operator to raise the " +
      'limit.',
  );
}
