/**
 * Origin of a deployment. Every field is optional and free text; the
 * receiver stores it with the release, and the signature covers it.
 */
export interface DeploymentMetadata {
  repository?: string;
  commit?: string;
  ref?: string;
  runUrl?: string;
  actor?: string;
  message?: string;
}

const METADATA_KEYS = [
  'repository',
  'commit',
  'ref',
  'runUrl',
  'actor',
  'message',
] as const;
const MAX_FIELD_CHARS = 1024;

/** Encodes metadata as base64url JSON for the metadata header. */
export function encodeMetadata(metadata: DeploymentMetadata): string {
  return Buffer.from(JSON.stringify(metadata), 'utf8').toString('base64url');
}

/**
 * Decodes a metadata header value. Unknown keys are dropped and values are
 * capped, so a sender cannot store arbitrary data in the release record.
 *
 * @throws TypeError when the value is not base64url of a JSON object of
 *   strings.
 */
export function decodeMetadata(value: string): DeploymentMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new TypeError('metadata is not base64url-encoded JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError('metadata must be a JSON object');
  }

  const metadata: DeploymentMetadata = {};
  for (const key of METADATA_KEYS) {
    const field = (parsed as Record<string, unknown>)[key];
    if (field === undefined) {
      continue;
    }
    if (typeof field !== 'string') {
      throw new TypeError(`metadata field ${key} must be a string`);
    }
    metadata[key] = field.slice(0, MAX_FIELD_CHARS);
  }
  return metadata;
}
