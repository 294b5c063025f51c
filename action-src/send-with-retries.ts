import { types } from 'node:util';

import { DeployFailedError } from './deploy-error.js';
import { RequestTimeoutError } from './http-request.js';
import { SILENT_LOGGER, type Logger } from './log.js';
import { retryDelayMs } from './retry.js';

/** Default limit for one attempt, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** Default number of retries after the first attempt. */
export const DEFAULT_RETRIES = 3;

/** Settings that every signed request to the receiver takes. */
export interface RequestSettings {
  /** Limit for one attempt, in seconds, 300 when not set. */
  timeoutSeconds?: number;
  /** Retries after the first attempt, 3 when not set. */
  retries?: number;
  log?: Logger;
  /** Waits between attempts. Tests replace it to avoid real delays. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of uniform random numbers in [0, 1) for the backoff jitter. */
  random?: () => number;
  /** Current time in Unix seconds, used for each signature's timestamp. */
  clock?: () => number;
}

/** A request that {@link sendWithRetries} may send several times. */
export interface RetriedRequest<T> {
  endpoint: URL;
  /** Description for messages, such as "the deploy". */
  description: string;
  /**
   * Sends one attempt. Each attempt must sign the request again, because
   * the receiver rejects signatures whose timestamp is outside its
   * tolerance window.
   */
  attempt(timeoutMs: number): Promise<T>;
}

/**
 * Sends a request until it succeeds, a failure is final, or the retries
 * run out. Network errors, timeouts, 429, 5xx and 409 `deploy_in_progress`
 * are retried with backoff, honouring Retry-After. Other 4xx responses are
 * final.
 *
 * @throws DeployFailedError from the last attempt when none succeeded, and
 *   TypeError for an invalid timeout or retry count.
 */
export async function sendWithRetries<T>(
  request: RetriedRequest<T>,
  settings: RequestSettings,
): Promise<T> {
  const retries = settings.retries ?? DEFAULT_RETRIES;
  const timeoutSeconds = settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  checkLimits(timeoutSeconds, retries);
  const log = settings.log ?? SILENT_LOGGER;

  for (let attempt = 1; ; attempt++) {
    try {
      return await request.attempt(timeoutSeconds * 1000);
    } catch (error) {
      const failure = toRequestFailure(error, request);
      if (!failure.retryable || attempt > retries) {
        throw attempt > 1 ? withAttempts(failure, attempt) : failure;
      }
      const delayMs = retryDelayMs(
        attempt,
        failure.retryAfterSeconds,
        settings.random ?? Math.random,
      );
      log.warning(
        `attempt ${attempt} of ${retries + 1} failed: ${failure.message}; ` +
          `retrying in ${(delayMs / 1000).toFixed(1)} s`,
      );
      await (settings.sleep ?? sleep)(delayMs);
    }
  }
}

/**
 * Converts the failure of one attempt into a {@link DeployFailedError}.
 * Errors that are neither a timeout nor a system error (which carry a
 * `code` such as ECONNREFUSED) are bugs or misuse and are thrown as they are.
 */
function toRequestFailure(
  error: unknown,
  request: RetriedRequest<unknown>,
): DeployFailedError {
  if (error instanceof DeployFailedError) {
    return error;
  }
  const where = `${request.endpoint.origin}${request.endpoint.pathname}`;
  if (error instanceof RequestTimeoutError) {
    return new DeployFailedError(`request to ${where} ${error.message}`, {
      code: 'timeout',
      retryable: true,
      cause: error,
    });
  }
  if (!isSystemError(error)) {
    throw error;
  }
  return new DeployFailedError(
    `could not send ${request.description} to ${where}: ${error.message}`,
    { code: 'network_error', retryable: true, cause: error },
  );
}

/**
 * Checks with isNativeError, because errors from Node's own modules may come
 * from another realm.
 */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    types.isNativeError(error) &&
    typeof (error as NodeJS.ErrnoException).code === 'string'
  );
}

function withAttempts(
  failure: DeployFailedError,
  attempts: number,
): DeployFailedError {
  return new DeployFailedError(
    `${failure.message} (gave up after ${attempts} attempts)`,
    {
      status: failure.status,
      code: failure.code,
      receiverMessage: failure.receiverMessage,
      retryable: failure.retryable,
      retryAfterSeconds: failure.retryAfterSeconds,
      cause: failure,
    },
  );
}

function checkLimits(timeoutSeconds: number, retries: number): void {
  if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) {
    throw new TypeError(
      `timeoutSeconds must be a positive number, got ${timeoutSeconds}`,
    );
  }
  if (!Number.isSafeInteger(retries) || retries < 0) {
    throw new TypeError(
      `retries must be a non-negative integer, got ${retries}`,
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
