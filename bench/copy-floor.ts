import { runTimed, type TimedRun } from './processes.js';

/** Copies the site with `cp -r` and hashes every copied file with sha256sum. */
const FLOOR_SCRIPT = String.raw`
set -eu
cp -r "$SITE_DIR" "$TARGET"
cd "$TARGET"
find . -type f -print0 | xargs -0 sha256sum > /dev/null
`;

/**
 * Runs the floor: the least work any deploy has to do, which is to write
 * every file once and read it back once.
 */
export function runCopyFloor(
  siteDir: string,
  target: string,
  timeoutMs: number,
): Promise<TimedRun> {
  return runTimed('bash', ['-c', FLOOR_SCRIPT], {
    env: { PATH: process.env.PATH, SITE_DIR: siteDir, TARGET: target },
    timeoutMs,
  });
}
