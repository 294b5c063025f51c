import { runTimed, type TimedRun } from './processes.js';

/**
 * Copies the previous release with `cp -a` when there is one, mirrors the
 * site into the copy with `rsync -a --delete`, then renames a new symlink
 * over `current`, the same switch the product makes.
 */
const RSYNC_SCRIPT = String.raw`
set -eu
if [ -n "$PREVIOUS" ]; then
  cp -a "$PREVIOUS" "$RELEASE"
fi
rsync -a --delete "$SITE_DIR/" "$RELEASE/"
ln -s "$RELEASE" "$ROOT/.current-next"
mv -T "$ROOT/.current-next" "$ROOT/current"
`;

/**
 * Deploys `siteDir` into the new folder `release` under `root` with rsync:
 * a full deploy into an empty folder when `previous` is undefined, and
 * otherwise an incremental one into a copy of `previous`.
 */
export function runRsyncDeploy(
  siteDir: string,
  root: string,
  release: string,
  previous: string | undefined,
  timeoutMs: number,
): Promise<TimedRun> {
  return runTimed('bash', ['-c', RSYNC_SCRIPT], {
    env: {
      PATH: process.env.PATH,
      SITE_DIR: siteDir,
      ROOT: root,
      RELEASE: release,
      PREVIOUS: previous ?? '',
    },
    timeoutMs,
  });
}
