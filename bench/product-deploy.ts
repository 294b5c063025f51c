import { CLI_PATH } from './paths.js';
import { PhaseWatch } from './phase-watch.js';
import { readMemory, resetPeakMemory, runTimed } from './processes.js';
import type { ReceiverProcess } from './receiver-process.js';

/** The receiver's default API prefix. */
export const API_PREFIX = '/_static-deploy';

/**
 * Durations of the steps of one product deploy in ms, from the CLI's
 * stderr lines and the receiver's data folder (see {@link PhaseWatch}).
 * A step whose start or end was not observed is undefined.
 */
export interface ProductPhases {
  /**
   * Node start, module loading and `git rev-parse` of the site folder. With
   * --archive, also counting the archive's entries and hashing it.
   */
  startup?: number;
  /** Packing: listing, zipping and hashing, as the CLI reports it. */
  pack?: number;
  /** Signing, connecting, 100-continue and the receiver's header checks. */
  signAndConnect?: number;
  /** Streaming the body into the receiver's temp file, hashed inline. */
  upload?: number;
  /** Unpacking into the staging folder and publishing the release. */
  extract?: number;
  /** Replacing the `current` link. */
  activate?: number;
  /** Pruning, the replay record and the response, until the CLI logs it. */
  respond?: number;
  /** Removing the temporary archive and exiting. */
  exit?: number;
}

/** Measurements of one `node dist/cli.js deploy` run. */
export interface ProductRun {
  wallMs: number;
  cpuSeconds: number;
  cliPeakKib: number;
  /** Peak RSS of the receiver during this deploy, when it could be reset. */
  receiverPeakKib: number;
  receiverPeakIsPerDeploy: boolean;
  /** Releases the receiver logged as pruned during this deploy. */
  prunedReleases: number;
  /** RSS of the receiver after the deploy, to spot memory growth. */
  receiverRssAfterKib: number;
  /** `durationMs` of the receiver's deploy log line. */
  receiverDurationMs: number;
  /**
   * `stepsMs` of the receiver's deploy log line: receive, extract, publish
   * and activate, each timed inside the receiver.
   */
  receiverStepsMs: Record<string, number>;
  /** Duration the CLI's summary line reports, NaN when it has none. */
  cliDurationMs: number;
  phases: ProductPhases;
  /** Wall-clock time (Unix ms) at which each observed step started. */
  stepStartsEpochMs: Partial<Record<keyof ProductPhases, number>>;
  deploymentId: string;
  release: string;
  /** The CLI's stderr, at most 1 MiB. */
  cliStderr: string;
}

/** Source of a deploy: a site folder, or a zip built elsewhere. */
export type DeploySource = { path: string } | { archive: string };

/**
 * Deploys `source` with the bundled CLI (`cliPath`, dist/cli.js unless
 * given) to `receiver`, whose data folder is `dataDir`, and measures it.
 *
 * @throws Error when the deploy fails or its log line does not arrive.
 */
export async function runProductDeploy(
  receiver: ReceiverProcess,
  dataDir: string,
  source: DeploySource,
  secret: string,
  timeoutMs: number,
  extraNodeArgs: readonly string[] = [],
  cliPath: string = CLI_PATH,
): Promise<ProductRun> {
  const perDeploy = await resetPeakMemory(receiver.pid);
  const firstLogLine = receiver.lines.length;
  const watch = new PhaseWatch(dataDir);
  const marks: Record<string, number> = {};
  let packMs: number | undefined;
  const sourceArgs =
    'path' in source ? ['--path', source.path] : ['--archive', source.archive];

  const startedMs = performance.now();
  let run;
  try {
    run = await runTimed(
      process.execPath,
      [
        ...extraNodeArgs,
        cliPath,
        'deploy',
        '--url',
        `${receiver.url}${API_PREFIX}`,
        ...sourceArgs,
      ],
      {
        env: { ...process.env, STATIC_DEPLOY_SECRET: secret },
        timeoutMs,
        onStderrLine: (line, atMs) => {
          const packed = /^packed \d+ files .* in (\d+) ms$/.exec(line);
          if (packed !== null) {
            marks.packed = atMs;
            packMs = Number(packed[1]);
          } else if (line.startsWith('sending the prebuilt archive')) {
            marks.inspected = atMs;
          } else if (line.startsWith('receiver created release')) {
            marks.responded = atMs;
          }
        },
      },
    );
  } finally {
    watch.close();
  }
  const exitedMs = startedMs + run.wallMs;

  // Only the deployment id is required from the summary line, so a change
  // to its wording elsewhere does not break the benchmark.
  const deploymentId = /deployment ([0-9a-f]{32})/.exec(run.stdout)?.[1];
  if (deploymentId === undefined) {
    throw new Error(
      `no deployment id in the CLI output: ${run.stdout.slice(0, 500)}`,
    );
  }
  const cliDuration = /, (\d+) ms \(deployment /.exec(run.stdout)?.[1];
  const logLine = await receiver.waitForLine(
    (line) => line.msg === 'deploy' && line.deploymentId === deploymentId,
    10_000,
  );
  if (logLine.outcome !== 'deployed') {
    throw new Error(`receiver logged outcome ${String(logLine.outcome)}`);
  }
  const memory = await readMemory(receiver.pid);
  const pruned = receiver.lines
    .slice(firstLogLine)
    .filter((line) => line.msg === 'pruned releases')
    .reduce(
      (count, line) =>
        count + (Array.isArray(line.removed) ? line.removed.length : 0),
      0,
    );

  const t = watch.times;
  const packStart =
    marks.packed !== undefined && packMs !== undefined
      ? marks.packed - packMs
      : undefined;
  const clientDone = marks.packed ?? marks.inspected;
  return {
    wallMs: run.wallMs,
    cpuSeconds: run.userSeconds + run.systemSeconds,
    cliPeakKib: run.maxRssKib,
    receiverPeakKib: memory.peakKib,
    receiverPeakIsPerDeploy: perDeploy,
    receiverRssAfterKib: memory.currentKib,
    prunedReleases: pruned,
    cliStderr: run.stderr,
    receiverDurationMs: Number(logLine.durationMs),
    receiverStepsMs: stepsOf(logLine.stepsMs),
    cliDurationMs: Number(cliDuration ?? Number.NaN),
    deploymentId,
    release: String(logLine.release),
    stepStartsEpochMs: toEpoch({
      startup: startedMs,
      pack: packStart,
      signAndConnect: clientDone,
      upload: t.uploadStarted,
      extract: t.uploadVerified,
      activate: t.extracted,
      respond: t.activated,
      exit: marks.responded,
    }),
    phases: {
      startup: between(startedMs, packStart ?? marks.inspected),
      pack: packMs,
      signAndConnect: between(clientDone, t.uploadStarted),
      upload: between(t.uploadStarted, t.uploadVerified),
      extract: between(t.uploadVerified, t.extracted),
      activate: between(t.extracted, t.activated),
      respond: between(t.activated, marks.responded),
      exit: between(marks.responded, exitedMs),
    },
  };
}

/** Returns the numeric fields of a log line's `stepsMs`, or none. */
function stepsOf(value: unknown): Record<string, number> {
  const steps: Record<string, number> = {};
  if (typeof value !== 'object' || value === null) return steps;
  for (const [step, ms] of Object.entries(value)) {
    if (typeof ms === 'number') steps[step] = ms;
  }
  return steps;
}

function toEpoch(
  starts: Record<keyof ProductPhases, number | undefined>,
): Partial<Record<keyof ProductPhases, number>> {
  const epoch: Partial<Record<keyof ProductPhases, number>> = {};
  for (const [step, start] of Object.entries(starts)) {
    if (start !== undefined) {
      epoch[step as keyof ProductPhases] = performance.timeOrigin + start;
    }
  }
  return epoch;
}

function between(
  start: number | undefined,
  end: number | undefined,
): number | undefined {
  if (start === undefined || end === undefined || end < start) {
    return undefined;
  }
  return end - start;
}
