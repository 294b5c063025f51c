import type { Logger } from 'pino';

import type { ReleaseStore } from './releases.js';

/**
 * Deletes releases beyond the newest `keep`, never the live one. A release
 * that cannot be deleted is logged and left for the next activation's
 * pruning, because a full history is better than a failed activation.
 *
 * @returns the names of the releases that were deleted.
 */
export async function pruneReleases(
  releases: ReleaseStore,
  keep: number,
  logger: Logger,
): Promise<string[]> {
  const live = releases.current;
  const all = await releases.list();
  const surplus = all.slice(keep).filter((record) => record.release !== live);

  const removed: string[] = [];
  for (const record of surplus) {
    try {
      await releases.remove(record.release);
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
  return removed;
}
