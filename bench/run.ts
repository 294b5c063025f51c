/**
 * Benchmarks static-deploy against zip and curl, rsync and a plain copy, and
 * prints a markdown report to stdout. Progress goes to stderr.
 *
 * Usage: npm run bench -- [--large] [--rounds N] [--seed S] [--work DIR]
 *          [--only NAME] [--before DIR]
 *
 * docs/benchmarks.md describes what is measured and how.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { DEFAULT_WORK_DIR, ensureGeneratedSite } from './generate-site.js';
import {
  benchmarkInput,
  type BenchInput,
  type EarlierBundles,
  type BenchSettings,
  type InputResult,
} from './input-bench.js';
import { CLI_PATH, KAITAI_SITE, REPO_ROOT, SERVER_PATH } from './paths.js';
import { renderReport } from './report.js';
import { ensureSystemPackages } from './system-packages.js';
import { GENERATED_INPUT, LARGE_INPUT } from './targets.js';

const MINUTE_MS = 60 * 1000;
const GIB = 1024 ** 3;

const HELP = `\
Usage: npm run bench -- [options]

Options:
  --large          also benchmark the generated 2 GB site
  --rounds N       alternating rounds per input (default: 5)
  --split-runs N   pack-alone and --archive deploy pairs per input (default: 3)
  --latency-runs N idle and during-deploy latency measurements (default: 3)
  --seed S         seed of the generated sites (default: 1)
  --work DIR       folder for cached sites and scratch files
                   (default: ${DEFAULT_WORK_DIR})
  --only NAME      benchmark one input: kaitai, ${GENERATED_INPUT} or ${LARGE_INPUT}
  --before DIR     also deploy with the cli.js and server.js in DIR, such as
                   the bundles of an earlier commit, alternating with the
                   other methods, to compare two versions in one run
  -h, --help       print this help and exit
`;

function positiveInteger(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(
      `invalid ${option} ${JSON.stringify(value)}: expected a positive integer`,
    );
  }
  return number;
}

/** Commit and bundles of the code that is measured. */
interface Revision {
  commit: string;
  distChanged: boolean;
  /** Start of each bundle's SHA-256, since dist/ is what runs. */
  bundles: string;
}

function readRevision(): Revision {
  let commit = 'unknown commit';
  let distChanged = false;
  try {
    const git = (args: string[]) =>
      execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    commit = git(['rev-parse', '--short', 'HEAD']);
    distChanged = git(['status', '--porcelain', '--', 'dist']) !== '';
  } catch {
    // Not a Git checkout: the bundle hashes still identify the code.
  }
  return {
    commit,
    distChanged,
    bundles: bundleHashes([CLI_PATH, SERVER_PATH]),
  };
}

function bundleHashes(files: readonly string[]): string {
  return files
    .map((file) => {
      const digest = createHash('sha256').update(readFileSync(file));
      return `${path.basename(file)} ${digest.digest('hex').slice(0, 12)}`;
    })
    .join(', ');
}

/** Returns the bundles in `dir` for --before, or throws naming the missing one. */
function earlierBundles(dir: string): EarlierBundles {
  const bundles = {
    cliPath: path.resolve(dir, 'cli.js'),
    serverPath: path.resolve(dir, 'server.js'),
  };
  for (const file of Object.values(bundles)) {
    if (!existsSync(file)) {
      throw new Error(
        `--before ${dir}: ${file} not found; put an earlier build's ` +
          'dist/cli.js and dist/server.js there, for example with ' +
          '"git show COMMIT:dist/cli.js > DIR/cli.js"',
      );
    }
  }
  return bundles;
}

/**
 * Describes the measured code, noting when the bundles or the commit changed
 * while the benchmark ran.
 */
function describeRevision(start: Revision, end: Revision): string {
  const state = (revision: Revision) =>
    `commit ${revision.commit}${revision.distChanged ? ' with uncommitted changes in dist/' : ''}`;
  const bundles =
    start.bundles === end.bundles
      ? `bundles sha256 ${end.bundles}`
      : `bundles sha256 ${start.bundles} at the start but ${end.bundles} at the end: dist/ was rebuilt during the run`;
  const commit =
    state(start) === state(end)
      ? state(end)
      : `${state(start)} at the start, ${state(end)} at the end`;
  return `${commit}; ${bundles}`;
}

function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(
    readFileSync('/proc/cpuinfo', 'utf8'),
  );
  return match?.[1]?.trim() ?? 'unknown CPU';
}

/** Lists the inputs to benchmark, generating sites only when they are needed. */
async function listInputs(
  settings: BenchSettings,
  large: boolean,
  only: string | undefined,
): Promise<BenchInput[]> {
  const isRequested = (name: string) => only === undefined || only === name;
  const inputs: BenchInput[] = [];
  if (!isRequested('kaitai')) {
    // Not requested.
  } else if (existsSync(KAITAI_SITE)) {
    inputs.push({
      name: 'kaitai',
      label: 'kaitai-gallery (real site from ../shared/sites)',
      sourceDir: KAITAI_SITE,
      hardlink: false,
      receiverEnv: {},
      runTimeoutMs: 5 * MINUTE_MS,
    });
  } else {
    settings.log(`skipping the kaitai-gallery input: ${KAITAI_SITE} not found`);
  }
  if (isRequested(GENERATED_INPUT)) {
    const generated = await ensureGeneratedSite(
      settings.workDir,
      settings.seed,
      'default',
      settings.log,
    );
    inputs.push({
      name: GENERATED_INPUT,
      label: `generated site (seed ${settings.seed})`,
      sourceDir: generated.dir,
      hardlink: true,
      receiverEnv: {},
      runTimeoutMs: 10 * MINUTE_MS,
    });
  }
  if (large && isRequested(LARGE_INPUT)) {
    const site = await ensureGeneratedSite(
      settings.workDir,
      settings.seed,
      'large',
      settings.log,
    );
    inputs.push({
      name: LARGE_INPUT,
      label: `generated large site (seed ${settings.seed})`,
      sourceDir: site.dir,
      hardlink: true,
      // Above the 1 GiB archive and 4 GiB unpacked defaults.
      receiverEnv: {
        STATIC_DEPLOY_MAX_ARCHIVE_BYTES: String(8 * GIB),
        STATIC_DEPLOY_MAX_UNPACKED_BYTES: String(16 * GIB),
      },
      runTimeoutMs: 30 * MINUTE_MS,
    });
  }
  return inputs;
}

async function main(): Promise<void> {
  const startedMs = performance.now();
  const { values } = parseArgs({
    options: {
      large: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '5' },
      'split-runs': { type: 'string', default: '3' },
      'latency-runs': { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      work: { type: 'string', default: DEFAULT_WORK_DIR },
      only: { type: 'string' },
      before: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
  for (const file of [CLI_PATH, SERVER_PATH]) {
    if (!existsSync(file)) {
      throw new Error(`${file} not found; run "npm run bundle" first`);
    }
  }
  const before =
    values.before === undefined ? undefined : earlierBundles(values.before);
  ensureSystemPackages(log);
  const revisionAtStart = readRevision();

  const settings: BenchSettings = {
    workDir: values.work,
    seed: values.seed,
    rounds: positiveInteger(values.rounds, '--rounds'),
    splitRuns: positiveInteger(values['split-runs'], '--split-runs'),
    latencyPairs: positiveInteger(values['latency-runs'], '--latency-runs'),
    // Shared by the CLI, both receivers and the baseline script, and never printed.
    secret: randomBytes(32).toString('hex'),
    before,
    log,
  };
  const known = ['kaitai', GENERATED_INPUT, LARGE_INPUT];
  if (values.only !== undefined && !known.includes(values.only)) {
    throw new Error(
      `unknown input ${JSON.stringify(values.only)}; expected one of ${known.join(', ')}`,
    );
  }
  const inputs = await listInputs(
    settings,
    values.large || values.only === LARGE_INPUT,
    values.only,
  );

  const results: InputResult[] = [];
  for (const input of inputs) {
    results.push(await benchmarkInput(input, settings));
  }
  const resultsFile = path.join(settings.workDir, 'last-results.json');
  await writeFile(resultsFile, `${JSON.stringify(results)}\n`);
  log(`raw results written to ${resultsFile}`);
  const args = process.argv.slice(2);
  process.stdout.write(
    renderReport(
      {
        command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
        date: new Date().toISOString(),
        cores: os.availableParallelism(),
        cpuModel: cpuModel(),
        nodeVersion: process.version,
        kernel: os.release(),
        totalMemoryGib: os.totalmem() / GIB,
        seed: settings.seed,
        rounds: settings.rounds,
        durationSeconds: (performance.now() - startedMs) / 1000,
        revision:
          describeRevision(revisionAtStart, readRevision()) +
          (before === undefined
            ? ''
            : `; --before bundles sha256 ${bundleHashes([before.cliPath, before.serverPath])}`),
      },
      results,
    ),
  );
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
