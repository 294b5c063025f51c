import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

import { runCopyFloor } from './copy-floor.js';
import { IDLE_SECONDS, MAX_DEPLOY_SECONDS, runProbe } from './latency.js';
import type { ProbeResult } from './latency-probe.js';
import { mutateSite } from './mutate-site.js';
import { timePack } from './pack-timing.js';
import { benchFile, CLI_PATH, SERVER_PATH } from './paths.js';
import { readMemory, runTimed } from './processes.js';
import {
  runProductDeploy,
  type DeploySource,
  type ProductRun,
} from './product-deploy.js';
import { cleanEnv, ReceiverProcess } from './receiver-process.js';
import { runRsyncDeploy } from './rsync-deploy.js';
import { hashTree } from './tree-hash.js';
import { runZipCurl, type ZipCurlRun } from './zip-curl.js';

/** A site folder to benchmark. */
export interface BenchInput {
  /** Short name, used for folder names. */
  name: string;
  /** Description for the report. */
  label: string;
  /** Folder to deploy from; it is copied first and never written. */
  sourceDir: string;
  /** Whether the working copy may hard-link the source (cp -al). */
  hardlink: boolean;
  /** Receiver settings on top of the defaults, such as higher limits. */
  receiverEnv: Record<string, string>;
  /** Limit for one deploy or baseline run, in ms. */
  runTimeoutMs: number;
}

/** The bundles of another build, deployed side by side with dist/. */
export interface EarlierBundles {
  cliPath: string;
  serverPath: string;
}

/** Settings shared by all inputs of one benchmark run. */
export interface BenchSettings {
  workDir: string;
  seed: string;
  rounds: number;
  /** Pack-alone and --archive deploy pairs after the rounds. */
  splitRuns: number;
  /** Idle and during-deploy latency measurements. */
  latencyPairs: number;
  secret: string;
  /** Bundles for the productBefore method, which runs only when set. */
  before?: EarlierBundles;
  log: (message: string) => void;
}

export const METHODS = [
  'product',
  'productBefore',
  'zipCurl',
  'rsyncFull',
  'rsyncIncremental',
  'floor',
] as const;
export type Method = (typeof METHODS)[number];

/** Wall time, CPU time and peak RSS of one run of any method. */
export interface MethodSample {
  wallMs: number;
  cpuSeconds: number;
  maxRssKib: number;
}

/** Everything measured on one input. */
export interface InputResult {
  input: BenchInput;
  files: number;
  bytes: number;
  /** One sample per method and round, in round order. */
  samples: Record<Method, MethodSample[]>;
  productRuns: ProductRun[];
  /** Deploys with the --before bundles, empty without --before. */
  beforeRuns: ProductRun[];
  zipCurlRuns: ZipCurlRun[];
  packTimings: Array<{
    packMs: number;
    hashMs: number;
    signMicroseconds: number;
    archiveBytes: number;
  }>;
  archiveRuns: ProductRun[];
  latency: Array<{
    idle: ProbeResult;
    during: ProbeResult;
    deploy: ProductRun;
  }>;
  /** Warnings, errors and stray output of the receivers. */
  receiverProblems: string[];
  /** RSS of the product receiver after it started, before any deploy. */
  receiverStartRssKib: number;
  /** Peak RSS of `node dist/cli.js --help`, the CLI's fixed cost. */
  cliHelpPeakKib: number;
}

/** Folders of one input's run. */
interface RunFolders {
  site: string;
  productData: string;
  beforeData: string;
  baselineData: string;
  zipWork: string;
  rsyncFull: string;
  rsyncIncremental: string;
  floor: string;
}

/**
 * Benchmarks one input: `rounds` rounds that each change 10 files and then
 * run every method once, in an order that rotates by one each round, then
 * the pack-alone and --archive runs for the split, then the latency probe.
 */
export async function benchmarkInput(
  input: BenchInput,
  settings: BenchSettings,
): Promise<InputResult> {
  const { log } = settings;
  const runDir = path.join(settings.workDir, 'runs', input.name);
  const folders = await prepareFolders(runDir, input);
  const tree = await hashTree(folders.site);
  log(`${input.name}: ${tree.files} files, ${tree.bytes} bytes`);

  const product = await ReceiverProcess.start(
    'product receiver',
    [SERVER_PATH],
    cleanEnv({
      HOST: '127.0.0.1',
      PORT: '0',
      STATIC_DEPLOY_ROOT: folders.productData,
      STATIC_DEPLOY_SECRET: settings.secret,
      ...input.receiverEnv,
    }),
  );
  const before =
    settings.before === undefined
      ? undefined
      : await ReceiverProcess.start(
          'earlier product receiver',
          [settings.before.serverPath],
          cleanEnv({
            HOST: '127.0.0.1',
            PORT: '0',
            STATIC_DEPLOY_ROOT: folders.beforeData,
            STATIC_DEPLOY_SECRET: settings.secret,
            ...input.receiverEnv,
          }),
        );
  const baseline = await ReceiverProcess.start(
    'baseline receiver',
    ['--import', 'tsx', benchFile('baseline-receiver.ts')],
    cleanEnv({
      HOST: '127.0.0.1',
      PORT: '0',
      BASELINE_RECEIVER_ROOT: folders.baselineData,
      STATIC_DEPLOY_SECRET: settings.secret,
    }),
  );

  const result: InputResult = {
    input,
    files: tree.files,
    bytes: tree.bytes,
    samples: {
      product: [],
      productBefore: [],
      zipCurl: [],
      rsyncFull: [],
      rsyncIncremental: [],
      floor: [],
    },
    productRuns: [],
    beforeRuns: [],
    zipCurlRuns: [],
    packTimings: [],
    archiveRuns: [],
    latency: [],
    receiverProblems: [],
    receiverStartRssKib: (await readMemory(product.pid)).currentKib,
    cliHelpPeakKib: (
      await runTimed(process.execPath, [CLI_PATH, '--help'], {
        timeoutMs: 60_000,
      })
    ).maxRssKib,
  };
  try {
    const context = {
      input,
      settings,
      folders,
      product,
      before,
      baseline,
      result,
    };
    await runRounds(context);
    await runSplit(context);
    await runLatency(context);
  } finally {
    await product.stop();
    await before?.stop();
    await baseline.stop();
    result.receiverProblems = collectProblems(product, before, baseline);
    await rm(runDir, { recursive: true, force: true });
  }
  return result;
}

interface RunContext {
  input: BenchInput;
  settings: BenchSettings;
  folders: RunFolders;
  product: ReceiverProcess;
  /** Receiver of the --before bundles, when they were given. */
  before: ReceiverProcess | undefined;
  baseline: ReceiverProcess;
  result: InputResult;
}

async function prepareFolders(
  runDir: string,
  input: BenchInput,
): Promise<RunFolders> {
  await rm(runDir, { recursive: true, force: true });
  const folders: RunFolders = {
    site: path.join(runDir, 'site'),
    productData: path.join(runDir, 'product-data'),
    beforeData: path.join(runDir, 'before-data'),
    baselineData: path.join(runDir, 'baseline-data'),
    zipWork: path.join(runDir, 'zip-work'),
    rsyncFull: path.join(runDir, 'rsync-full'),
    rsyncIncremental: path.join(runDir, 'rsync-incremental'),
    floor: path.join(runDir, 'floor'),
  };
  for (const folder of [
    folders.zipWork,
    folders.rsyncFull,
    folders.rsyncIncremental,
    folders.floor,
  ]) {
    await mkdir(folder, { recursive: true });
  }
  // A hard-linked copy costs no disk. mutateSite replaces files by rename,
  // so the cached source stays unchanged.
  const copyFlags = input.hardlink ? '-al' : '-a';
  execFileSync('cp', [copyFlags, input.sourceDir, folders.site]);
  // The first incremental rsync deploy starts from a copy of the unchanged
  // site, as if it had been deployed before.
  execFileSync('cp', [
    '-a',
    folders.site,
    releaseOf(folders, 'incremental', 0),
  ]);
  return folders;
}

function releaseOf(
  folders: RunFolders,
  kind: 'full' | 'incremental',
  round: number,
): string {
  const root = kind === 'full' ? folders.rsyncFull : folders.rsyncIncremental;
  return path.join(root, `release-${round}`);
}

async function runRounds(context: RunContext): Promise<void> {
  const { settings, input } = context;
  for (let round = 1; round <= settings.rounds; round += 1) {
    await mutateSite(context.folders.site, settings.seed, round);
    const methods = METHODS.filter(
      (method) => method !== 'productBefore' || context.before !== undefined,
    );
    for (const method of rotate(methods, round - 1)) {
      const sample = await runMethod(context, method, round);
      context.result.samples[method].push(sample);
      settings.log(
        `${input.name} round ${round}/${settings.rounds}: ${method} ` +
          `${(sample.wallMs / 1000).toFixed(2)} s`,
      );
      await cleanUpAfter(context, method, round);
    }
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

async function runMethod(
  context: RunContext,
  method: Method,
  round: number,
): Promise<MethodSample> {
  const { folders, input, settings } = context;
  const timeoutMs = input.runTimeoutMs;
  switch (method) {
    case 'product': {
      const run = await runProductDeploy(
        context.product,
        folders.productData,
        { path: folders.site },
        settings.secret,
        timeoutMs,
      );
      context.result.productRuns.push(run);
      return productSample(run);
    }
    case 'productBefore': {
      const before = context.before as ReceiverProcess;
      const run = await runProductDeploy(
        before,
        folders.beforeData,
        { path: folders.site },
        settings.secret,
        timeoutMs,
        [],
        settings.before?.cliPath,
      );
      context.result.beforeRuns.push(run);
      return productSample(run);
    }
    case 'zipCurl': {
      const run = await runZipCurl(
        folders.site,
        context.baseline.url,
        settings.secret,
        folders.zipWork,
        timeoutMs,
      );
      context.result.zipCurlRuns.push(run);
      return sampleOf(run);
    }
    case 'rsyncFull':
      return sampleOf(
        await runRsyncDeploy(
          folders.site,
          folders.rsyncFull,
          releaseOf(folders, 'full', round),
          undefined,
          timeoutMs,
        ),
      );
    case 'rsyncIncremental':
      return sampleOf(
        await runRsyncDeploy(
          folders.site,
          folders.rsyncIncremental,
          releaseOf(folders, 'incremental', round),
          releaseOf(folders, 'incremental', round - 1),
          timeoutMs,
        ),
      );
    case 'floor':
      return sampleOf(
        await runCopyFloor(
          folders.site,
          path.join(folders.floor, `copy-${round}`),
          timeoutMs,
        ),
      );
  }
}

/** Returns a product deploy's sample, with the CLI's peak RSS. */
function productSample(run: ProductRun): MethodSample {
  return {
    wallMs: run.wallMs,
    cpuSeconds: run.cpuSeconds,
    maxRssKib: run.cliPeakKib,
  };
}

function sampleOf(run: {
  wallMs: number;
  userSeconds: number;
  systemSeconds: number;
  maxRssKib: number;
}): MethodSample {
  return {
    wallMs: run.wallMs,
    cpuSeconds: run.userSeconds + run.systemSeconds,
    maxRssKib: run.maxRssKib,
  };
}

/**
 * Deletes what a baseline run left behind, except the release the next run
 * needs, and flushes dirty pages with sync, so no run pays for writing back
 * an earlier run's files. None of this is timed. The product's old releases
 * stay: it keeps 10 besides the live one and prunes them itself.
 */
async function cleanUpAfter(
  context: RunContext,
  method: Method,
  round: number,
): Promise<void> {
  const { folders } = context;
  if (method === 'zipCurl') {
    const releases = path.join(folders.baselineData, 'releases');
    const live = String(context.result.zipCurlRuns.at(-1)?.receiver.release);
    for (const name of await readdir(releases)) {
      if (name !== live) {
        await rm(path.join(releases, name), { recursive: true, force: true });
      }
    }
  } else if (method === 'rsyncFull') {
    await rm(releaseOf(folders, 'full', round), { recursive: true });
  } else if (method === 'rsyncIncremental') {
    await rm(releaseOf(folders, 'incremental', round - 1), { recursive: true });
  } else if (method === 'floor') {
    await rm(path.join(folders.floor, `copy-${round}`), { recursive: true });
  }
  execFileSync('sync');
}

/**
 * Times packing alone in this process and then deploys that archive with
 * --archive, alternating, so the split has a pack time that no upload
 * overlaps and an upload time that includes no packing.
 */
async function runSplit(context: RunContext): Promise<void> {
  const { settings, folders, input } = context;
  for (let run = 1; run <= settings.splitRuns; run += 1) {
    const timing = await timePack(folders.site);
    try {
      execFileSync('sync');
      const deploy = await runProductDeploy(
        context.product,
        folders.productData,
        { archive: timing.packed.archivePath },
        settings.secret,
        input.runTimeoutMs,
      );
      context.result.archiveRuns.push(deploy);
      context.result.packTimings.push({
        packMs: timing.packMs,
        hashMs: timing.hashMs,
        signMicroseconds: timing.signMicroseconds,
        archiveBytes: timing.packed.bytes,
      });
      settings.log(
        `${input.name} split ${run}/${settings.splitRuns}: pack ` +
          `${(timing.packMs / 1000).toFixed(2)} s, --archive deploy ` +
          `${(deploy.wallMs / 1000).toFixed(2)} s`,
      );
    } finally {
      await timing.packed.remove();
    }
    execFileSync('sync');
  }
}

/**
 * Measures the latency of the live index page for 5 s while idle, then
 * during one product deploy, `latencyPairs` times.
 */
async function runLatency(context: RunContext): Promise<void> {
  const { settings, folders, input } = context;
  const page = `${context.product.url}/`;
  for (let pair = 1; pair <= settings.latencyPairs; pair += 1) {
    const idle = await runProbe(page, IDLE_SECONDS);
    const source: DeploySource = { path: folders.site };
    const during = await runProbe(page, MAX_DEPLOY_SECONDS, () =>
      runProductDeploy(
        context.product,
        folders.productData,
        source,
        settings.secret,
        input.runTimeoutMs,
      ),
    );
    if (during.value === undefined) {
      throw new Error('the deploy under the latency probe did not run');
    }
    context.result.latency.push({
      idle: idle.probe,
      during: during.probe,
      deploy: during.value,
    });
    settings.log(
      `${input.name} latency ${pair}/${settings.latencyPairs}: ` +
        `${idle.probe.latenciesMs.length} idle and ` +
        `${during.probe.latenciesMs.length} deploy-time requests`,
    );
    execFileSync('sync');
  }
}

/** Lists warnings and errors the receivers logged, and non-JSON output. */
function collectProblems(
  product: ReceiverProcess,
  before: ReceiverProcess | undefined,
  baseline: ReceiverProcess,
): string[] {
  const problems: string[] = [];
  for (const receiver of before === undefined ? [product] : [product, before]) {
    for (const line of receiver.lines) {
      if (typeof line.level === 'number' && line.level >= 40) {
        problems.push(`${receiver.name}: ${JSON.stringify(line)}`);
      }
    }
  }
  for (const line of baseline.lines) {
    if (line.outcome === 'rejected') {
      problems.push(`baseline receiver: ${JSON.stringify(line)}`);
    }
  }
  const others = [product, ...(before === undefined ? [] : [before]), baseline];
  for (const text of others.flatMap((receiver) => receiver.otherOutput)) {
    problems.push(text);
  }
  return problems;
}
