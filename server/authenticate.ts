import type { IncomingMessage } from 'node:http';

import {
  canonicalString,
  decodeMetadata,
  DEPLOYMENT_ID_PATTERN,
  HEADER,
  METADATA_PATTERN,
  PROTOCOL_VERSION,
  SHA256_PATTERN,
  TARGET_PATTERN,
  TIMESTAMP_PATTERN,
  verifySignature,
  type DeploymentMetadata,
  type Operation,
} from '../protocol/index.js';
import { DeployError } from './errors.js';

/** The fields of a request whose signature and timestamp were accepted. */
export interface SignedRequest {
  operation: Operation;
  target: string;
  deploymentId: string;
  timestampSeconds: number;
  contentSha256: string;
  metadata: DeploymentMetadata;
}

export interface AuthenticateOptions {
  /** The operations this endpoint performs; the signed one must be among them. */
  operations: readonly Operation[];
  /** The target the route implies; the signed target must be equal. */
  target: string;
  secrets: readonly string[];
  toleranceSeconds: number;
  nowSeconds: number;
}

/**
 * Checks a request's signed headers without reading its body: format,
 * operation and target, HMAC under any of the secrets, then the timestamp.
 * The signature is checked before the timestamp, so a timestamp error
 * shows a holder of the right secret that the clocks disagree.
 *
 * @throws DeployError with a 400 code for malformed headers and a 401 code
 *   for a missing or wrong signature or a timestamp outside the tolerance.
 */
export function authenticate(
  request: IncomingMessage,
  options: AuthenticateOptions,
): SignedRequest {
  const signature = singleHeader(request, HEADER.signature);
  if (signature === undefined) {
    throw new DeployError(
      'signature_missing',
      `the request has no ${HEADER.signature} header; sign it as docs/protocol.md describes`,
    );
  }

  const version = requiredHeader(request, HEADER.version, /^[0-9]+$/);
  if (version !== PROTOCOL_VERSION) {
    throw new DeployError(
      'unsupported_version',
      `protocol version ${JSON.stringify(version)} is not supported; this receiver speaks version ${PROTOCOL_VERSION}`,
    );
  }
  const fields = readSignedFields(request);
  const operation = options.operations.find(
    (candidate) => candidate === fields.operation,
  );
  if (operation === undefined) {
    throw new DeployError(
      'operation_mismatch',
      `the request is signed for operation ${JSON.stringify(fields.operation)}, but this endpoint performs ${options.operations.join(' or ')}`,
    );
  }
  if (fields.target !== options.target) {
    throw new DeployError(
      'target_mismatch',
      `the request is signed for target ${JSON.stringify(fields.target)}, but this endpoint expects ${JSON.stringify(options.target)}; ` +
        'for a deploy or release list the target is the site name, so pass --site (or the site input) matching STATIC_DEPLOY_SITE',
    );
  }

  if (!verifySignature(options.secrets, canonicalString(fields), signature)) {
    throw new DeployError(
      'signature_invalid',
      'the signature does not match; check that the sender and the receiver share the same secret',
    );
  }
  checkTimestamp(fields.timestampSeconds, options);

  return {
    ...fields,
    operation,
    metadata: readMetadata(fields.metadata),
  };
}

function readSignedFields(request: IncomingMessage) {
  const metadata = singleHeader(request, HEADER.metadata);
  if (metadata !== undefined && !METADATA_PATTERN.test(metadata)) {
    throw invalidHeader(
      HEADER.metadata,
      'base64url text of at most 8192 characters',
    );
  }
  return {
    operation: requiredHeader(
      request,
      HEADER.operation,
      /^[a-z]+$/,
    ) as Operation,
    target: requiredHeader(request, HEADER.target, TARGET_PATTERN),
    deploymentId: requiredHeader(request, HEADER.id, DEPLOYMENT_ID_PATTERN),
    timestampSeconds: Number(
      requiredHeader(request, HEADER.timestamp, TIMESTAMP_PATTERN),
    ),
    contentSha256: requiredHeader(
      request,
      HEADER.contentSha256,
      SHA256_PATTERN,
    ),
    metadata,
  };
}

function checkTimestamp(
  timestampSeconds: number,
  options: AuthenticateOptions,
): void {
  const skewSeconds = timestampSeconds - options.nowSeconds;
  if (Math.abs(skewSeconds) <= options.toleranceSeconds) {
    return;
  }
  const direction = skewSeconds > 0 ? 'ahead of' : 'behind';
  throw new DeployError(
    'timestamp_outside_tolerance',
    `the request timestamp is ${Math.abs(skewSeconds)} s ${direction} the receiver's clock, ` +
      `more than the tolerance of ${options.toleranceSeconds} s; sign with the current time and check both clocks`,
  );
}

function readMetadata(value: string | undefined): DeploymentMetadata {
  if (value === undefined) {
    return {};
  }
  try {
    return decodeMetadata(value);
  } catch (error) {
    throw new DeployError(
      'invalid_metadata',
      `${HEADER.metadata} is invalid: ${(error as Error).message}`,
    );
  }
}

function requiredHeader(
  request: IncomingMessage,
  name: string,
  pattern: RegExp,
): string {
  const value = singleHeader(request, name);
  if (value === undefined) {
    throw new DeployError('invalid_header', `the ${name} header is missing`);
  }
  if (!pattern.test(value)) {
    throw invalidHeader(name, `a value matching ${pattern.source}`);
  }
  return value;
}

function invalidHeader(name: string, expected: string): DeployError {
  return new DeployError(
    'invalid_header',
    `the ${name} header is invalid; expected ${expected}`,
  );
}

/**
 * Returns a header's value, or undefined when it is absent. Node joins a
 * repeated custom header into one comma-separated value, which would let a
 * repeated signature header pass as a list, so repeats are found in the raw
 * headers and rejected.
 */
function singleHeader(
  request: IncomingMessage,
  name: string,
): string | undefined {
  let count = 0;
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    if (request.rawHeaders[index].toLowerCase() === name) {
      count += 1;
    }
  }
  if (count > 1) {
    const code =
      name === HEADER.signature ? 'signature_invalid' : 'invalid_header';
    throw new DeployError(
      code,
      `the ${name} header appears ${count} times; send it once`,
    );
  }
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
