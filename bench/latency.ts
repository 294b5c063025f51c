import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import type { InputResult } from './input-bench.js';
import type { ProbeResult } from './latency-probe.js';
import { benchFile, REPO_ROOT } from './paths.js';

const PROBE_PATH = benchFile('latency-probe.ts');

/** Idle measurement length before each deploy, in seconds. */
export const IDLE_SECONDS = 5;
/** Maximum time a probe runs during a deploy, in seconds. */
export const MAX_DEPLOY_SECONDS = 120;
/** Requests per second that the probe sends. */
export const PROBE_RATE = 50;

/**
 * Runs the latency probe against `url` in its own process. Without `action`
 * it runs for `maxSeconds`. With `action`, it runs `action` once the probe
 * has its first response and stops the probe when `action` settles, or
 * after `maxSeconds`, whichever comes first.
 */
export async function runProbe<T>(
  url: string,
  maxSeconds: number,
  action?: () => Promise<T>,
): Promise<{ probe: ProbeResult; value?: T }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      PROBE_PATH,
      '--url',
      url,
      '--rate',
      String(PROBE_RATE),
      '--max-seconds',
      String(maxSeconds),
    ],
    // The cwd lets node resolve --import tsx from the repository.
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // The probe stops itself after maxSeconds, and this is a second bound.
  const killTimer = setTimeout(
    () => child.kill('SIGKILL'),
    (maxSeconds + 30) * 1000,
  );
  let actionRun: Promise<T> | undefined;
  const resultLine = new Promise<ProbeResult>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line === 'started') {
        if (action !== undefined) {
          actionRun = action().finally(() => child.kill('SIGTERM'));
          // Its rejection is reported below, after the probe has stopped.
          actionRun.catch(() => {});
        }
        return;
      }
      resolve(JSON.parse(line) as ProbeResult);
    });
    child.once('exit', (code) =>
      reject(new Error(`latency probe exited with ${code} before reporting`)),
    );
  });
  try {
    const probe = await resultLine;
    if (action !== undefined && actionRun === undefined) {
      throw new Error(`latency probe got no response from ${url}`);
    }
    const value = actionRun === undefined ? undefined : await actionRun;
    return { probe, value };
  } finally {
    clearTimeout(killTimer);
    child.kill('SIGTERM');
  }
}

/** Pooled idle and deploy-time latencies of one input. */
export function latencySummary(result: InputResult): {
  idle: number[];
  during: number[];
  /** Requests due while the receiver worked: from upload start to the response. */
  duringReceiver: number[];
  idleErrors: number;
  duringErrors: number;
  releaseChanges: number;
} {
  const pool = (pick: (pair: InputResult['latency'][number]) => ProbeResult) =>
    result.latency.flatMap((pair) => pick(pair).latenciesMs);
  return {
    idle: pool((pair) => pair.idle),
    during: pool((pair) => pair.during),
    duringReceiver: result.latency.flatMap(receiverSideLatencies),
    idleErrors: result.latency.reduce((n, pair) => n + pair.idle.errors, 0),
    duringErrors: result.latency.reduce((n, pair) => n + pair.during.errors, 0),
    releaseChanges: result.latency.reduce(
      (n, pair) => n + pair.during.releaseChanges,
      0,
    ),
  };
}

/**
 * Returns the latencies of the requests that were due from the start of the
 * upload to the start of the CLI's exit. Only the receiver had work then, so
 * CPU time that packing takes on the same machine is left out.
 */
function receiverSideLatencies(pair: InputResult['latency'][number]): number[] {
  const from = pair.deploy.stepStartsEpochMs.upload;
  const to = pair.deploy.stepStartsEpochMs.exit;
  if (from === undefined || to === undefined) {
    return [];
  }
  return pair.during.latenciesMs.filter((_latency, i) => {
    const due = pair.during.dueEpochMs[i] as number;
    return due >= from && due < to;
  });
}
