/**
 * Sends GET requests for one URL at a fixed rate and prints the latencies.
 *
 * Usage: node --import tsx bench/latency-probe.ts --url URL [--rate 50]
 *          [--max-seconds 120]
 *
 * Requests follow a fixed schedule (open loop), so a slow response does not
 * delay the next request. Each latency runs from the time the request was
 * due to its last body byte, so a stall counts against every request it
 * delayed. The probe prints `started` on stdout after the first response.
 * It stops on SIGTERM or after --max-seconds, waits up to 5 s for requests
 * in flight, and prints one JSON line with the results.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';

/** Maximum wait for requests still in flight after the probe stops. */
const DRAIN_TIMEOUT_MS = 5000;
/** Number of slowest requests reported with their times. */
const SLOWEST_KEPT = 5;
/** Limit for one request; a slower one counts as an error. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Result that the probe prints as JSON when it stops. */
export interface ProbeResult {
  /** Latency of each successful request in ms, in completion order. */
  latenciesMs: number[];
  /** Wall-clock time (Unix ms) at which each of those requests was due. */
  dueEpochMs: number[];
  /**
   * The slowest successful requests, slowest first, with the wall-clock time
   * (Unix ms) at which each was due, to line them up with a deploy's steps.
   */
  slowest: Array<{ dueEpochMs: number; latencyMs: number }>;
  /** Requests that failed, timed out, returned non-200 or never finished. */
  errors: number;
  /** Requests whose release header differed from the previous response's. */
  releaseChanges: number;
  durationMs: number;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      rate: { type: 'string', default: '50' },
      'max-seconds': { type: 'string', default: '120' },
    },
  });
  if (values.url === undefined) {
    process.stderr.write('missing --url: the page to request\n');
    process.exit(2);
  }
  const url = values.url;
  const intervalMs = 1000 / Number(values.rate);
  const maxMs = Number(values['max-seconds']) * 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  const result: ProbeResult = {
    latenciesMs: [],
    dueEpochMs: [],
    slowest: [],
    errors: 0,
    releaseChanges: 0,
    durationMs: 0,
  };
  const keepIfSlow = (request: ProbeResult['slowest'][number]) => {
    result.slowest.push(request);
    result.slowest.sort((a, b) => b.latencyMs - a.latencyMs);
    result.slowest.length = Math.min(result.slowest.length, SLOWEST_KEPT);
  };
  let lastRelease: string | undefined;
  let inFlight = 0;
  let announced = false;
  let stopped = false;
  const startMs = performance.now();

  const sendOne = (dueMs: number) => {
    inFlight += 1;
    const request = http.get(url, { agent, timeout: REQUEST_TIMEOUT_MS });
    const finish = (ok: boolean, release?: string) => {
      inFlight -= 1;
      if (!ok) {
        result.errors += 1;
        return;
      }
      const latencyMs = performance.now() - dueMs;
      const dueEpochMs = performance.timeOrigin + dueMs;
      result.latenciesMs.push(latencyMs);
      result.dueEpochMs.push(dueEpochMs);
      keepIfSlow({ dueEpochMs, latencyMs });
      if (lastRelease !== undefined && release !== lastRelease) {
        result.releaseChanges += 1;
      }
      lastRelease = release;
      if (!announced) {
        announced = true;
        process.stdout.write('started\n');
      }
    };
    request.on('response', (response) => {
      const release = response.headers['x-static-deploy-release'];
      response.resume();
      response.on('end', () =>
        finish(
          response.statusCode === 200,
          typeof release === 'string' ? release : undefined,
        ),
      );
      response.on('error', () => finish(false));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', () => finish(false));
  };

  let sent = 0;
  const tick = () => {
    const nowMs = performance.now();
    // Catch up on every request that fell due while the loop was blocked.
    while (!stopped && startMs + sent * intervalMs <= nowMs) {
      sendOne(startMs + sent * intervalMs);
      sent += 1;
    }
    if (stopped || nowMs - startMs >= maxMs) {
      stop();
      return;
    }
    const nextMs = startMs + sent * intervalMs;
    setTimeout(tick, Math.max(0, nextMs - performance.now()));
  };

  const stop = () => {
    if (stopped && result.durationMs > 0) {
      return;
    }
    stopped = true;
    result.durationMs = performance.now() - startMs;
    const drainStart = performance.now();
    const drain = () => {
      if (inFlight > 0 && performance.now() - drainStart < DRAIN_TIMEOUT_MS) {
        setTimeout(drain, 20);
        return;
      }
      result.errors += inFlight;
      process.stdout.write(`${JSON.stringify(result)}\n`);
      agent.destroy();
      process.exit(0);
    };
    drain();
  };

  process.once('SIGTERM', stop);
  tick();
}

main();
