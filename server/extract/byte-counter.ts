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
 * Checks one entry's uncompressed data chunk by chunk and adds its size to
 * the archive's `budget`. `add` throws DeployError unpacked_too_large as
 * soon as the archive's running total passes `budget.maxBytes`, and
 * invalid_archive when the entry yields more bytes than it declares.
 * `finish` throws invalid_archive when it yielded fewer, or when the CRC-32
 * does not match. yauzl 3.4.0 checks the size too, but never the CRC-32.
 */
export class EntryDataCheck {
  /** Bytes of this entry checked so far. */
  bytes = 0;
  private checksum = 0;

  constructor(
    private readonly expected: ExpectedEntryData,
    private readonly budget: UnpackedByteBudget,
  ) {}

  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.budget.usedBytes += chunk.length;
    if (this.budget.usedBytes > this.budget.maxBytes) {
      throw tooLargeError(this.expected, this.budget);
    }
    if (this.bytes > this.expected.uncompressedSize) {
      throw tooManyBytesError(this.expected);
    }
    this.checksum = crc32(chunk, this.checksum);
  }

  finish(): void {
    checkDeclaredSize(this.bytes, this.expected);
    checkCrc(this.checksum, this.expected);
  }
}

/** Checks one entry's whole uncompressed data with {@link EntryDataCheck}. */
export function checkEntryData(
  data: Buffer,
  expected: ExpectedEntryData,
  budget: UnpackedByteBudget,
): void {
  const check = new EntryDataCheck(expected, budget);
  check.add(data);
  check.finish();
}

/**
 * A Transform that passes one entry's uncompressed data through and checks
 * it with {@link EntryDataCheck}, failing the stream on the first error.
 */
export class EntryByteCounter extends Transform {
  private readonly check: EntryDataCheck;

  constructor(expected: ExpectedEntryData, budget: UnpackedByteBudget) {
    super();
    this.check = new EntryDataCheck(expected, budget);
  }

  /** Bytes of this entry passed through so far. */
  get bytes(): number {
    return this.check.bytes;
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    try {
      this.check.add(chunk);
    } catch (error) {
      callback(error as DeployError);
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.check.finish();
      callback();
    } catch (error) {
      callback(error as DeployError);
    }
  }
}

/**
 * Returns the error for an entry that inflates to more bytes than it
 * declares, for readers that stop inflating at the declared size.
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
