import type { ActivateResult, ReleaseList } from '../protocol/index.js';

import { SILENT_LOGGER } from './log.js';
import {
  activateRelease,
  listReleases,
  type ReleaseRequestOptions,
} from './releases-api.js';

/** Options for {@link rollback}. */
export interface RollbackOptions extends ReleaseRequestOptions {
  /**
   * Release to make live. When not set, the release just older than the
   * live one is made live.
   */
  to?: string;
}

/**
 * Lists the kept releases and activates the one just older than the live
 * release, or `options.to` when it is set.
 *
 * @throws Error when no release qualifies (see {@link chooseRollbackTarget}),
 *   and DeployFailedError when the receiver rejects a request or cannot be
 *   reached.
 */
export async function rollback(
  options: RollbackOptions,
): Promise<ActivateResult> {
  const log = options.log ?? SILENT_LOGGER;
  const list = await listReleases(options);
  const target = chooseRollbackTarget(list, options.to);
  log.info(describeRollback(list, target));
  return activateRelease(options, target);
}

function describeRollback(list: ReleaseList, target: string): string {
  if (list.current === null) {
    return `activating release ${target} of site ${list.site}, which has no live release`;
  }
  if (list.current === target) {
    return `release ${target} of site ${list.site} is already live; activating it again`;
  }
  return `rolling back site ${list.site} from release ${list.current} to release ${target}`;
}

/**
 * Picks the release that a rollback activates: `to` when it is set and in
 * the list, otherwise the newest release older than the live one that was
 * live at some time, skipping staged releases that never went live.
 *
 * @throws Error when `to` is not in the list, when no release is live, or
 *   when the live release is the oldest one kept.
 */
export function chooseRollbackTarget(list: ReleaseList, to?: string): string {
  const names = list.releases.map((summary) => summary.release);
  if (to !== undefined) {
    if (!names.includes(to)) {
      throw new Error(
        `release ${to} is not kept for site ${list.site}; ` +
          `the kept releases are: ${names.join(', ') || 'none'}`,
      );
    }
    return to;
  }

  const liveIndex = list.releases.findIndex((summary) => summary.live);
  if (liveIndex === -1) {
    throw new Error(
      `no release of site ${list.site} is live, so there is nothing to ` +
        'roll back from; deploy first, or activate a staged release by name',
    );
  }
  // A staged release that never went live is no state to go back to.
  const older = list.releases
    .slice(liveIndex + 1)
    .find((summary) => summary.lastActivatedAt != null)?.release;
  if (older === undefined) {
    throw new Error(
      `no release that was live before ${names[liveIndex]} is kept for ` +
        `site ${list.site}, so there is nothing to roll back to; list the ` +
        'releases and pass one with --to (the release input in the action)',
    );
  }
  return older;
}
