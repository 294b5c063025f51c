import {
  EMPTY_SHA256,
  newDeploymentId,
  nowSeconds,
  signedHeaders,
} from '../protocol/index.js';

import { apiEndpoint } from './endpoint.js';
import { sendWithoutBody } from './http-request.js';
import { checkResponse } from './response.js';
import { sendWithRetries, type RequestSettings } from './send-with-retries.js';

/** Receiver address, secrets and retry settings for a signed request. */
export interface ReceiverOptions extends RequestSettings {
  /**
   * The receiver's API prefix, such as `https://example.com/_static-deploy`.
   */
  url: string;
  /** Secrets to sign with, more than one while a key is rotated. */
  secrets: readonly string[];
}

/** A signed request without a body, such as a release list or activation. */
export interface RequestWithoutBody<T> {
  method: 'GET' | 'POST';
  /** Path below the API prefix without a leading slash, such as `releases`. */
  path: string;
  operation: 'list' | 'activate';
  /** Site name for `list`, release id for `activate`. */
  target: string;
  /** Description for messages, such as "the release list request". */
  description: string;
  /**
   * Checks the JSON body of a 2xx response and returns the result.
   *
   * @throws DeployFailedError when the body is not the expected result.
   */
  parse(status: number, body: unknown): T;
}

/**
 * Sends a signed request without a body and returns its checked result.
 * The content hash is the SHA-256 of zero bytes. Every attempt carries the
 * same new deployment id, so the receiver returns its stored response to
 * a retried activation instead of activating twice, and is signed again
 * with a fresh timestamp. Failures are retried as for a deploy.
 *
 * @throws DeployFailedError from the last attempt when none succeeded.
 */
export async function sendSignedRequest<T>(
  options: ReceiverOptions,
  request: RequestWithoutBody<T>,
): Promise<T> {
  const endpoint = apiEndpoint(options.url, request.path);
  const deploymentId = newDeploymentId();
  const attempt = async (timeoutMs: number): Promise<T> => {
    const signed = signedHeaders(options.secrets, {
      operation: request.operation,
      target: request.target,
      deploymentId,
      timestampSeconds: (options.clock ?? nowSeconds)(),
      contentSha256: EMPTY_SHA256,
    });
    const response = await sendWithoutBody(endpoint, {
      method: request.method,
      headers: {
        ...signed,
        accept: 'application/json',
        'user-agent': 'static-deploy',
      },
      timeoutMs,
    });
    const body = checkResponse(response, request.description);
    return request.parse(response.status, body);
  };
  return sendWithRetries(
    { endpoint, description: request.description, attempt },
    options,
  );
}
