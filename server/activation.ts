import type { Logger } from 'pino';

import type { ReleaseStore } from './releases.js';
import { pruneReleases } from './retention.js';

/**
 * Makes `release` live and then prunes old releases. Pruning runs after the
 * switch, so the release being activated is already the live one and is
 * never deleted.
 *
 * @returns the release that was live before, or null.
 */
export async function activateRelease(
  releases: ReleaseStore,
  release: string,
  options: { keepReleases: number; logger: Logger },
): Promise<string | null> {
  const previous = releases.current ?? null;
  await releases.activate(release);
  await pruneReleases(releases, options.keepReleases, options.logger);
  return previous;
}
