import { TARGET_PATTERN } from '../protocol/index.js';

/** Site name used when none is given. */
export const DEFAULT_SITE = 'default';

/**
 * Checks a site name and returns it unchanged.
 *
 * @throws TypeError when the name does not match the protocol's target format.
 */
export function checkSiteName(site: string): string {
  return checkTargetName('site', site);
}

/**
 * Checks a release id and returns it unchanged. Release ids are signed as
 * the target of `activate` and become a URL path segment, so they must
 * match the same format as site names.
 *
 * @throws TypeError when the id does not match the protocol's target format.
 */
export function checkReleaseName(release: string): string {
  return checkTargetName('release', release);
}

function checkTargetName(kind: string, value: string): string {
  if (!TARGET_PATTERN.test(value)) {
    throw new TypeError(
      `invalid ${kind} "${value}": use 1 to 128 letters, digits, ` +
        "'.', '_' or '-', starting with a letter or digit",
    );
  }
  return value;
}
