import { randomBytes } from 'node:crypto';

import { canonicalString, type SignedFields } from './canonical.js';
import { HEADER, PROTOCOL_VERSION } from './headers.js';
import { signatureHeader } from './signature.js';

/** Returns a fresh deployment id: 128 random bits as lowercase hex. */
export function newDeploymentId(): string {
  return randomBytes(16).toString('hex');
}

/** Returns the current time in Unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Builds the headers that authenticate one operation, signed with every
 * secret in `secrets`.
 */
export function signedHeaders(
  secrets: readonly string[],
  fields: SignedFields,
): Record<string, string> {
  const headers: Record<string, string> = {
    [HEADER.version]: PROTOCOL_VERSION,
    [HEADER.operation]: fields.operation,
    [HEADER.target]: fields.target,
    [HEADER.id]: fields.deploymentId,
    [HEADER.timestamp]: String(fields.timestampSeconds),
    [HEADER.contentSha256]: fields.contentSha256,
    [HEADER.signature]: signatureHeader(secrets, canonicalString(fields)),
  };
  if (fields.metadata !== undefined) {
    headers[HEADER.metadata] = fields.metadata;
  }
  return headers;
}
