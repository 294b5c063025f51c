import type { Entry } from 'yauzl';

import type { BlockCachedReader } from './archive-reader.js';

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

/**
 * Reads the local file header and the compressed data of `entry`, usually
 * in one read, into `scratch`, and returns the data as a view into it. The
 * view is valid until `scratch` is reused. A `scratch` too small for the
 * header and data is replaced by a new Buffer.
 *
 * The checks are those of yauzl 3.4.0's readLocalFileHeader() with
 * `minimal: true`, with the same messages: the signature, and data that
 * ends within the file.
 */
export async function readEntryData(
  reader: BlockCachedReader,
  entry: Entry,
  scratch: Buffer,
): Promise<Buffer> {
  const start = entry.relativeOffsetOfLocalHeader;
  const readLength = SCRATCH_OVERHEAD_BYTES + entry.compressedSize;
  let buffer =
    scratch.length >= readLength ? scratch : Buffer.allocUnsafe(readLength);
  let filled = await reader.readInto(buffer.subarray(0, readLength), start);
  if (filled < LOCAL_HEADER_BYTES) throw new Error('unexpected EOF');

  const signature = buffer.readUInt32LE(0);
  if (signature !== LOCAL_HEADER_SIGNATURE) {
    throw new Error(
      `invalid local file header signature: 0x${signature.toString(16)}`,
    );
  }
  const dataOffset =
    LOCAL_HEADER_BYTES +
    buffer.readUInt16LE(NAME_LENGTH_OFFSET) +
    buffer.readUInt16LE(EXTRA_LENGTH_OFFSET);
  const dataEnd = dataOffset + entry.compressedSize;
  if (start + dataEnd > reader.fileBytes) {
    throw new Error(
      `file data overflows file bounds: ${start + dataOffset} + ` +
        `${entry.compressedSize} > ${reader.fileBytes}`,
    );
  }

  if (filled < dataEnd) {
    // A name and extra field longer than the allowance.
    const larger = Buffer.allocUnsafe(dataEnd);
    buffer.copy(larger, 0, 0, filled);
    buffer = larger;
    filled += await reader.readInto(
      buffer.subarray(filled, dataEnd),
      start + filled,
    );
    if (filled < dataEnd) throw new Error('unexpected EOF');
  }
  return buffer.subarray(dataOffset, dataEnd);
}
