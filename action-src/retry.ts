/** Backoff before the first retry, in milliseconds. */
export const BASE_DELAY_MS = 1_000;

/** Maximum backoff between two attempts, in milliseconds. */
export const MAX_DELAY_MS = 30_000;

/** Maximum wait that a Retry-After header can impose, in seconds. */
export const MAX_RETRY_AFTER_SECONDS = 60;

/**
 * Returns how long to wait before the next attempt. A Retry-After value
 * from the receiver wins, capped at 60 s. Otherwise the delay is
 * exponential backoff with full jitter: uniform between 0 and
 * min(30 s, 1 s × 2^(attempt − 1)), which spreads out clients that failed
 * at the same moment.
 *
 * @param attempt The number of the attempt that just failed, from 1.
 * @param random A source of uniform numbers in [0, 1), such as Math.random.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number,
): number {
  if (retryAfterSeconds !== undefined) {
    return Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) * 1000;
  }
  const ceilingMs = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.floor(random() * ceilingMs);
}

/**
 * Parses a Retry-After header (RFC 9110, section 10.2.3): either a number
 * of seconds or an HTTP date. Returns the wait in seconds, 0 for a date in
 * the past, or `undefined` when the header is missing or malformed.
 */
export function parseRetryAfter(
  value: string | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  // Every HTTP date format names a weekday or month, and requiring a letter
  // keeps Date.parse from reading values like "-1" as a year.
  const dateMs = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(dateMs)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}
