import {
  nowSeconds,
  signedHeaders,
  type DeployResult,
} from '../protocol/index.js';

import { deployEndpoint } from './endpoint.js';
import { postStream } from './http-request.js';
import { multipartArchiveBody, type MultipartBody } from './multipart.js';
import { interpretResponse } from './response.js';
import { sendWithRetries, type RequestSettings } from './send-with-retries.js';

/** Options for {@link uploadArchive}. */
export interface UploadOptions extends RequestSettings {
  /**
   * The receiver's API prefix, such as `https://example.com/_static-deploy`.
   */
  url: string;
  /** Secrets to sign with, more than one while a key is rotated. */
  secrets: readonly string[];
  /** Site name on the receiver, signed as the target. */
  site: string;
  /**
   * `deploy` makes the new release live, and `stage` only unpacks it.
   * `deploy` when not set.
   */
  operation?: 'deploy' | 'stage';
  deploymentId: string;
  archivePath: string;
  archiveBytes: number;
  /** SHA-256 of the archive, lowercase hex. */
  archiveSha256: string;
  /** Encoded metadata header value, from `encodeMetadata`. */
  metadata?: string;
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
  return sendWithRetries(
    {
      endpoint,
      description: 'the deploy',
      attempt: (timeoutMs) => attemptUpload(options, endpoint, body, timeoutMs),
    },
    options,
  );
}

async function attemptUpload(
  options: UploadOptions,
  endpoint: URL,
  body: MultipartBody,
  timeoutMs: number,
): Promise<DeployResult> {
  const signed = signedHeaders(options.secrets, {
    operation: options.operation ?? 'deploy',
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
    timeoutMs,
  });
  return interpretResponse(response, options);
}
