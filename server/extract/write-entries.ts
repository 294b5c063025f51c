import type { WriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { inflateRawSync } from 'node:zlib';

import type { Entry, ZipFile } from 'yauzl';

import { toExtractError } from './archive-errors.js';
import { unexpectedEof, type BlockCachedReader } from './archive-reader.js';
import {
  checkEntryData,
  EntryByteCounter,
  EntryDataCheck,
  tooManyBytesError,
  type ExpectedEntryData,
  type UnpackedByteBudget,
} from './byte-counter.js';
import { forEachConcurrently } from './concurrency.js';
import type { PlannedEntry } from './entry-layout.js';
import { FILE_MODE, FileModeFixer } from './file-modes.js';
import { createFolders, foldersByDepth } from './folders.js';
import type { ExtractLimits } from './limits.js';
import {
  checkDataEnd,
  locateEntryData,
  readEntryData,
  SCRATCH_OVERHEAD_BYTES,
} from './local-entry.js';

/**
 * Entries written at once. Each one waits on a single file system call at a
 * time, and libuv has 4 threadpool threads by default, so 8 keeps them busy
 * while the static site handler's calls still queue behind at most 8.
 */
const ENTRIES_IN_FLIGHT = 8;

/**
 * Entries whose compressed and uncompressed sizes are both at most this are
 * read whole into a scratch buffer of the writer, inflated in memory, and
 * written with one write() call. Larger ones are streamed. With
 * {@link ENTRIES_IN_FLIGHT} that bounds the buffers to about 16 MiB.
 *
 * Reusing the scratch buffers matters for the receiver's memory: V8 frees a
 * Buffer's memory only when it collects the Buffer object, and a fresh
 * Buffer per entry let tens of MiB of dead Buffers pile up between
 * collections.
 */
const WHOLE_ENTRY_MAX_BYTES = 1024 * 1024;

/** zlib.constants.Z_MIN_CHUNK, the smallest chunkSize that zlib accepts. */
const MIN_ZLIB_CHUNK_BYTES = 64;

/** Zip compression method 8, deflate. Planning rejects all but 0 and 8. */
const COMPRESSION_METHOD_DEFLATE = 8;

/** Counts of what an extraction wrote into the staging folder. */
export interface ExtractSummary {
  /** Regular files written. */
  files: number;
  /** Folders created, whether listed in the archive or implied by a path. */
  directories: number;
  /** Uncompressed bytes written, summed over all files. */
  bytes: number;
}

/** The open archive that entries are read from. */
export interface ArchiveSource {
  zipfile: ZipFile;
  reader: BlockCachedReader;
}

/**
 * Writes validated entries into the empty folder `stagingDir`: first every
 * folder, then the files, several at a time. Files get mode 0644 and folders
 * 0755 whatever the umask, a default ACL or a setgid bit would give. Throws the error that `toExtractError` makes
 * of the first failure, after every file that was being written is closed.
 */
export async function writeEntries(
  source: ArchiveSource,
  entries: readonly PlannedEntry[],
  stagingDir: string,
  limits: ExtractLimits,
): Promise<ExtractSummary> {
  const root = resolve(stagingDir);
  // Listing folders is synchronous, so serving gets a turn first.
  await nextTurn();
  const folders = foldersByDepth(entries, limits);
  await createFolders(root, folders, ENTRIES_IN_FLIGHT);

  const budget: UnpackedByteBudget = {
    usedBytes: 0,
    maxBytes: limits.maxUnpackedBytes,
  };
  const files = withDataLimits(entries, source.reader.fileBytes);
  const modes = new FileModeFixer();
  const scratchBuffers: Buffer[] = [];
  await forEachConcurrently(files, ENTRIES_IN_FLIGHT, async (planned) => {
    const target = join(root, planned.name.path);
    const scratch =
      scratchBuffers.pop() ??
      Buffer.allocUnsafe(WHOLE_ENTRY_MAX_BYTES + SCRATCH_OVERHEAD_BYTES);
    try {
      await writeFile(source, planned, target, {
        budget,
        modes,
        scratch,
      });
    } catch (error) {
      throw toExtractError(error, planned.name.text);
    } finally {
      scratchBuffers.push(scratch);
    }
  });

  return {
    files: files.length,
    directories: folders.reduce((sum, level) => sum + level.length, 0),
    bytes: budget.usedBytes,
  };
}

/** A file entry and the offset that its data must end by. */
interface FileEntry extends PlannedEntry {
  /**
   * Offset of the next entry's local header, or the file size for the last
   * entry, so that no two entries can share data through a local header
   * that is longer than the central directory's checks assume.
   */
  dataLimit: number;
}

/** Returns the file entries of `sorted`, which is ordered by offset. */
function withDataLimits(
  sorted: readonly PlannedEntry[],
  fileBytes: number,
): FileEntry[] {
  const files: FileEntry[] = [];
  sorted.forEach((planned, index) => {
    if (planned.name.isFolder) return;
    const next = sorted[index + 1]?.entry.relativeOffsetOfLocalHeader;
    files.push({ ...planned, dataLimit: next ?? fileBytes });
  });
  return files;
}

interface WriteOptions {
  budget: UnpackedByteBudget;
  modes: FileModeFixer;
  /** Buffer for the compressed data of a small entry, owned by this call. */
  scratch: Buffer;
}

async function writeFile(
  source: ArchiveSource,
  planned: FileEntry,
  target: string,
  options: WriteOptions,
): Promise<void> {
  const { entry } = planned;
  const expected: ExpectedEntryData = {
    nameText: planned.name.text,
    uncompressedSize: entry.uncompressedSize,
    crc32: entry.crc32,
  };
  const whole =
    entry.compressedSize <= WHOLE_ENTRY_MAX_BYTES &&
    entry.uncompressedSize <= WHOLE_ENTRY_MAX_BYTES;
  // The data is read and checked before the file is created, so a corrupt
  // small entry leaves no file behind for the caller to delete.
  const data = whole
    ? await readWholeEntry(source, planned, expected, options)
    : undefined;

  // 'wx' fails if the path exists, so a file never overwrites an earlier
  // entry or follows a symbolic link at its own path.
  const handle = await open(target, 'wx', FILE_MODE);
  let output: WriteStream | undefined;
  try {
    await options.modes.apply(handle);
    if (data !== undefined) {
      await handle.writeFile(data);
      return;
    }
    if (entry.compressionMethod !== COMPRESSION_METHOD_DEFLATE) {
      await copyStoredEntry(source, planned, handle, expected, options);
      return;
    }
    const { fileDataStart } = await source.zipfile.readLocalFileHeaderPromise(
      entry,
      { minimal: true },
    );
    checkDataEnd(fileDataStart, entry.compressedSize, planned.dataLimit);
    const input = await openInflatingStream(
      source.zipfile,
      fileDataStart,
      entry,
    );
    output = handle.createWriteStream();
    await pipeline(
      input,
      new EntryByteCounter(expected, options.budget),
      output,
    );
  } finally {
    await closeFile(handle, output);
  }
}

/**
 * Opens an inflating stream of the data at `fileDataStart`. The low-level
 * call starts at the data, so the local header that was just read is not
 * read a second time. yauzl 3.4.0's openReadStreamLowLevelPromise() calls
 * openReadStream() by mistake, so the callback form is wrapped here.
 */
function openInflatingStream(
  zipfile: ZipFile,
  fileDataStart: number,
  entry: Entry,
): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zipfile.openReadStreamLowLevel(
      fileDataStart,
      entry.compressedSize,
      0,
      entry.compressedSize,
      true,
      entry.uncompressedSize,
      (error, stream) => (error ? reject(error) : resolve(stream)),
    );
  });
}

/**
 * Copies a large stored entry into `handle` through `options.scratch`, one
 * scratch buffer at a time, so that no Buffer is allocated per chunk.
 */
async function copyStoredEntry(
  source: ArchiveSource,
  planned: FileEntry,
  handle: FileHandle,
  expected: ExpectedEntryData,
  options: WriteOptions,
): Promise<void> {
  const { entry } = planned;
  const { scratch } = options;
  const check = new EntryDataCheck(expected, options.budget);
  const { dataStart, prefix } = await locateEntryData(
    source.reader,
    planned,
    scratch,
  );
  check.add(prefix);
  await handle.writeFile(prefix);

  let copied = prefix.length;
  while (copied < entry.compressedSize) {
    const length = Math.min(scratch.length, entry.compressedSize - copied);
    const chunk = scratch.subarray(0, length);
    if ((await source.reader.readInto(chunk, dataStart + copied)) < length) {
      throw unexpectedEof();
    }
    check.add(chunk);
    await handle.writeFile(chunk);
    copied += length;
  }
  check.finish();
}

/**
 * Reads, inflates and checks one small entry in memory. Inflating stops at
 * the declared size, so a lying entry costs at most that much memory. A
 * stored entry is returned as a view into `options.scratch`.
 */
async function readWholeEntry(
  source: ArchiveSource,
  planned: FileEntry,
  expected: ExpectedEntryData,
  options: WriteOptions,
): Promise<Buffer> {
  const { entry } = planned;
  const raw = await readEntryData(source.reader, planned, options.scratch);
  const data =
    entry.compressionMethod === COMPRESSION_METHOD_DEFLATE
      ? inflateUpTo(raw, expected)
      : raw;
  checkEntryData(data, expected, options.budget);
  return data;
}

function inflateUpTo(raw: Buffer, expected: ExpectedEntryData): Buffer {
  // One byte more than declared is enough to tell that the entry lies, and
  // a chunk of that size makes zlib allocate one Buffer instead of a list of
  // 16 KiB chunks and their concatenation. Both options must be at least 64.
  const bytes = Math.max(expected.uncompressedSize + 1, MIN_ZLIB_CHUNK_BYTES);
  try {
    return inflateRawSync(raw, {
      maxOutputLength: bytes,
      chunkSize: bytes,
    });
  } catch (error) {
    if (isBufferTooLarge(error)) throw tooManyBytesError(expected);
    throw error;
  }
}

function isBufferTooLarge(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
  );
}

/**
 * Waits until the file is closed, so that no handle into the staging folder
 * outlives a rejection. The write stream closes the handle itself once it
 * ends or is destroyed, which pipeline() does on every error.
 */
async function closeFile(
  handle: FileHandle,
  output: WriteStream | undefined,
): Promise<void> {
  if (output === undefined) {
    await handle.close();
  } else if (!output.closed) {
    await new Promise<void>((resolve) => output.once('close', () => resolve()));
  }
}
