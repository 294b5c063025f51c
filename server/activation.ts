import type { Logger } from 'pino';

import type { ReleaseTrash } from './release-trash.js';
import type { ReleaseStore } from './releases.js';
import { pruneReleases } from './retention.js';

/**
 * Makes `release` live and then prunes old releases. Pruning runs after the
 * switch, so the release being activated is already the live one and is
 * never pruned. Pruned releases leave the list before this returns, and
 * their files are deleted in the background afterwards.
 *
 * @returns the release that was live before, or null.
 */
export async function activateRelease(
  releases: ReleaseStore,
  release: string,
  options: { keepReleases: number; trash: ReleaseTrash; logger: Logger },
): Promise<string | null> {
  const previous = releases.current ?? null;
  await releases.activate(release);
  await pruneReleases(
    releases,
    options.trash,
    options.keepReleases,
    options.logger,
  );
  return previous;
}
