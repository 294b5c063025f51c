import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

import yauzl from 'yauzl';

/**
 * Size of the blocks that small reads are served from. A central directory
 * record or a local file header takes one fs.read() of its own otherwise,
 * and yauzl 3.4.0 makes two reads per record, so listing 10,000 entries cost
 * 20,000 threadpool round trips.
 */
export const BLOCK_BYTES = 256 * 1024;

/** Size of the reads that stream a large range. */
const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * Blocks kept in memory, so 1 MiB at most besides reads in flight. yauzl
 * reads the central directory front to back, so two would do.
 */
const CACHED_BLOCKS = 4;

/**
 * A yauzl RandomAccessReader over one open archive file that reads aligned
 * blocks and serves every read of up to {@link BLOCK_BYTES} from them, which
 * makes the central directory and end record cheap to read. Larger ranges
 * are read straight from the file, and {@link readInto} reads into a buffer
 * that the caller owns.
 *
 * The reader owns `handle` and closes it when yauzl closes the archive.
 */
export class BlockCachedReader extends yauzl.RandomAccessReader {
  readonly #handle: FileHandle;
  readonly #fileBytes: number;
  /** Blocks by index, oldest first, so eviction drops the first key. */
  readonly #blocks = new Map<number, Promise<Buffer>>();

  constructor(handle: FileHandle, fileBytes: number) {
    super();
    this.#handle = handle;
    this.#fileBytes = fileBytes;
  }

  /** Size of the archive file in bytes. */
  get fileBytes(): number {
    return this.#fileBytes;
  }

  /**
   * Reads up to `target.length` bytes at `position` into `target`, fewer
   * only where the file ends. Returns the number of bytes read.
   */
  async readInto(target: Buffer, position: number): Promise<number> {
    const length = Math.min(target.length, this.#fileBytes - position);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.#handle.read(
        target,
        filled,
        length - filled,
        position + filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled;
  }

  /**
   * Reads `length` bytes at `position` into a new Buffer. Rejects with
   * "unexpected EOF" when the file ends first.
   */
  async readRange(position: number, length: number): Promise<Buffer> {
    if (length === 0) return Buffer.alloc(0);
    if (position + length > this.#fileBytes) throw unexpectedEof();
    if (length > BLOCK_BYTES) return this.#readDirect(position, length);

    const target = Buffer.allocUnsafe(length);
    let copied = 0;
    while (copied < length) {
      const at = position + copied;
      const block = await this.#block(Math.floor(at / BLOCK_BYTES));
      const start = at % BLOCK_BYTES;
      copied += block.copy(target, copied, start, start + length - copied);
    }
    return target;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void,
  ): void {
    this.readRange(position, length).then(
      (data) => callback(null, data.copy(buffer, offset)),
      (error: Error) => callback(error),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end - start <= BLOCK_BYTES) {
      return Readable.from(this.#rangeChunks(start, end), {
        objectMode: false,
      });
    }
    // A Readable of its own rather than FileHandle.createReadStream(), because
    // on Node.js 20.20 one of several concurrent streams of one FileHandle
    // stalled before its end when another had ended.
    let position = start;
    const stream = new Readable({
      highWaterMark: STREAM_CHUNK_BYTES,
      read: (size) => {
        const length = Math.min(size, STREAM_CHUNK_BYTES, end - position);
        if (length <= 0) return void stream.push(null);
        this.#readDirect(position, length).then(
          (chunk) => {
            position += chunk.length;
            stream.push(chunk);
          },
          (error: Error) => stream.destroy(error),
        );
      },
    });
    return stream;
  }

  override close(callback: (error: Error | null) => void): void {
    this.#blocks.clear();
    this.#handle.close().then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }

  async *#rangeChunks(start: number, end: number): AsyncGenerator<Buffer> {
    yield await this.readRange(start, end - start);
  }

  #block(index: number): Promise<Buffer> {
    const cached = this.#blocks.get(index);
    if (cached !== undefined) return cached;

    const start = index * BLOCK_BYTES;
    const length = Math.min(BLOCK_BYTES, this.#fileBytes - start);
    const block = this.#readDirect(start, length);
    // A failed read is not cached, so the next reader retries it.
    block.catch(() => this.#blocks.delete(index));
    this.#blocks.set(index, block);
    if (this.#blocks.size > CACHED_BLOCKS) {
      this.#blocks.delete(this.#blocks.keys().next().value as number);
    }
    return block;
  }

  async #readDirect(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    if ((await this.readInto(buffer, position)) < length) {
      throw unexpectedEof();
    }
    return buffer;
  }
}

/** Returns the error of a read past the end, with yauzl 3.4.0's message. */
export function unexpectedEof(): Error {
  return new Error('unexpected EOF');
}
