import path from 'node:path';

import { ArchiveOutput } from './archive-output.js';
import type { SiteFile } from './site-files.js';
import { EntryWriter } from './zip-entry.js';
import {
  centralDirectoryHeader,
  endOfCentralDirectory,
  METHOD_DEFLATED,
  METHOD_STORED,
  type EntryHeader,
} from './zip-records.js';

/**
 * Size of each of the two output buffers, one filled while the other is
 * written. 1 MiB buffers packed 0.2 GB and 1.9 GB test sites no faster than
 * these 256 KiB ones did.
 */
const OUTPUT_CHUNK_BYTES = 256 * 1024;

/**
 * Extensions of formats that are already compressed. Deflating them again
 * costs time and saves next to nothing, so they are stored as they are.
 * `.ico` is absent on purpose: icon files are mostly raw bitmaps and
 * deflate well.
 */
const STORED_EXTENSIONS = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.avif',
  '.woff',
  '.woff2',
  '.zip',
  '.gz',
  '.br',
  '.zst',
  '.mp4',
  '.webm',
  '.mp3',
  '.ogg',
  '.pdf',
]);

/**
 * Returns whether a file name has the extension of an already-compressed
 * format.
 */
export function isPrecompressed(name: string): boolean {
  return STORED_EXTENSIONS.has(path.posix.extname(name).toLowerCase());
}

/**
 * Writes `files` into a new zip archive at `archivePath`, in the order
 * given, and hashes the bytes on their way to disk. The promise settles
 * only after the file is closed.
 *
 * Each entry gets the file's permission bits and modification time, and
 * is stored or deflated as {@link isPrecompressed} decides. Files up to
 * 1 MiB are read whole and written with their sizes in the local header.
 * Larger files are streamed and followed by a data descriptor. Zip64
 * records are written where sizes, offsets or the entry count need them.
 *
 * A file that cannot be read or has disappeared since it was listed fails
 * the whole write with an error that names it, so a partial archive is
 * never reported as complete.
 *
 * @returns The SHA-256 (lowercase hex) and size in bytes of the archive.
 */
export async function writeZip(
  files: readonly SiteFile[],
  archivePath: string,
): Promise<{ sha256: string; bytes: number }> {
  const output = await ArchiveOutput.create(archivePath, OUTPUT_CHUNK_BYTES);
  try {
    await writeEntries(files, output);
    return await output.finish();
  } finally {
    await output.abort();
  }
}

async function writeEntries(
  files: readonly SiteFile[],
  output: ArchiveOutput,
): Promise<void> {
  const entries = new EntryWriter(output);
  const directory = new CentralDirectory();
  for (const file of files) {
    const method = compressionMethod(file.name);
    const { header, sizes, offset } = await entries.append(file, method);
    directory.add(centralDirectoryHeader(header, sizes, offset));
  }
  await directory.appendTo(output);
}

function compressionMethod(name: string): EntryHeader['method'] {
  return isPrecompressed(name) ? METHOD_STORED : METHOD_DEFLATED;
}

/**
 * Central directory headers, copied into 64 KiB blocks as entries are
 * written. One small Buffer per entry would cost an object each, or keep
 * blocks of Node's shared buffer pool alive until the archive is done.
 */
class CentralDirectory {
  static readonly #BLOCK_BYTES = 64 * 1024;
  readonly #blocks: Buffer[] = [];
  #block = Buffer.alloc(0);
  #blockUsed = 0;
  #entries = 0;

  add(header: Buffer): void {
    if (this.#block.length - this.#blockUsed < header.length) {
      this.#keepBlock();
      const bytes = Math.max(CentralDirectory.#BLOCK_BYTES, header.length);
      this.#block = Buffer.allocUnsafe(bytes);
    }
    header.copy(this.#block, this.#blockUsed);
    this.#blockUsed += header.length;
    this.#entries += 1;
  }

  /** Appends the headers, then the end of central directory records. */
  async appendTo(output: ArchiveOutput): Promise<void> {
    this.#keepBlock();
    const directoryOffset = output.offset;
    for (const block of this.#blocks) {
      await output.append(block);
    }
    const directoryBytes = output.offset - directoryOffset;
    await output.append(
      endOfCentralDirectory(this.#entries, directoryBytes, directoryOffset),
    );
  }

  /** Moves the filled part of the current block to the finished blocks. */
  #keepBlock(): void {
    if (this.#blockUsed > 0) {
      this.#blocks.push(this.#block.subarray(0, this.#blockUsed));
    }
    this.#block = Buffer.alloc(0);
    this.#blockUsed = 0;
  }
}
