/**
 * Encoders for the records of a zip archive, laid out as in the PKWARE
 * APPNOTE.TXT 6.3.10. Every field is little-endian.
 */

export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;

/** Value of a 32-bit field whose real value is in the Zip64 extra field. */
const ZIP64_MARKER = 0xffffffff;
/** Value of a 16-bit entry count whose real value is in the Zip64 end record. */
const ZIP64_COUNT_MARKER = 0xffff;

/**
 * Version 2.0, the minimum for deflate and for data descriptors. Stored
 * entries get it too, as they did from archiver 8.
 */
const VERSION_NEEDED = 20;
const VERSION_NEEDED_ZIP64 = 45;
/**
 * Unix (3) in the high byte marks the high 16 bits of the external
 * attributes as a Unix mode. The low byte, 45, is APPNOTE version 4.5, the
 * version that added Zip64.
 */
const VERSION_MADE_BY = (3 << 8) | 45;

const FLAG_DATA_DESCRIPTOR = 1 << 3;
const FLAG_UTF8_NAME = 1 << 11;

const SIGNATURE_LOCAL_HEADER = 0x04034b50;
const SIGNATURE_DATA_DESCRIPTOR = 0x08074b50;
const SIGNATURE_CENTRAL_HEADER = 0x02014b50;
const SIGNATURE_ZIP64_END = 0x06064b50;
const SIGNATURE_ZIP64_LOCATOR = 0x07064b50;
const SIGNATURE_END = 0x06054b50;

const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_BYTES = 22;
const ZIP64_END_BYTES = 56;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_EXTRA_ID = 0x0001;
/** Header ID, data size, and three 8-byte values. */
const ZIP64_CENTRAL_EXTRA_BYTES = 28;
/** Header ID, data size, and the two 8-byte sizes. */
const ZIP64_LOCAL_EXTRA_BYTES = 20;

/** Unix file type bits of a regular file, above the permission bits. */
const S_IFREG = 0o100000;
/** MS-DOS archive attribute, which archiver 8 sets on every file. */
const DOS_ARCHIVE = 0x20;

/** DOS date and time of 1980-01-01 00:00:00, the earliest DOS date. */
const DOS_MIN = 0x00210000;
/**
 * DOS date and time of 2043-12-31 23:59:58. archiver 8 clamps later dates
 * to it, and this writer does the same so that archives keep their layout.
 */
const DOS_MAX = 0x7f9fbf7d;

/** The fields of an entry that its local and central headers share. */
export interface EntryHeader {
  /** Entry name, UTF-8 encoded. */
  name: Buffer;
  method: typeof METHOD_STORED | typeof METHOD_DEFLATED;
  /** DOS date in the high 16 bits and DOS time in the low 16 bits. */
  dosDateTime: number;
  /** Unix permission bits, such as 0o644. */
  mode: number;
  /** Whether the sizes and CRC-32 follow the data in a data descriptor. */
  dataDescriptor: boolean;
  /**
   * Whether the local header and data descriptor use 8-byte Zip64 sizes.
   * Requires `dataDescriptor`, because the local header then contains no
   * sizes.
   */
  zip64: boolean;
}

/** The CRC-32 and sizes of an entry's data, known once it is written. */
export interface EntrySizes {
  crc32: number;
  /** Size of the data as written to the archive, in bytes. */
  compressedSize: number;
  /** Size of the file, in bytes. */
  size: number;
}

/** The fields of a file entry that {@link entryHeader} derives. */
export interface EntryOptions {
  method: EntryHeader['method'];
  dataDescriptor: boolean;
  zip64: boolean;
}

/**
 * Creates the header fields of a file entry from its name and stats. The
 * name is written as is, and only the permission bits of `mode` are kept.
 *
 * @throws Error when the UTF-8 name is longer than 65,535 bytes.
 */
export function entryHeader(
  name: string,
  stats: { mtime: Date; mode: number },
  options: EntryOptions,
): EntryHeader {
  const encoded = Buffer.from(name, 'utf8');
  if (encoded.length > 0xffff) {
    throw new Error(`entry name is longer than 65,535 bytes: ${name}`);
  }
  return {
    ...options,
    name: encoded,
    dosDateTime: toDosDateTime(stats.mtime),
    mode: stats.mode & 0o7777,
  };
}

/**
 * Converts a date to DOS date and time in UTC, with 2-second resolution, as
 * archiver 8 does by default.
 */
export function toDosDateTime(date: Date): number {
  const year = date.getUTCFullYear();
  if (year < 1980) {
    return DOS_MIN;
  }
  if (year >= 2044) {
    return DOS_MAX;
  }
  const dosDate =
    ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const dosTime =
    (date.getUTCHours() << 11) |
    (date.getUTCMinutes() << 5) |
    (date.getUTCSeconds() >> 1);
  return ((dosDate << 16) | dosTime) >>> 0;
}

/**
 * Encodes a local file header. `sizes` is ignored when the entry has a data
 * descriptor, because the sizes are not known yet when the header is written.
 */
export function localFileHeader(
  header: EntryHeader,
  sizes: EntrySizes | undefined,
): Buffer {
  const extraBytes = header.zip64 ? ZIP64_LOCAL_EXTRA_BYTES : 0;
  const record = zeroed(LOCAL_HEADER_BYTES + header.name.length + extraBytes);
  record.writeUInt32LE(SIGNATURE_LOCAL_HEADER, 0);
  record.writeUInt16LE(versionNeeded(header.zip64), 4);
  record.writeUInt16LE(flags(header), 6);
  record.writeUInt16LE(header.method, 8);
  record.writeUInt32LE(header.dosDateTime, 10);
  if (header.zip64) {
    // The 32-bit size fields point to the Zip64 extra field, which in a
    // local header must contain both sizes. They stay zero here, and the
    // data descriptor contains the real ones.
    record.writeUInt32LE(ZIP64_MARKER, 18);
    record.writeUInt32LE(ZIP64_MARKER, 22);
  } else if (!header.dataDescriptor && sizes !== undefined) {
    record.writeUInt32LE(sizes.crc32, 14);
    record.writeUInt32LE(sizes.compressedSize, 18);
    record.writeUInt32LE(sizes.size, 22);
  }
  record.writeUInt16LE(header.name.length, 26);
  record.writeUInt16LE(extraBytes, 28);
  header.name.copy(record, LOCAL_HEADER_BYTES);
  if (header.zip64) {
    const extra = LOCAL_HEADER_BYTES + header.name.length;
    record.writeUInt16LE(ZIP64_EXTRA_ID, extra);
    record.writeUInt16LE(ZIP64_LOCAL_EXTRA_BYTES - 4, extra + 2);
  }
  return record;
}

/**
 * Encodes the data descriptor that follows the data of an entry whose
 * header set `dataDescriptor`.
 *
 * @throws Error when a size needs 8 bytes but the local header promised
 *   4-byte sizes.
 */
export function dataDescriptor(header: EntryHeader, sizes: EntrySizes): Buffer {
  if (!header.zip64 && needsZip64Sizes(sizes)) {
    throw new Error(
      `${header.name.toString('utf8')} grew past 4 GiB while it was being ` +
        'packed; pack the site again once the file stops changing',
    );
  }
  const sizeBytes = header.zip64 ? 8 : 4;
  const record = zeroed(8 + 2 * sizeBytes);
  record.writeUInt32LE(SIGNATURE_DATA_DESCRIPTOR, 0);
  record.writeUInt32LE(sizes.crc32, 4);
  if (header.zip64) {
    record.writeBigUInt64LE(BigInt(sizes.compressedSize), 8);
    record.writeBigUInt64LE(BigInt(sizes.size), 16);
  } else {
    record.writeUInt32LE(sizes.compressedSize, 8);
    record.writeUInt32LE(sizes.size, 12);
  }
  return record;
}

/**
 * Encodes a central directory file header. The sizes and the offset move
 * into a Zip64 extra field when one of them does not fit in 32 bits, or when
 * the local header already used Zip64.
 */
export function centralDirectoryHeader(
  header: EntryHeader,
  sizes: EntrySizes,
  localHeaderOffset: number,
): Buffer {
  const zip64 =
    header.zip64 || needsZip64Sizes(sizes) || localHeaderOffset >= ZIP64_MARKER;
  const extraBytes = zip64 ? ZIP64_CENTRAL_EXTRA_BYTES : 0;
  const record = zeroed(CENTRAL_HEADER_BYTES + header.name.length + extraBytes);

  record.writeUInt32LE(SIGNATURE_CENTRAL_HEADER, 0);
  record.writeUInt16LE(VERSION_MADE_BY, 4);
  record.writeUInt16LE(versionNeeded(zip64), 6);
  record.writeUInt16LE(flags(header), 8);
  record.writeUInt16LE(header.method, 10);
  record.writeUInt32LE(header.dosDateTime, 12);
  record.writeUInt32LE(sizes.crc32, 16);
  record.writeUInt32LE(zip64 ? ZIP64_MARKER : sizes.compressedSize, 20);
  record.writeUInt32LE(zip64 ? ZIP64_MARKER : sizes.size, 24);

  record.writeUInt16LE(header.name.length, 28);
  record.writeUInt16LE(extraBytes, 30);
  // Comment length, disk number and internal attributes stay zero.
  const externalAttributes = ((S_IFREG | header.mode) << 16) | DOS_ARCHIVE;
  record.writeUInt32LE(externalAttributes >>> 0, 38);
  record.writeUInt32LE(zip64 ? ZIP64_MARKER : localHeaderOffset, 42);

  header.name.copy(record, CENTRAL_HEADER_BYTES);
  if (zip64) {
    // The values appear in the order of the fields they replace.
    const extra = CENTRAL_HEADER_BYTES + header.name.length;
    record.writeUInt16LE(ZIP64_EXTRA_ID, extra);
    record.writeUInt16LE(ZIP64_CENTRAL_EXTRA_BYTES - 4, extra + 2);
    record.writeBigUInt64LE(BigInt(sizes.size), extra + 4);
    record.writeBigUInt64LE(BigInt(sizes.compressedSize), extra + 12);
    record.writeBigUInt64LE(BigInt(localHeaderOffset), extra + 20);
  }
  return record;
}

/**
 * Encodes the end of central directory record, preceded by the Zip64 end
 * record and its locator when the entry count, the central directory size
 * or its offset does not fit the classic record.
 */
export function endOfCentralDirectory(
  entryCount: number,
  directoryBytes: number,
  directoryOffset: number,
): Buffer {
  const zip64 =
    entryCount >= ZIP64_COUNT_MARKER ||
    directoryBytes >= ZIP64_MARKER ||
    directoryOffset >= ZIP64_MARKER;
  const end = Buffer.alloc(END_BYTES);
  end.writeUInt32LE(SIGNATURE_END, 0);
  // Both disk numbers stay zero.
  const count = zip64 ? ZIP64_COUNT_MARKER : entryCount;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(zip64 ? ZIP64_MARKER : directoryBytes, 12);
  end.writeUInt32LE(zip64 ? ZIP64_MARKER : directoryOffset, 16);
  if (!zip64) {
    return end;
  }

  const zip64End = Buffer.alloc(ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES);
  zip64End.writeUInt32LE(SIGNATURE_ZIP64_END, 0);
  // The record size excludes the signature and the size field itself.
  zip64End.writeBigUInt64LE(BigInt(ZIP64_END_BYTES - 12), 4);
  zip64End.writeUInt16LE(VERSION_MADE_BY, 12);
  zip64End.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
  zip64End.writeBigUInt64LE(BigInt(entryCount), 24);
  zip64End.writeBigUInt64LE(BigInt(entryCount), 32);
  zip64End.writeBigUInt64LE(BigInt(directoryBytes), 40);
  zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48);

  const locator = ZIP64_END_BYTES;
  zip64End.writeUInt32LE(SIGNATURE_ZIP64_LOCATOR, locator);
  // The Zip64 end record starts right after the central directory.
  const zip64EndOffset = directoryOffset + directoryBytes;
  zip64End.writeBigUInt64LE(BigInt(zip64EndOffset), locator + 8);
  zip64End.writeUInt32LE(1, locator + 16);
  return Buffer.concat([zip64End, end]);
}

/**
 * Returns a zero-filled buffer. Unlike Buffer.alloc, allocUnsafe takes small
 * buffers from Node's shared pool, so the few records per entry do not each
 * cost an ArrayBuffer of their own.
 */
function zeroed(bytes: number): Buffer {
  return Buffer.allocUnsafe(bytes).fill(0);
}

function needsZip64Sizes(sizes: EntrySizes): boolean {
  return sizes.size >= ZIP64_MARKER || sizes.compressedSize >= ZIP64_MARKER;
}

function versionNeeded(zip64: boolean): number {
  return zip64 ? VERSION_NEEDED_ZIP64 : VERSION_NEEDED;
}

/**
 * Sets the UTF-8 flag only for names outside ASCII, as archiver 8 did. An
 * ASCII name reads the same whether a reader takes it as UTF-8 or CP437.
 */
function flags(header: EntryHeader): number {
  const utf8 = header.name.some((byte) => byte >= 0x80);
  return (
    (header.dataDescriptor ? FLAG_DATA_DESCRIPTOR : 0) |
    (utf8 ? FLAG_UTF8_NAME : 0)
  );
}
