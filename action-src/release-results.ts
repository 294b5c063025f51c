import {
  TARGET_PATTERN,
  type ActivateResult,
  type ReleaseList,
  type ReleaseSummary,
} from '../protocol/index.js';

import { invalidResponse } from './response.js';
import { singleLine } from './single-line.js';

type JsonObject = Record<string, unknown>;

/**
 * Checks the body of `GET <url>/releases` and returns it as it is.
 *
 * @throws DeployFailedError when the body is not a release list, or lists
 *   another site than `site`.
 */
export function checkReleaseList(
  status: number,
  body: unknown,
  site: string,
): ReleaseList {
  if (
    !isObject(body) ||
    typeof body.site !== 'string' ||
    !isOptionalReleaseName(body.current) ||
    !Array.isArray(body.releases)
  ) {
    throw invalidResponse(status, 'the body is not a release list');
  }
  if (body.site !== site) {
    throw invalidResponse(
      status,
      `the release list is for site ${singleLine(body.site)}, not ${site}`,
    );
  }
  body.releases.forEach((release, index) => {
    if (!isReleaseSummary(release)) {
      throw invalidResponse(
        status,
        `entry ${index + 1} of the release list is not a release summary`,
      );
    }
  });
  return body as unknown as ReleaseList;
}

/**
 * Checks the body of `GET <url>/releases/<release>` and returns it as it is.
 *
 * @throws DeployFailedError when the body is not the summary of `release`.
 */
export function checkReleaseSummary(
  status: number,
  body: unknown,
  release: string,
): ReleaseSummary {
  if (!isReleaseSummary(body)) {
    throw invalidResponse(status, 'the body is not a release summary');
  }
  if (body.release !== release) {
    throw invalidResponse(
      status,
      `for release ${singleLine(body.release)}, not ${release}`,
    );
  }
  return body;
}

/**
 * Checks the body of `POST <url>/releases/<release>/activate` and returns
 * it as it is.
 *
 * @throws DeployFailedError when the body is not the activation of `release`.
 */
export function checkActivateResult(
  status: number,
  body: unknown,
  release: string,
): ActivateResult {
  if (
    !isObject(body) ||
    typeof body.release !== 'string' ||
    !isOptionalReleaseName(body.previous) ||
    typeof body.activatedAt !== 'string'
  ) {
    throw invalidResponse(status, 'the body is not an activation result');
  }
  if (body.release !== release) {
    throw invalidResponse(
      status,
      `activated release ${singleLine(body.release)}, not ${release}`,
    );
  }
  return body as unknown as ActivateResult;
}

/** Checks the fields that this client reads. */
function isReleaseSummary(value: unknown): value is ReleaseSummary {
  if (!isObject(value)) {
    return false;
  }
  const strings = ['deploymentId', 'createdAt', 'archiveSha256'];
  const numbers = ['archiveBytes', 'files', 'bytes'];
  return (
    isReleaseName(value.release) &&
    strings.every((key) => typeof value[key] === 'string') &&
    numbers.every((key) => typeof value[key] === 'number') &&
    isObject(value.metadata) &&
    typeof value.live === 'boolean'
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that a value is a release id in the target format. A later
 * activation signs the id and puts it into a URL path, and the id is
 * printed in logs, where a line break could start a workflow command.
 */
function isReleaseName(value: unknown): value is string {
  return typeof value === 'string' && TARGET_PATTERN.test(value);
}

function isOptionalReleaseName(value: unknown): value is string | null {
  return value === null || isReleaseName(value);
}
