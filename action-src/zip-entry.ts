import { once } from 'node:events';
import { closeSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import {
  crc32,
  createDeflateRaw,
  deflateRawSync,
  type DeflateRaw,
} from 'node:zlib';

import type { ArchiveOutput } from './archive-output.js';
import { errorMessage } from './error-message.js';
import type { SiteFile } from './site-files.js';
import {
  dataDescriptor,
  entryHeader,
  localFileHeader,
  METHOD_STORED,
  type EntryHeader,
  type EntrySizes,
} from './zip-records.js';

/** Deflate level: zlib's default trade-off between size and speed. */
const DEFLATE_LEVEL = 6;

const MIB = 1024 * 1024;

/**
 * Files up to this size are read whole into one reused buffer. Larger files
 * are streamed from disk in chunks.
 */
const MAX_BUFFERED_FILE_BYTES = MIB;

/** Read size for streamed files that are deflated. */
const STREAM_CHUNK_BYTES = MIB;

/**
 * Streamed files listed at this size or larger get 8-byte Zip64 sizes in
 * their local header and data descriptor. The limit is below 4 GiB so that
 * deflate may expand a file, or the file may grow a little while it is
 * read, without passing 4 GiB.
 */
const ZIP64_STREAM_MIN_BYTES = 2048 * MIB;

/** Fields of a written entry that its central directory header needs. */
export interface WrittenEntry {
  header: EntryHeader;
  sizes: EntrySizes;
  /** Offset of the entry's local file header in the archive. */
  offset: number;
}

/**
 * Appends file entries (local header, data and, for streamed files, data
 * descriptor) to an archive. The read buffers are allocated once per
 * archive and reused, so they do not grow with the number or size of files.
 */
export class EntryWriter {
  readonly #output: ArchiveOutput;
  #readBuffer: Buffer | undefined;
  #streamBuffer: Buffer | undefined;

  constructor(output: ArchiveOutput) {
    this.#output = output;
  }

  /**
   * Appends the entry for `file`. Files up to 1 MiB are read whole and get
   * their sizes in the local header. Larger files, and files that have
   * grown past 1 MiB since they were listed, are streamed and followed by a
   * data descriptor.
   *
   * @throws Error naming the file when it cannot be opened or read.
   */
  async append(
    file: SiteFile,
    method: EntryHeader['method'],
  ): Promise<WrittenEntry> {
    if (file.stats.size <= MAX_BUFFERED_FILE_BYTES) {
      const written = await this.#appendBuffered(file, method);
      if (written !== undefined) {
        return written;
      }
    }
    return this.#appendStreamed(file, method);
  }

  /**
   * Appends the entry if the file fits the read buffer, and otherwise
   * returns undefined, having appended nothing.
   */
  async #appendBuffered(
    file: SiteFile,
    method: EntryHeader['method'],
  ): Promise<WrittenEntry | undefined> {
    // One byte more than the largest buffered file, so that a file that
    // grew since it was listed fills the buffer.
    this.#readBuffer ??= Buffer.allocUnsafe(MAX_BUFFERED_FILE_BYTES + 1);
    const size = readWhole(file, this.#readBuffer);
    if (size === this.#readBuffer.length) {
      return undefined;
    }

    const content = this.#readBuffer.subarray(0, size);
    const data =
      method === METHOD_STORED
        ? content
        : deflateRawSync(content, { level: DEFLATE_LEVEL });
    const header = entryHeader(file.name, file.stats, {
      method,
      dataDescriptor: false,
      zip64: false,
    });
    const sizes = { crc32: crc32(content), compressedSize: data.length, size };
    const offset = this.#output.offset;
    await this.#output.append(localFileHeader(header, sizes));
    await this.#output.append(data);
    return { header, sizes, offset };
  }

  async #appendStreamed(
    file: SiteFile,
    method: EntryHeader['method'],
  ): Promise<WrittenEntry> {
    const header = entryHeader(file.name, file.stats, {
      method,
      dataDescriptor: true,
      zip64: file.stats.size >= ZIP64_STREAM_MIN_BYTES,
    });
    const handle = await open(file.sourcePath, 'r').catch((error: unknown) => {
      throw readError(file, error);
    });
    try {
      const offset = this.#output.offset;
      await this.#output.append(localFileHeader(header, undefined));
      const sizes = await this.#appendFileData(file, handle, method);
      await this.#output.append(dataDescriptor(header, sizes));
      return { header, sizes, offset };
    } finally {
      await handle.close();
    }
  }

  async #appendFileData(
    file: SiteFile,
    handle: FileHandle,
    method: EntryHeader['method'],
  ): Promise<EntrySizes> {
    const sizes = { crc32: 0, compressedSize: 0, size: 0 };
    const readChunk = async (target: Buffer): Promise<number> => {
      const { bytesRead } = await handle
        .read(target, 0, target.length)
        .catch((error: unknown) => {
          throw readError(file, error);
        });
      sizes.crc32 = crc32(target.subarray(0, bytesRead), sizes.crc32);
      sizes.size += bytesRead;
      return bytesRead;
    };
    if (method === METHOD_STORED) {
      // The reads go straight into the output buffer, so nothing is copied.
      sizes.compressedSize = await this.#output.appendFrom(readChunk);
    } else {
      this.#streamBuffer ??= Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
      sizes.compressedSize = await appendDeflated(
        readChunk,
        this.#streamBuffer,
        this.#output,
      );
    }
    return sizes;
  }
}

/**
 * Reads a file into `buffer` until the end of the file or of the buffer,
 * and returns the number of bytes read.
 *
 * The read is synchronous on purpose. Files that a build has just written
 * come from the page cache in microseconds, while each asynchronous open,
 * read and close is a round trip through libuv's thread pool. On a 2-vCPU
 * VM those round trips added about 0.1 ms of CPU time per file, which made
 * a 10,000-file site pack about a second slower.
 *
 * NOTE: with a cold page cache or a network file system, the main thread
 * waits for each read in turn, because reads are not overlapped.
 *
 * @throws Error naming the file when it cannot be opened or read.
 */
function readWhole(file: SiteFile, buffer: Buffer): number {
  let fd: number | undefined;
  try {
    fd = openSync(file.sourcePath, 'r');
    let total = 0;
    while (total < buffer.length) {
      const count = readSync(fd, buffer, total, buffer.length - total, null);
      if (count === 0) {
        break;
      }
      total += count;
    }
    return total;
  } catch (error) {
    throw readError(file, error);
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
    }
  }
}

/**
 * Deflates what `readChunk` reads into `buffer` and appends the result to
 * `output`. Each chunk is deflated before the next read reuses the buffer.
 *
 * @returns The number of compressed bytes appended.
 */
async function appendDeflated(
  readChunk: (target: Buffer) => Promise<number>,
  buffer: Buffer,
  output: ArchiveOutput,
): Promise<number> {
  const deflater = createDeflateRaw({ level: DEFLATE_LEVEL });
  const compressed: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => compressed.push(chunk));
  const ended = once(deflater, 'end');
  // Awaited below; this keeps an early error from counting as unhandled.
  ended.catch(() => {});
  let compressedSize = 0;
  const appendCompressed = async (): Promise<void> => {
    for (const chunk of compressed.splice(0)) {
      compressedSize += chunk.length;
      await output.append(chunk);
    }
  };

  try {
    for (;;) {
      const count = await readChunk(buffer);
      if (count === 0) {
        break;
      }
      await deflateChunk(deflater, buffer.subarray(0, count));
      await appendCompressed();
    }
    deflater.end();
    await ended;
    await appendCompressed();
    return compressedSize;
  } finally {
    deflater.destroy();
  }
}

/** Resolves once the deflater has consumed `chunk`. */
function deflateChunk(deflater: DeflateRaw, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    deflater.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function readError(file: SiteFile, error: unknown): Error {
  return new Error(`failed to read ${file.name}: ${errorMessage(error)}`, {
    cause: error,
  });
}
