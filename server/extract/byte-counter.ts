import { Transform, type TransformCallback } from 'node:stream';
// NOTE: zlib.crc32 exists from Node.js 20.15 and 22.2, so older Node 20
// releases fail to load this module.
import { crc32 } from 'node:zlib';

import { DeployError } from '../errors.js';
import { quoteEntryName } from './entry-name.js';

/** Bytes written so far for one archive, shared by all its entries. */
export interface UnpackedByteBudget {
  usedBytes: number;
  maxBytes: number;
}

/** Size and CRC-32 that the central directory declares for one entry. */
export interface ExpectedEntryData {
  nameText: string;
  uncompressedSize: number;
  crc32: number;
}

/**
 * Checks one entry's whole uncompressed data at once, with the same rules
 * and errors as {@link EntryByteCounter}, and adds its size to `budget`.
 */
export function checkEntryData(
  data: Buffer,
  expected: ExpectedEntryData,
  budget: UnpackedByteBudget,
): void {
  budget.usedBytes += data.length;
  if (budget.usedBytes > budget.maxBytes) {
    throw tooLargeError(expected, budget);
  }
  checkDeclaredSize(data.length, expected);
  checkCrc(crc32(data), expected);
}

/**
 * A Transform that passes one entry's uncompressed data through and counts
 * it. It fails with DeployError unpacked_too_large as soon as the archive's
 * running total passes `budget.maxBytes`. It fails with invalid_archive when
 * the entry yields more or fewer bytes than it declares, or when the CRC-32
 * does not match. yauzl 3.4.0 checks the size too, but never the CRC-32.
 */
export class EntryByteCounter extends Transform {
  /** Bytes of this entry passed through so far. */
  bytes = 0;
  private checksum = 0;

  constructor(
    private readonly expected: ExpectedEntryData,
    private readonly budget: UnpackedByteBudget,
  ) {
    super();
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    this.bytes += chunk.length;
    this.budget.usedBytes += chunk.length;
    if (this.budget.usedBytes > this.budget.maxBytes) {
      callback(tooLargeError(this.expected, this.budget));
    } else if (this.bytes > this.expected.uncompressedSize) {
      callback(tooManyBytesError(this.expected));
    } else {
      this.checksum = crc32(chunk, this.checksum);
      callback(null, chunk);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      checkDeclaredSize(this.bytes, this.expected);
      checkCrc(this.checksum, this.expected);
      callback();
    } catch (error) {
      callback(error as DeployError);
    }
  }
}

/**
 * The error for an entry that inflates to more bytes than it declares. It is
 * exported for readers that stop inflating at the declared size.
 */
export function tooManyBytesError(expected: ExpectedEntryData): DeployError {
  return corruptEntryError(
    expected,
    `contains more than the ${expected.uncompressedSize} bytes it declares`,
  );
}

function checkDeclaredSize(bytes: number, expected: ExpectedEntryData): void {
  if (bytes > expected.uncompressedSize) throw tooManyBytesError(expected);
  if (bytes < expected.uncompressedSize) {
    throw corruptEntryError(
      expected,
      `contains only ${bytes} of the ${expected.uncompressedSize} bytes it ` +
        'declares',
    );
  }
}

function checkCrc(checksum: number, expected: ExpectedEntryData): void {
  if (checksum === expected.crc32 >>> 0) return;
  throw corruptEntryError(
    expected,
    `failed its CRC-32 check, because the data has CRC-32 ` +
      `${formatCrc(checksum)} but the archive declares ` +
      formatCrc(expected.crc32),
  );
}

function corruptEntryError(
  expected: ExpectedEntryData,
  problem: string,
): DeployError {
  return new DeployError(
    'invalid_archive',
    `archive entry ${quoteEntryName(expected.nameText)} ${problem}. ` +
      'The archive is corrupt, so create it again.',
  );
}

function tooLargeError(
  expected: ExpectedEntryData,
  budget: UnpackedByteBudget,
): DeployError {
  return new DeployError(
    'unpacked_too_large',
    `archive unpacks to more than the limit of ${budget.maxBytes} ` +
      `bytes, which was passed while writing ` +
      `${quoteEntryName(expected.nameText)}. Deploy a smaller site, ` +
      "or ask the receiver's operator to raise the limit.",
  );
}

function formatCrc(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
