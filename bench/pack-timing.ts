import { randomBytes } from 'node:crypto';

import { hashFile } from '../action-src/hash.js';
import { packSite, type PackedSite } from '../action-src/pack.js';
import { newDeploymentId, signedHeaders } from '../protocol/index.js';

/** Times of the client-side steps, measured inside this process. */
export interface PackTiming {
  packMs: number;
  /** SHA-256 of the finished archive read back from disk. */
  hashMs: number;
  /** Building the signed headers, averaged over many calls. */
  signMicroseconds: number;
  packed: PackedSite;
}

const SIGN_ITERATIONS = 1000;

/**
 * Packs `siteDir` with the product's packSite (from the TypeScript source,
 * run through tsx) and times it, then times hashing the archive and signing
 * a request for it. The caller must call `packed.remove()`.
 */
export async function timePack(siteDir: string): Promise<PackTiming> {
  const packStart = performance.now();
  const packed = await packSite(siteDir);
  const packMs = performance.now() - packStart;

  const hashStart = performance.now();
  await hashFile(packed.archivePath);
  const hashMs = performance.now() - hashStart;

  // A throwaway secret: nothing signed here is sent.
  const secret = randomBytes(32).toString('hex');
  const signStart = performance.now();
  for (let i = 0; i < SIGN_ITERATIONS; i += 1) {
    signedHeaders([secret], {
      operation: 'deploy',
      target: 'default',
      deploymentId: newDeploymentId(),
      timestampSeconds: Math.floor(Date.now() / 1000),
      contentSha256: packed.sha256,
    });
  }
  const signMicroseconds =
    ((performance.now() - signStart) * 1000) / SIGN_ITERATIONS;
  return { packMs, hashMs, signMicroseconds, packed };
}
