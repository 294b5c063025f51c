import { benchFile } from './paths.js';
import { runTimed, type TimedRun } from './processes.js';

const SCRIPT_PATH = benchFile('zip-curl.sh');

/** One zip-and-curl deploy, with the steps the script timed, in ms. */
export interface ZipCurlRun extends TimedRun {
  steps: Record<string, number>;
  /** Step times that the baseline receiver returned in its response. */
  receiver: Record<string, unknown>;
}

/**
 * Deploys `siteDir` to the baseline receiver at `url` with zip-curl.sh, the
 * curl and openssl recipe of docs/protocol.md.
 */
export async function runZipCurl(
  siteDir: string,
  url: string,
  secret: string,
  workDir: string,
  timeoutMs: number,
): Promise<ZipCurlRun> {
  const run = await runTimed('bash', [SCRIPT_PATH], {
    env: {
      PATH: process.env.PATH,
      URL: `${url}/_static-deploy`,
      SITE: 'default',
      SITE_DIR: siteDir,
      WORK_DIR: workDir,
      STATIC_DEPLOY_SECRET: secret,
    },
    timeoutMs,
  });
  const steps: Record<string, number> = {};
  for (const match of run.stderr.matchAll(/^step (\w+) (\d+)$/gm)) {
    steps[match[1] as string] = Number(match[2]);
  }
  return {
    ...run,
    steps,
    receiver: JSON.parse(run.stdout) as Record<string, unknown>,
  };
}
