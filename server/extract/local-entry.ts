import type { Entry } from 'yauzl';

import { unexpectedEof, type BlockCachedReader } from './archive-reader.js';

/** An entry to read, and the offset that its data must end by. */
export interface BoundedEntry {
  entry: Entry;
  /** Offset of the next entry's local header, or the archive's size. */
  dataLimit: number;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
const NAME_LENGTH_OFFSET = 26;
const EXTRA_LENGTH_OFFSET = 28;

/**
 * Bytes read past the fixed local header in the first read, in the hope that
 * they cover the name and extra field. Both are usually under 300 bytes, and
 * longer ones cost a second read.
 */
const HEADER_ALLOWANCE_BYTES = 1024;

/** Scratch bytes that one small entry can need beyond its compressed data. */
export const SCRATCH_OVERHEAD_BYTES =
  LOCAL_HEADER_BYTES + HEADER_ALLOWANCE_BYTES;

/** Start offset of an entry's data, and the part of it already read. */
export interface LocatedData {
  /** Offset of the first data byte in the archive file. */
  dataStart: number;
  /** The first bytes of the data, a view into the scratch buffer. */
  prefix: Buffer;
}

/**
 * Reads the local file header of `entry` and as much of its compressed data
 * as fits into `scratch`, in one read. The prefix is a view into `scratch`,
 * valid until `scratch` is reused. It contains all of the data when the data
 * fits into `scratch` with SCRATCH_OVERHEAD_BYTES to spare.
 *
 * The checks are those of yauzl 3.4.0's readLocalFileHeader() with
 * `minimal: true`, with the same messages: the signature, and data that
 * ends within the file.
 */
export async function locateEntryData(
  reader: BlockCachedReader,
  bounded: BoundedEntry,
  scratch: Buffer,
): Promise<LocatedData> {
  const { entry } = bounded;
  const start = entry.relativeOffsetOfLocalHeader;
  const readLength = Math.min(
    scratch.length,
    SCRATCH_OVERHEAD_BYTES + entry.compressedSize,
  );
  const filled = await reader.readInto(scratch.subarray(0, readLength), start);
  if (filled < LOCAL_HEADER_BYTES) throw unexpectedEof();

  const signature = scratch.readUInt32LE(0);
  if (signature !== LOCAL_HEADER_SIGNATURE) {
    throw new Error(
      `invalid local file header signature: 0x${signature.toString(16)}`,
    );
  }
  const dataOffset =
    LOCAL_HEADER_BYTES +
    scratch.readUInt16LE(NAME_LENGTH_OFFSET) +
    scratch.readUInt16LE(EXTRA_LENGTH_OFFSET);
  const dataEnd = dataOffset + entry.compressedSize;
  if (start + dataEnd > reader.fileBytes) {
    throw new Error(
      `file data overflows file bounds: ${start + dataOffset} + ` +
        `${entry.compressedSize} > ${reader.fileBytes}`,
    );
  }
  checkDataEnd(start + dataOffset, entry.compressedSize, bounded.dataLimit);
  return {
    dataStart: start + dataOffset,
    prefix: scratch.subarray(
      Math.min(dataOffset, filled),
      Math.min(dataEnd, filled),
    ),
  };
}

/**
 * Reads the local file header and the compressed data of `entry`, usually
 * in one read, into `scratch`, and returns the data as a view into it. The
 * view is valid until `scratch` is reused. `scratch` must have room for
 * SCRATCH_OVERHEAD_BYTES and the data. Data behind a longer name and extra
 * field is returned in a new Buffer.
 */
export async function readEntryData(
  reader: BlockCachedReader,
  bounded: BoundedEntry,
  scratch: Buffer,
): Promise<Buffer> {
  const { entry } = bounded;
  const { dataStart, prefix } = await locateEntryData(reader, bounded, scratch);
  if (prefix.length === entry.compressedSize) return prefix;

  const data = Buffer.allocUnsafe(entry.compressedSize);
  prefix.copy(data);
  const rest = data.subarray(prefix.length);
  const bytesRead = await reader.readInto(rest, dataStart + prefix.length);
  if (bytesRead < rest.length) throw unexpectedEof();
  return data;
}

/**
 * Checks that data starting at `dataStart` ends by `dataLimit`. The central
 * directory checks assume a local header of at least 30 bytes, so a longer
 * name or extra field in the local header could otherwise make an entry's
 * data run into the next entry, and two entries share bytes.
 */
export function checkDataEnd(
  dataStart: number,
  compressedSize: number,
  dataLimit: number,
): void {
  if (dataStart + compressedSize <= dataLimit) return;
  throw new Error(
    `its data at bytes ${dataStart} to ${dataStart + compressedSize} ` +
      `overlaps the next entry, which starts at byte ${dataLimit}`,
  );
}
