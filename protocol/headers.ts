/**
 * Names and formats of the request headers that carry a signed operation.
 * Both the sender and the receiver import these, so the two sides cannot
 * disagree on spelling or syntax.
 */

/** Version of the wire format; it is also the first line of the canonical string. */
export const PROTOCOL_VERSION = '1';

export const HEADER = {
  version: 'x-static-deploy-version',
  operation: 'x-static-deploy-operation',
  target: 'x-static-deploy-target',
  id: 'x-static-deploy-id',
  timestamp: 'x-static-deploy-timestamp',
  contentSha256: 'x-static-deploy-content-sha256',
  metadata: 'x-static-deploy-metadata',
  signature: 'x-static-deploy-signature',
} as const;

/**
 * Operations a signature can authorize: `deploy` unpacks and activates an
 * archive, `stage` unpacks it without activating, `list` reads the release
 * history, and `activate` makes a kept release live.
 */
export const OPERATIONS = ['deploy', 'stage', 'list', 'activate'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Name of the multipart/form-data file field that carries the archive. */
export const ARCHIVE_FIELD = 'archive';

/** A deployment id is 128 random bits written as 32 lowercase hex digits. */
export const DEPLOYMENT_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Unix seconds as a plain decimal number without sign or leading zeros. */
export const TIMESTAMP_PATTERN = /^(0|[1-9][0-9]{0,11})$/;

/** A SHA-256 digest written as 64 lowercase hex digits. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** Site names and release ids: no separators, so no line can be forged. */
export const TARGET_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Metadata travels as base64url JSON, which keeps the header plain ASCII. */
export const METADATA_PATTERN = /^[A-Za-z0-9_-]{1,8192}$/;

/** Maximum number of signatures in one request, one per secret in rotation. */
export const MAX_SIGNATURES = 8;
