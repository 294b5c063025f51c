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
      callback(this.tooLarge());
    } else if (this.bytes > this.expected.uncompressedSize) {
      callback(this.corrupt(`contains more than the ${this.declared()}`));
    } else {
      this.checksum = crc32(chunk, this.checksum);
      callback(null, chunk);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes < this.expected.uncompressedSize) {
      callback(
        this.corrupt(`contains only ${this.bytes} of the ${this.declared()}`),
      );
    } else if (this.checksum !== this.expected.crc32 >>> 0) {
      callback(
        this.corrupt(
          `failed its CRC-32 check, because the data has CRC-32 ` +
            `${formatCrc(this.checksum)} but the archive declares ` +
            formatCrc(this.expected.crc32),
        ),
      );
    } else {
      callback();
    }
  }

  private declared(): string {
    return `${this.expected.uncompressedSize} bytes it declares`;
  }

  private corrupt(problem: string): DeployError {
    return new DeployError(
      'invalid_archive',
      `archive entry ${quoteEntryName(this.expected.nameText)} ${problem}. ` +
        'The archive is corrupt, so create it again.',
    );
  }

  private tooLarge(): DeployError {
    return new DeployError(
      'unpacked_too_large',
      `archive unpacks to more than the limit of ${this.budget.maxBytes} ` +
        `bytes, which was passed while writing ` +
        `${quoteEntryName(this.expected.nameText)}. Deploy a smaller site, ` +
        "or ask the receiver's operator to raise the limit.",
    );
  }
}

function formatCrc(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
