import { createHmac, timingSafeEqual } from 'node:crypto';

import { MAX_SIGNATURES } from './headers.js';

const SIGNATURE_ENTRY = /^sha256=([0-9a-f]{64})$/;

/** Returns the HMAC-SHA256 of `message` under `secret` as lowercase hex. */
export function hmacSha256Hex(
  secret: string | Uint8Array,
  message: string | Uint8Array,
): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/**
 * Formats the signature header value: one `sha256=<hex>` entry per secret,
 * separated by commas, so a receiver that has any one of the secrets
 * accepts the request during a key rotation.
 */
export function signatureHeader(
  secrets: readonly string[],
  message: string,
): string {
  if (secrets.length === 0 || secrets.length > MAX_SIGNATURES) {
    throw new TypeError(
      `expected 1 to ${MAX_SIGNATURES} secrets, got ${secrets.length}`,
    );
  }
  return secrets
    .map((secret) => `sha256=${hmacSha256Hex(secret, message)}`)
    .join(',');
}

/**
 * Splits a signature header into its hex digests. Returns `undefined` for
 * any value that is not a list of 1 to 8 well-formed `sha256=<64 lowercase
 * hex>` entries; upper-case hex, other algorithm names, extra characters and
 * empty entries are all malformed. Spaces around commas are allowed.
 */
export function parseSignatureHeader(value: string): string[] | undefined {
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.length > MAX_SIGNATURES) {
    return undefined;
  }
  const digests: string[] = [];
  for (const entry of entries) {
    const match = SIGNATURE_ENTRY.exec(entry);
    if (match === null) {
      return undefined;
    }
    digests.push(match[1]);
  }
  return digests;
}

/**
 * Checks whether any digest in the header is the HMAC of `message` under
 * any of `secrets`. Never throws on malformed input: it returns false.
 *
 * Every secret is compared with every digest, without stopping at the first
 * match, so the time taken does not reveal which secret or which entry
 * matched.
 */
export function verifySignature(
  secrets: readonly string[],
  message: string,
  header: string | undefined,
): boolean {
  if (header === undefined) {
    return false;
  }
  const digests = parseSignatureHeader(header);
  if (digests === undefined) {
    return false;
  }

  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(hmacSha256Hex(secret, message), 'hex');
    for (const digest of digests) {
      const received = Buffer.from(digest, 'hex');
      // timingSafeEqual throws on a length mismatch. The pattern above
      // fixes every digest at 32 bytes, and this check keeps that true
      // even if the pattern changes.
      if (
        received.length === expected.length &&
        timingSafeEqual(received, expected)
      ) {
        matched = true;
      }
    }
  }
  return matched;
}
