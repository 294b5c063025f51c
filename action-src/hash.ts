import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A pass-through stream that computes the SHA-256 and byte count of
 * everything that flows through it, so an archive can be hashed while it is
 * written instead of being read back afterwards.
 */
export class HashTap extends Transform {
  readonly #hash = createHash('sha256');
  #bytes = 0;

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    this.#hash.update(chunk);
    this.#bytes += chunk.length;
    callback(null, chunk);
  }

  /** Number of bytes that have passed through so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Finishes the hash and returns it as lowercase hex. Call it once, after the
   * stream ends.
   */
  digest(): string {
    return this.#hash.digest('hex');
  }
}

/**
 * Streams a file through SHA-256 and returns its hex digest and size in bytes.
 */
export async function hashFile(
  filePath: string,
): Promise<{ sha256: string; bytes: number }> {
  const tap = new HashTap();
  const discard = new Writable({
    write: (_chunk, _encoding, callback) => callback(),
  });
  await pipeline(createReadStream(filePath), tap, discard);
  return { sha256: tap.digest(), bytes: tap.bytes };
}
