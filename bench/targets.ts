import type { InputResult } from './input-bench.js';
import { latencySummary } from './latency.js';
import { maximum, median, percentile } from './stats.js';

/** Input names that the targets refer to. */
export const GENERATED_INPUT = 'generated';
export const LARGE_INPUT = 'generated-large';

/** Receiver and CLI memory targets for the 2 GB site, in MiB. */
const RECEIVER_PEAK_TARGET_MIB = 128;
const CLI_PEAK_TARGET_MIB = 160;
/** Highest allowed p99 latency during a deploy, as a multiple of idle p99. */
const LATENCY_FACTOR_TARGET = 3;

export interface TargetStatus {
  name: string;
  measured: string;
  status: string;
}

const verdict = (met: boolean) => (met ? 'met' : 'not met');

/**
 * Checks the three performance targets against the unrounded measurements.
 * A target whose input was not benchmarked is reported as not measured.
 */
export function evaluateTargets(
  results: readonly InputResult[],
): TargetStatus[] {
  const generated = results.find((r) => r.input.name === GENERATED_INPUT);
  const large = results.find((r) => r.input.name === LARGE_INPUT);
  return [
    speedTarget(generated),
    memoryTarget(large, generated),
    ...[generated, large]
      .filter((result): result is InputResult => result !== undefined)
      .map(latencyTarget),
  ];
}

function speedTarget(result: InputResult | undefined): TargetStatus {
  const name = '(a) full deploy of the 200 MB site no slower than zip and curl';
  if (result === undefined) {
    return {
      name,
      measured: 'generated site not benchmarked',
      status: 'not measured',
    };
  }
  const product = result.samples.product.map((s) => s.wallMs);
  const zipCurl = result.samples.zipCurl.map((s) => s.wallMs);
  const ratio = median(product) / median(zipCurl);
  const paired = median(
    product.map((wall, i) => wall / (zipCurl[i] as number)),
  );
  return {
    name,
    measured:
      `${(median(product) / 1000).toFixed(2)} s ÷ ${(median(zipCurl) / 1000).toFixed(2)} s = ` +
      `${ratio.toFixed(3)} (median of per-round ratios ${paired.toFixed(3)})`,
    status: verdict(ratio <= 1 && paired <= 1),
  };
}

function memoryTarget(
  large: InputResult | undefined,
  generated: InputResult | undefined,
): TargetStatus {
  const name = `(b) 2 GB site: receiver peak RSS under ${RECEIVER_PEAK_TARGET_MIB} MiB, CLI under ${CLI_PEAK_TARGET_MIB} MiB`;
  const peaks = (result: InputResult) => {
    const receiver = maximum(
      [
        ...result.productRuns,
        ...result.archiveRuns,
        ...result.latency.map((pair) => pair.deploy),
      ].map((r) => r.receiverPeakKib),
    );
    const cli = maximum(result.productRuns.map((r) => r.cliPeakKib));
    return { receiver: receiver / 1024, cli: cli / 1024 };
  };
  if (large === undefined) {
    const context =
      generated === undefined
        ? ''
        : ` (200 MB site: receiver ${peaks(generated).receiver.toFixed(1)} MiB, ` +
          `CLI ${peaks(generated).cli.toFixed(1)} MiB)`;
    return {
      name,
      measured: `not run; \`npm run bench -- --large\` measures it${context}`,
      status: 'not measured',
    };
  }
  const { receiver, cli } = peaks(large);
  return {
    name,
    measured: `max receiver ${receiver.toFixed(1)} MiB, max CLI ${cli.toFixed(1)} MiB`,
    status: verdict(
      receiver < RECEIVER_PEAK_TARGET_MIB && cli < CLI_PEAK_TARGET_MIB,
    ),
  };
}

function latencyTarget(result: InputResult): TargetStatus {
  const name = `(c) ${result.input.name} site: p99 latency during a deploy at most ${LATENCY_FACTOR_TARGET}× idle p99`;
  const summary = latencySummary(result);
  if (summary.during.length === 0) {
    return { name, measured: 'no latency runs', status: 'not measured' };
  }
  const idle = percentile(summary.idle, 99);
  const during = percentile(summary.during, 99);
  const factor = during / idle;
  return {
    name,
    measured:
      `p99 ${during.toFixed(2)} ms during ÷ ${idle.toFixed(2)} ms idle = ${factor.toFixed(2)}× ` +
      `(${summary.during.length} and ${summary.idle.length} requests, ` +
      `${summary.duringErrors} errors during)`,
    status: verdict(
      factor <= LATENCY_FACTOR_TARGET && summary.duringErrors === 0,
    ),
  };
}
