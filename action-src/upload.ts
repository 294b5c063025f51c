import { types } from 'node:util';

import {
  nowSeconds,
  signedHeaders,
  type DeployResult,
} from '../protocol/index.js';

import { DeployFailedError } from './deploy-error.js';
import { postStream, RequestTimeoutError } from './http-request.js';
import { SILENT_LOGGER, type Logger } from './log.js';
import { multipartArchiveBody, type MultipartBody } from './multipart.js';
import { interpretResponse } from './response.js';
import { retryDelayMs } from './retry.js';

/** Default limit for one attempt, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** Default number of retries after the first attempt. */
export const DEFAULT_RETRIES = 3;

/** Options for {@link uploadArchive}. */
export interface UploadOptions {
  /**
   * The receiver's API prefix, such as `https://example.com/_static-deploy`.
   */
  url: string;
  /** Secrets to sign with, more than one while a key is rotated. */
  secrets: readonly string[];
  /** Site name on the receiver, signed as the target. */
  site: string;
  deploymentId: string;
  archivePath: string;
  archiveBytes: number;
  /** SHA-256 of the archive, lowercase hex. */
  archiveSha256: string;
  /** Encoded metadata header value, from `encodeMetadata`. */
  metadata?: string;
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

/**
 * Uploads an archive to the receiver's `POST <url>/deploy` endpoint.
 *
 * Network errors, timeouts, 429, 5xx and 409 `deploy_in_progress` are
 * retried with backoff, honouring Retry-After. Other 4xx responses are
 * final. Every attempt uses the same deployment id, so the receiver can
 * recognize a repeat of a deploy it already completed, and is signed
 * again with a fresh timestamp, because the receiver rejects signatures
 * whose timestamp is outside its tolerance window.
 *
 * @throws DeployFailedError from the last attempt when none succeeded.
 */
export async function uploadArchive(
  options: UploadOptions,
): Promise<DeployResult> {
  const endpoint = deployEndpoint(options.url);
  const body = multipartArchiveBody(options.archivePath, options.archiveBytes);
  const retries = options.retries ?? DEFAULT_RETRIES;
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  checkLimits(timeoutSeconds, retries);
  const log = options.log ?? SILENT_LOGGER;

  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptUpload(options, endpoint, body, timeoutSeconds);
    } catch (error) {
      const failure = toDeployFailure(error, endpoint);
      if (!failure.retryable || attempt > retries) {
        throw attempt > 1 ? withAttempts(failure, attempt) : failure;
      }
      const delayMs = retryDelayMs(
        attempt,
        failure.retryAfterSeconds,
        options.random ?? Math.random,
      );
      log.warning(
        `attempt ${attempt} of ${retries + 1} failed: ${failure.message}; ` +
          `retrying in ${(delayMs / 1000).toFixed(1)} s`,
      );
      await (options.sleep ?? sleep)(delayMs);
    }
  }
}

async function attemptUpload(
  options: UploadOptions,
  endpoint: URL,
  body: MultipartBody,
  timeoutSeconds: number,
): Promise<DeployResult> {
  const signed = signedHeaders(options.secrets, {
    operation: 'deploy',
    target: options.site,
    deploymentId: options.deploymentId,
    timestampSeconds: (options.clock ?? nowSeconds)(),
    contentSha256: options.archiveSha256,
    metadata: options.metadata,
  });
  const response = await postStream(endpoint, {
    headers: {
      ...signed,
      accept: 'application/json',
      'content-type': body.contentType,
      'content-length': body.contentLength,
      'user-agent': 'static-deploy',
    },
    body: body.open(),
    timeoutMs: timeoutSeconds * 1000,
  });
  return interpretResponse(response, options);
}

/**
 * Builds `<url>/deploy` from the receiver's API prefix.
 *
 * @throws TypeError when `url` is not an absolute http or https URL.
 */
export function deployEndpoint(url: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new TypeError(
      `invalid url "${url}": expected an absolute URL ` +
        'such as https://example.com/_static-deploy',
    );
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new TypeError(
      `invalid url "${url}": the scheme must be http or https`,
    );
  }
  endpoint.pathname = `${endpoint.pathname.replace(/\/+$/, '')}/deploy`;
  return endpoint;
}

/**
 * Converts the failure of one attempt into a {@link DeployFailedError}.
 * Errors that are neither a timeout nor a system error (which carry a
 * `code` such as ECONNREFUSED) are bugs or misuse and are thrown as they are.
 */
function toDeployFailure(error: unknown, endpoint: URL): DeployFailedError {
  if (error instanceof DeployFailedError) {
    return error;
  }
  const where = `${endpoint.origin}${endpoint.pathname}`;
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
    `could not send the deploy to ${where}: ${error.message}`,
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
