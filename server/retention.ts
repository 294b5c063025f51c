import type { Logger } from 'pino';

import type { ReleaseTrash } from './release-trash.js';
import type { ReleaseStore } from './releases.js';

/**
 * Moves the releases beyond the newest `keep` into the trash, never the
 * live one, and starts the background deletion of the trash. A moved
 * release is gone from the list at once, but its files are deleted after
 * this returns. A release that cannot be moved is logged and left for the
 * next activation's pruning, because a full history is better than a failed
 * activation.
 *
 * @returns the names of the releases that were moved into the trash.
 */
export async function pruneReleases(
  releases: ReleaseStore,
  trash: ReleaseTrash,
  keep: number,
  logger: Logger,
): Promise<string[]> {
  const live = releases.current;
  const all = await releases.list();
  const surplus = all.slice(keep).filter((record) => record.release !== live);

  const removed: string[] = [];
  for (const record of surplus) {
    try {
      await trash.moveIn(releases.folderOf(record.release));
      removed.push(record.release);
    } catch (error) {
      logger.error(
        { err: error, release: record.release },
        'failed to prune a release; retrying at the next activation',
      );
    }
  }
  if (removed.length > 0) {
    logger.info(
      { removed, kept: all.length - removed.length },
      'pruned releases',
    );
  }
  // Runs even when nothing was moved, so that what an earlier deletion
  // failed to delete is retried.
  trash.empty();
  return removed;
}
