import type {
  ActivateResult,
  ReleaseList,
  ReleaseSummary,
} from '../protocol/index.js';

import {
  checkActivateResult,
  checkReleaseList,
  checkReleaseSummary,
} from './release-results.js';
import { sendSignedRequest, type ReceiverOptions } from './signed-request.js';
import {
  checkReleaseName,
  checkSiteName,
  DEFAULT_SITE,
} from './target-names.js';

/** Options for the release history requests. */
export interface ReleaseRequestOptions extends ReceiverOptions {
  /**
   * Site name on the receiver, `default` when not set. Listing signs it as
   * the target. Activation signs the release id instead and ignores it.
   */
  site?: string;
}

/**
 * Fetches the releases that the receiver keeps, newest first, from
 * `GET <url>/releases`.
 *
 * @throws TypeError for an invalid site name or url, and DeployFailedError
 *   when the receiver rejects the request or cannot be reached.
 */
export async function listReleases(
  options: ReleaseRequestOptions,
): Promise<ReleaseList> {
  const site = checkSiteName(options.site ?? DEFAULT_SITE);
  return sendSignedRequest(options, {
    method: 'GET',
    path: 'releases',
    operation: 'list',
    target: site,
    description: 'the release list request',
    parse: (status, body) => checkReleaseList(status, body, site),
  });
}

/**
 * Fetches one kept release from `GET <url>/releases/<release>`.
 *
 * @throws TypeError for an invalid site name, release id or url, and
 *   DeployFailedError when the receiver rejects the request, for example
 *   with 404 `release_not_found`, or cannot be reached.
 */
export async function showRelease(
  options: ReleaseRequestOptions,
  release: string,
): Promise<ReleaseSummary> {
  const site = checkSiteName(options.site ?? DEFAULT_SITE);
  checkReleaseName(release);
  return sendSignedRequest(options, {
    method: 'GET',
    path: `releases/${release}`,
    operation: 'list',
    target: site,
    description: `the request for release ${release}`,
    parse: (status, body) => checkReleaseSummary(status, body, release),
  });
}

/**
 * Makes a kept release live with `POST <url>/releases/<release>/activate`.
 *
 * @throws TypeError for an invalid release id or url, and DeployFailedError
 *   when the receiver rejects the request, for example with 404
 *   `release_not_found` for a pruned or unknown release, or cannot be
 *   reached.
 */
export async function activateRelease(
  options: ReleaseRequestOptions,
  release: string,
): Promise<ActivateResult> {
  checkReleaseName(release);
  return sendSignedRequest(options, {
    method: 'POST',
    path: `releases/${release}/activate`,
    operation: 'activate',
    target: release,
    description: `the activation of release ${release}`,
    parse: (status, body) => checkActivateResult(status, body, release),
  });
}

/** Describes an activation in one sentence, for logs and CLI output. */
export function describeActivation(result: ActivateResult): string {
  if (result.previous === result.release) {
    return `release ${result.release} was already live and still is`;
  }
  const previous =
    result.previous === null
      ? 'no release was live before'
      : `the previous live release was ${result.previous}`;
  return `release ${result.release} is live; ${previous}`;
}
