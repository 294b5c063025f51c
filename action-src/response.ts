import type { DeployResult } from '../protocol/index.js';

import { DeployFailedError } from './deploy-error.js';
import type { HttpResponse } from './http-request.js';
import { parseRetryAfter } from './retry.js';
import { singleLine } from './single-line.js';

/** Values that the response to one deploy request must match. */
export interface ExpectedDeploy {
  deploymentId: string;
  archiveSha256: string;
}

/**
 * Turns the receiver's response into a deploy result.
 *
 * @throws DeployFailedError for every status other than 2xx, with the
 *   receiver's code and message when the body is a JSON error, and for a
 *   2xx body that is not the result of this deployment.
 */
export function interpretResponse(
  response: HttpResponse,
  expected: ExpectedDeploy,
): DeployResult {
  const body = checkResponse(response, 'the deploy');
  return checkResult(response.status, body, expected);
}

/**
 * Checks the status of a receiver response and returns its body parsed as
 * JSON, or `undefined` when the body is not JSON.
 *
 * @param request Description for messages, such as "the deploy".
 * @throws DeployFailedError for a redirect and for every status other than
 *   2xx, with the receiver's code and message when the body is a JSON error.
 */
export function checkResponse(
  response: HttpResponse,
  request: string,
): unknown {
  const { status } = response;
  if (status >= 300 && status < 400) {
    const location = singleLine(String(response.headers.location ?? 'nowhere'));
    throw new DeployFailedError(
      `receiver redirected ${request} (${status}) to ${location}; ` +
        'set the url to the address it redirects to',
      { status, code: 'redirect', retryable: false },
    );
  }
  if (status < 200 || status >= 300) {
    throw errorFromResponse(response, request);
  }
  return parseJson(response.body);
}

/**
 * Builds the error for a 2xx response whose body is not what was requested.
 *
 * @param problem The problem, completing "receiver returned HTTP 200 but".
 */
export function invalidResponse(
  status: number,
  problem: string,
): DeployFailedError {
  return new DeployFailedError(
    `receiver returned HTTP ${status} but ${problem}`,
    { status, code: 'invalid_response', retryable: false },
  );
}

/**
 * Returns the message for a response without a JSON error body. The
 * receiver responds to every API path with JSON, so plain 404 or 405 text
 * comes from its static site, which means the url lacks the API prefix.
 */
function describeNonJsonResponse(status: number, text: string): string {
  if (status === 404 || status === 405) {
    const detail = text === '' ? '' : ` (${text})`;
    return (
      `the url is not the deploy API: the receiver's static site returned ` +
      `HTTP ${status}${detail}; check that the url is the API prefix, such ` +
      'as https://example.com/_static-deploy'
    );
  }
  if (text === '') return `receiver returned HTTP ${status} with an empty body`;
  return `receiver returned HTTP ${status} without a JSON error body: ${text}`;
}

function errorFromResponse(
  response: HttpResponse,
  request: string,
): DeployFailedError {
  const { status } = response;
  const body = parseJson(response.body);
  const retryAfterSeconds = parseRetryAfter(
    headerValue(response, 'retry-after'),
  );
  if (!isErrorBody(body)) {
    const message = describeNonJsonResponse(status, singleLine(response.body));
    return new DeployFailedError(message, {
      status,
      code: 'invalid_response',
      retryable: isRetryableStatus(status),
      retryAfterSeconds,
    });
  }

  const retryable =
    isRetryableStatus(status) ||
    (status === 409 && body.code === 'deploy_in_progress');
  const code = singleLine(body.code);
  const receiverMessage = singleLine(body.message);
  return new DeployFailedError(
    `receiver rejected ${request} (${status} ${code}): ${receiverMessage}`,
    { status, code, receiverMessage, retryable, retryAfterSeconds },
  );
}

/**
 * Returns true for 429 and server errors, which another attempt may get past.
 * Other 4xx statuses are final.
 */
function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function checkResult(
  status: number,
  body: unknown,
  expected: ExpectedDeploy,
): DeployResult {
  if (!isDeployResult(body)) {
    throw invalidResponse(status, 'the body is not a deploy result');
  }
  if (body.deploymentId !== expected.deploymentId) {
    throw invalidResponse(
      status,
      `for deployment ${singleLine(body.deploymentId)}, ` +
        `not ${expected.deploymentId}`,
    );
  }
  if (body.archiveSha256 !== expected.archiveSha256) {
    throw invalidResponse(
      status,
      `an archive SHA-256 of ${singleLine(body.archiveSha256)}, ` +
        `not ${expected.archiveSha256}`,
    );
  }
  return body;
}

function isDeployResult(body: unknown): body is DeployResult {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const record = body as Record<string, unknown>;
  const strings = ['deploymentId', 'release', 'archiveSha256'];
  const numbers = ['files', 'bytes', 'archiveBytes', 'durationMs'];
  return (
    strings.every((key) => typeof record[key] === 'string') &&
    numbers.every((key) => typeof record[key] === 'number') &&
    typeof record.activated === 'boolean'
  );
}

function isErrorBody(body: unknown): body is { code: string; message: string } {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const record = body as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.message === 'string';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function headerValue(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
