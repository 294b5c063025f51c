/**
 * Preload module that samples `process.memoryUsage()` every 50 ms and, when
 * the process exits, writes the maximum of each field in bytes to stderr as
 * one line: `memory-sampler {"rss":…,"heapUsed":…,"external":…}`. Load it
 * with `node --import ./bench/memory-sampler.mjs SCRIPT` to see
 * whether a process's peak RSS is JavaScript heap or memory outside it,
 * such as zlib state and Buffers. A peak between two samples is missed.
 * It is plain JavaScript, so loading it adds no tsx to the measured process.
 */
const SAMPLE_INTERVAL_MS = 50;

/** @type {Record<string, number>} */
const peaks = {};

function sample() {
  for (const [field, bytes] of Object.entries(process.memoryUsage())) {
    peaks[field] = Math.max(peaks[field] ?? 0, bytes);
  }
}

sample();
setInterval(sample, SAMPLE_INTERVAL_MS).unref();
process.on('exit', () => {
  sample();
  process.stderr.write(`memory-sampler ${JSON.stringify(peaks)}\n`);
});
