import { createHash } from 'node:crypto';

import {
  DEPLOYMENT_ID_PATTERN,
  METADATA_PATTERN,
  OPERATIONS,
  PROTOCOL_VERSION,
  SHA256_PATTERN,
  TARGET_PATTERN,
  TIMESTAMP_PATTERN,
  type Operation,
} from './headers.js';

/** The fields a signature covers. */
export interface SignedFields {
  operation: Operation;
  /** Site name for `deploy` and `list`, release id for `activate`. */
  target: string;
  deploymentId: string;
  timestampSeconds: number;
  /** SHA-256 of the archive bytes, or of the empty string when there is no body. */
  contentSha256: string;
  /** The raw base64url metadata header value, when the request has one. */
  metadata?: string;
}

/**
 * Builds the string that is signed: one field per line, joined by `\n`
 * with no trailing newline. Every field is checked against its pattern
 * first, and none of the patterns admit a newline, so a field can never
 * spill into the next line.
 *
 * @throws TypeError when a field does not match its documented format.
 */
export function canonicalString(fields: SignedFields): string {
  if (!OPERATIONS.includes(fields.operation)) {
    throw new TypeError(`invalid operation: ${String(fields.operation)}`);
  }
  requireMatch('target', fields.target, TARGET_PATTERN);
  requireMatch('deployment id', fields.deploymentId, DEPLOYMENT_ID_PATTERN);
  requireMatch('timestamp', String(fields.timestampSeconds), TIMESTAMP_PATTERN);
  requireMatch('content SHA-256', fields.contentSha256, SHA256_PATTERN);
  if (fields.metadata !== undefined) {
    requireMatch('metadata', fields.metadata, METADATA_PATTERN);
  }

  return [
    `static-deploy/${PROTOCOL_VERSION}`,
    fields.operation,
    fields.target,
    fields.deploymentId,
    String(fields.timestampSeconds),
    fields.contentSha256,
    fields.metadata === undefined ? '' : sha256Hex(fields.metadata),
  ].join('\n');
}

/** Returns the lowercase hex SHA-256 of a string or buffer. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of zero bytes: the content hash of a request without a body. */
export const EMPTY_SHA256 = sha256Hex('');

function requireMatch(name: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value)) {
    throw new TypeError(`invalid ${name}: ${JSON.stringify(value)}`);
  }
}
