import { createCipheriv, createHash } from 'node:crypto';

/**
 * Seeded pseudo-random numbers (sfc32, from PractRand by Chris Doty-Humphrey).
 * Not for cryptography: it exists so that the same seed always produces the
 * same benchmark site.
 */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Derives the state from SHA-256 of `seed`, so similar seeds diverge. */
  constructor(seed: string) {
    const digest = createHash('sha256').update(seed).digest();
    this.#a = digest.readUInt32LE(0);
    this.#b = digest.readUInt32LE(4);
    this.#c = digest.readUInt32LE(8);
    this.#d = digest.readUInt32LE(12);
    // Discard the first outputs, as the sfc32 reference does, to mix the state.
    for (let i = 0; i < 12; i += 1) {
      this.nextUint32();
    }
  }

  /** Returns the next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Returns a float in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Returns an integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /**
   * Returns an element with a Zipf-like bias towards the start of the array,
   * as word frequencies in real text have.
   */
  pickSkewed<T>(items: readonly T[]): T {
    const u = this.float();
    return items[Math.floor(u * u * u * items.length)] as T;
  }

  /** Returns a number drawn log-uniformly from [min, max]. */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.float() * Math.log(max / min));
  }
}

/**
 * Returns `length` incompressible bytes that depend only on `seed`: the
 * AES-256-CTR keystream under a key derived from the seed, which is far
 * faster than drawing bytes from {@link SeededRandom}.
 */
export function seededBytes(seed: string, length: number): Buffer {
  const key = createHash('sha256').update(`key:${seed}`).digest();
  const iv = createHash('sha256').update(`iv:${seed}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()]);
}
