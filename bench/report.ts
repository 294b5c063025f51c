import type { InputResult, Method } from './input-bench.js';
import { latencySummary } from './latency.js';
import type { ProductPhases, ProductRun } from './product-deploy.js';
import { defined, maximum, median, minimum, percentile } from './stats.js';
import { evaluateTargets } from './targets.js';

const METHOD_LABELS: Record<Method, string> = {
  product: 'static-deploy: `dist/cli.js deploy` to `dist/server.js`',
  productBefore: 'static-deploy, the `--before` bundles (earlier build)',
  zipCurl: 'zip, openssl and curl to a minimal receiver with `unzip`',
  rsyncFull: '`rsync -a --delete` into an empty folder',
  rsyncIncremental:
    '`cp -a` of the previous release, then `rsync -a --delete` (10 files changed)',
  floor: '`cp -r`, then `sha256sum` of every file',
};

const PHASE_LABELS: Record<keyof ProductPhases, string> = {
  startup:
    'CLI start: node, modules, `git rev-parse` (--archive: also counting entries and hashing)',
  pack: 'pack: list, deflate, hash (CLI log line)',
  signAndConnect: 'sign, connect, 100-continue, header checks',
  upload: 'upload into the temp file, SHA-256 inline, hash compare',
  extract: 'extract into staging, write release.json, rename',
  activate: 'replace the `current` link',
  respond: 'prune, replay record, response',
  exit: 'CLI removes its temp archive and exits',
};

/** Steps that the receiver times itself and logs in `stepsMs`. */
const RECEIVER_STEPS = ['receive', 'extract', 'publish', 'activate'] as const;

/** Host facts printed above the tables. */
export interface HostInfo {
  command: string;
  date: string;
  cores: number;
  cpuModel: string;
  nodeVersion: string;
  kernel: string;
  totalMemoryGib: number;
  seed: string;
  rounds: number;
  durationSeconds: number;
  /** Commit and bundle hashes of the code measured. */
  revision: string;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mib = (kib: number) => (kib / 1024).toFixed(1);
const fixed = (value: number, digits = 2) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

function table(header: readonly string[], rows: readonly string[][]): string {
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Renders the whole report as markdown. */
export function renderReport(
  host: HostInfo,
  results: readonly InputResult[],
): string {
  const sections = [
    '## static-deploy benchmark',
    [
      `Command: \`${host.command}\`, finished ${host.date} after ` +
        `${Math.round(host.durationSeconds)} s.`,
      `Machine: ${host.cores} cores (\`nproc\`), ${host.cpuModel}, ` +
        `${host.totalMemoryGib.toFixed(0)} GiB memory, Linux ${host.kernel}, ` +
        `Node.js ${host.nodeVersion}.`,
      `Code: ${host.revision}.`,
      `Site seed ${host.seed}; ${host.rounds} alternating rounds per input.`,
    ].join('\n'),
  ];
  for (const result of results) {
    sections.push(renderInput(result));
  }
  sections.push('### Targets', renderTargets(results));
  return `${sections.join('\n\n')}\n`;
}

function renderInput(result: InputResult): string {
  const mb = (result.bytes / 1e6).toFixed(1);
  return [
    `### ${result.input.label}: ${result.files} files, ${mb} MB`,
    renderWallTimes(result),
    renderSplit(result),
    renderBaselineSplit(result),
    renderMemory(result),
    renderLatency(result),
    renderProblems(result),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function renderWallTimes(result: InputResult): string {
  const product = result.samples.product.map((sample) => sample.wallMs);
  const measured = (Object.keys(METHOD_LABELS) as Method[]).filter(
    (method) => result.samples[method].length > 0,
  );
  const rows = measured.map((method) => {
    const samples = result.samples[method];
    const walls = samples.map((sample) => sample.wallMs);
    const paired = walls.map((wall, i) => (product[i] as number) / wall);
    const isProduct = method === 'product';
    return [
      METHOD_LABELS[method],
      seconds(median(walls)),
      `${seconds(minimum(walls))} to ${seconds(maximum(walls))}`,
      fixed(median(samples.map((sample) => sample.cpuSeconds))),
      mib(median(samples.map((sample) => sample.maxRssKib))),
      isProduct ? '1' : fixed(median(product) / median(walls)),
      isProduct ? '1' : fixed(median(paired)),
    ];
  });
  return [
    `End-to-end wall time, ${result.samples.product.length} runs of each method, alternating:`,
    '',
    table(
      [
        'method',
        'median s',
        'range s',
        'CPU s',
        'client peak RSS MiB',
        'product ÷ method (medians)',
        'product ÷ method (median of rounds)',
      ],
      rows,
    ),
  ].join('\n');
}

function phaseMedians(runs: readonly ProductRun[]): Map<string, number> {
  const medians = new Map<string, number>();
  for (const phase of Object.keys(PHASE_LABELS) as Array<keyof ProductPhases>) {
    medians.set(phase, median(defined(runs.map((run) => run.phases[phase]))));
  }
  return medians;
}

function renderSplit(result: InputResult): string {
  const wall = median(result.productRuns.map((run) => run.wallMs));
  const medians = phaseMedians(result.productRuns);
  const archive = phaseMedians(result.archiveRuns);
  const rows = (Object.keys(PHASE_LABELS) as Array<keyof ProductPhases>).map(
    (phase) => {
      const ms = medians.get(phase) as number;
      return [
        PHASE_LABELS[phase],
        fixed(ms, 0),
        `${fixed((100 * ms) / wall, 1)} %`,
        fixed(archive.get(phase) as number, 0),
      ];
    },
  );
  const sum = [...medians.values()].filter(Number.isFinite);
  rows.push([
    'sum of the medians above',
    fixed(
      sum.reduce((a, b) => a + b, 0),
      0,
    ),
    '',
    '',
  ]);
  rows.push([
    'end-to-end wall time',
    fixed(wall, 0),
    '100 %',
    fixed(median(result.archiveRuns.map((run) => run.wallMs)), 0),
  ]);
  rows.push([
    '`durationMs` of the receiver log line',
    fixed(median(result.productRuns.map((run) => run.receiverDurationMs)), 0),
    '',
    fixed(median(result.archiveRuns.map((run) => run.receiverDurationMs)), 0),
  ]);
  for (const step of RECEIVER_STEPS) {
    const stepMs = (runs: readonly ProductRun[]) =>
      median(defined(runs.map((run) => run.receiverStepsMs[step])));
    rows.push([
      `receiver log \`stepsMs.${step}\``,
      fixed(stepMs(result.productRuns), 0),
      '',
      fixed(stepMs(result.archiveRuns), 0),
    ]);
  }
  const pack = result.packTimings;
  const extra = [
    `Measured in the benchmark process (${pack.length} runs, medians): ` +
      `\`packSite\` alone ${fixed(median(pack.map((p) => p.packMs)), 0)} ms ` +
      `for a ${fixed(median(pack.map((p) => p.archiveBytes)) / 1e6, 1)} MB archive; ` +
      `SHA-256 of that archive read back ${fixed(median(pack.map((p) => p.hashMs)), 0)} ms ` +
      '(what the receiver computes inline during the upload, so the verify ' +
      'step costs no separate pass); ' +
      `signing the headers ${fixed(median(pack.map((p) => p.signMicroseconds)), 1)} µs.`,
  ];
  return [
    'Split of the product deploy, medians in ms (the --archive column deploys ' +
      'a zip that `packSite` built beforehand):',
    '',
    table(['step', 'ms', 'share', '--archive ms'], rows),
    '',
    ...extra,
  ].join('\n');
}

function renderBaselineSplit(result: InputResult): string {
  const runs = result.zipCurlRuns;
  const step = (name: string) =>
    fixed(median(defined(runs.map((run) => run.steps[name]))), 0);
  const receiver = (name: string) =>
    fixed(
      median(
        runs
          .map((run) => run.receiver[name])
          .filter((value): value is number => typeof value === 'number'),
      ),
      0,
    );
  return (
    `Zip-and-curl steps, medians in ms: zip ${step('zip')}, sign ${step('sign')}, ` +
    `curl ${step('curl')}; inside curl, the receiver took upload ` +
    `${receiver('uploadMs')}, unzip ${receiver('extractMs')}, ` +
    `activate ${receiver('activateMs')}.`
  );
}

function renderMemory(result: InputResult): string {
  const runs = [
    ...result.productRuns,
    ...result.archiveRuns,
    ...result.latency.map((pair) => pair.deploy),
  ];
  const receiverPeaks = runs.map((run) => run.receiverPeakKib);
  const cliPeaks = result.productRuns.map((run) => run.cliPeakKib);
  const after = runs.map((run) => run.receiverRssAfterKib);
  const perDeploy = runs.every((run) => run.receiverPeakIsPerDeploy);
  return [
    `Peak RSS over ${runs.length} receiver deploys and ${cliPeaks.length} CLI runs with --path:`,
    '',
    table(
      ['process', 'median MiB', 'max MiB', 'how'],
      [
        [
          'receiver (`dist/server.js`)',
          mib(median(receiverPeaks)),
          mib(maximum(receiverPeaks)),
          perDeploy
            ? 'VmHWM, reset through /proc/PID/clear_refs before each deploy'
            : 'VmHWM over the whole process life (reset not allowed)',
        ],
        [
          'CLI (`dist/cli.js deploy --path`)',
          mib(median(cliPeaks)),
          mib(maximum(cliPeaks)),
          'GNU time %M (max RSS of the process)',
        ],
        [
          'receiver RSS after start, before any deploy',
          mib(result.receiverStartRssKib),
          '',
          'VmRSS',
        ],
        [
          'CLI running `--help` only',
          mib(result.cliHelpPeakKib),
          '',
          'GNU time %M: the cost of starting the bundle',
        ],
        [
          'receiver RSS after each deploy, first and last',
          mib(after[0] ?? Number.NaN),
          mib(after.at(-1) ?? Number.NaN),
          'VmRSS, to spot growth across deploys',
        ],
        ...beforeRows(result.beforeRuns),
      ],
    ),
  ].join('\n');
}

/** Peak RSS rows for the --before bundles, none when they did not run. */
function beforeRows(runs: readonly ProductRun[]): string[][] {
  if (runs.length === 0) return [];
  const receiverPeaks = runs.map((run) => run.receiverPeakKib);
  const cliPeaks = runs.map((run) => run.cliPeakKib);
  return [
    [
      `receiver of the \`--before\` bundles (${runs.length} deploys)`,
      mib(median(receiverPeaks)),
      mib(maximum(receiverPeaks)),
      'VmHWM, as above',
    ],
    [
      'CLI of the `--before` bundles',
      mib(median(cliPeaks)),
      mib(maximum(cliPeaks)),
      'GNU time %M',
    ],
  ];
}

function renderLatency(result: InputResult): string {
  if (result.latency.length === 0) {
    return '';
  }
  const summary = latencySummary(result);
  const row = (name: string, values: number[], errors: number) => [
    name,
    String(values.length),
    Number.isNaN(errors) ? 'see above' : String(errors),
    fixed(percentile(values, 50)),
    fixed(percentile(values, 99)),
    fixed(maximum(values)),
  ];
  const perPair = result.latency
    .map(
      (pair) =>
        `${fixed(percentile(pair.during.latenciesMs, 99))} / ` +
        `${fixed(percentile(pair.idle.latenciesMs, 99))}`,
    )
    .join(', ');
  return [
    `Latency of \`GET /\` at 50 requests/s from a separate process, ` +
      `${result.latency.length} idle periods of 5 s, each followed by one deploy ` +
      '(pooled):',
    '',
    table(
      ['phase', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
      [
        row('idle', summary.idle, summary.idleErrors),
        row('during a deploy', summary.during, summary.duringErrors),
        row(
          'during a deploy, from upload start to response',
          summary.duringReceiver,
          Number.NaN,
        ),
      ],
    ),
    '',
    slowestLines(result),
    '',
    `p99 during ÷ p99 idle: ${fixed(
      percentile(summary.during, 99) / percentile(summary.idle, 99),
    )} pooled; per pair (during / idle, ms): ${perPair}. ` +
      `Responses switched release ${summary.releaseChanges} times.`,
  ].join('\n');
}

/**
 * Names, for each deploy under the probe, its slowest requests and the
 * deploy step that was running when each was due.
 */
function slowestLines(result: InputResult): string {
  const lines = result.latency.map((pair, index) => {
    const starts = Object.entries(pair.deploy.stepStartsEpochMs).sort(
      (a, b) => (a[1] as number) - (b[1] as number),
    );
    const first = starts[0]?.[1] ?? Number.NaN;
    const requests = pair.during.slowest.slice(0, 3).map((request) => {
      const step =
        starts
          .filter(([, start]) => (start as number) <= request.dueEpochMs)
          .at(-1)?.[0] ?? 'before the deploy';
      const offset = (request.dueEpochMs - first) / 1000;
      return `${fixed(request.latencyMs, 0)} ms at ${fixed(offset, 1)} s (${step})`;
    });
    const pruned =
      pair.deploy.prunedReleases > 0
        ? ` (this deploy pruned ${pair.deploy.prunedReleases} old ` +
          `${pair.deploy.prunedReleases === 1 ? 'release' : 'releases'})`
        : '';
    return `deploy ${index + 1}${pruned}: ${requests.join(', ')}`;
  });
  return `Slowest requests during each deploy, with the time since the CLI started and the step then running: ${lines.join('; ')}.`;
}

function renderProblems(result: InputResult): string {
  if (result.receiverProblems.length === 0) {
    return 'The receivers logged no warnings or errors.';
  }
  const listed = result.receiverProblems.slice(0, 10);
  return [
    `The receivers logged ${result.receiverProblems.length} warnings, errors or non-JSON lines` +
      (listed.length < result.receiverProblems.length
        ? ', the first 10:'
        : ':'),
    '',
    ...listed.map((line) => `- \`${line.slice(0, 300)}\``),
  ].join('\n');
}

function renderTargets(results: readonly InputResult[]): string {
  const rows = evaluateTargets(results).map((target) => [
    target.name,
    target.measured,
    target.status,
  ]);
  return table(['target', 'measured', 'status'], rows);
}
