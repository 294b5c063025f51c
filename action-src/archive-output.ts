import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Writes a new file through two buffers of `chunkBytes` each, so one can be
 * filled while the other is written, and hashes the bytes on their way to
 * disk. Reusing the two buffers keeps memory flat however large the file
 * grows, and large writes keep the number of system calls low.
 */
export class ArchiveOutput {
  readonly #handle: FileHandle;
  readonly #hash = createHash('sha256');
  #chunk: Buffer;
  #spare: Buffer;
  #used = 0;
  #flushedBytes = 0;
  #writing: Promise<void> = Promise.resolve();
  #writeError: unknown;
  #closed = false;

  private constructor(handle: FileHandle, chunkBytes: number) {
    this.#handle = handle;
    this.#chunk = Buffer.allocUnsafe(chunkBytes);
    this.#spare = Buffer.allocUnsafe(chunkBytes);
  }

  /**
   * Creates the file at `filePath`.
   *
   * @throws Error when the file exists already or cannot be created.
   */
  static async create(
    filePath: string,
    chunkBytes: number,
  ): Promise<ArchiveOutput> {
    return new ArchiveOutput(await open(filePath, 'wx'), chunkBytes);
  }

  /** Number of bytes appended so far, which is the offset of the next one. */
  get offset(): number {
    return this.#flushedBytes + this.#used;
  }

  /** Copies `bytes` to the end of the file. */
  async append(bytes: Uint8Array): Promise<void> {
    let copied = 0;
    while (copied < bytes.length) {
      if (this.#used === this.#chunk.length) {
        await this.#flush();
      }
      const count = Math.min(
        bytes.length - copied,
        this.#chunk.length - this.#used,
      );
      this.#chunk.set(bytes.subarray(copied, copied + count), this.#used);
      copied += count;
      this.#used += count;
    }
  }

  /**
   * Appends bytes that `read` puts straight into the free part of the
   * buffer, which saves a copy. `read` returns how many bytes it wrote at
   * the start of its target, and 0 once it has no more.
   *
   * @returns The number of bytes appended.
   */
  async appendFrom(read: (target: Buffer) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.#used === this.#chunk.length) {
        await this.#flush();
      }
      const count = await read(this.#chunk.subarray(this.#used));
      if (count === 0) {
        return total;
      }
      this.#used += count;
      total += count;
    }
  }

  /**
   * Writes what is left, closes the file and returns the SHA-256 (lowercase
   * hex) and size of everything appended.
   */
  async finish(): Promise<{ sha256: string; bytes: number }> {
    await this.#flush();
    await this.#settleWrite();
    this.#closed = true;
    await this.#handle.close();
    return { sha256: this.#hash.digest('hex'), bytes: this.#flushedBytes };
  }

  /**
   * Waits for a write in progress and closes the file, without reporting
   * errors. Does nothing after {@link finish} or an earlier call.
   */
  async abort(): Promise<void> {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    await this.#writing;
    await this.#handle.close().catch(() => {});
  }

  /** Hands the filled part of the buffer to a write and swaps the buffers. */
  async #flush(): Promise<void> {
    // The spare buffer is free only once its write has finished.
    await this.#settleWrite();
    const filled = this.#chunk.subarray(0, this.#used);
    this.#hash.update(filled);
    this.#writing = writeFully(this.#handle, filled).catch((error) => {
      this.#writeError = error;
    });
    this.#flushedBytes += this.#used;
    [this.#chunk, this.#spare] = [this.#spare, this.#chunk];
    this.#used = 0;
  }

  async #settleWrite(): Promise<void> {
    await this.#writing;
    if (this.#writeError !== undefined) {
      throw this.#writeError;
    }
  }
}

async function writeFully(handle: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const result = await handle.write(bytes, written, bytes.length - written);
    written += result.bytesWritten;
  }
}
