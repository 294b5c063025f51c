import { readdirSync, readlinkSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

import AdmZip from 'adm-zip';
import { ZipArchive } from 'archiver';

import { DeployError } from '../server/errors.js';
import { toExtractError } from '../server/extract/archive-errors.js';
import { EntryByteCounter } from '../server/extract/byte-counter.js';
import {
  DEFAULT_EXTRACT_LIMITS,
  extractArchive,
  type ExtractLimits,
} from '../server/extract/index.js';

// Offsets of fields in a central directory file header, as yauzl 3.4.0 reads them.
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_VERSION_MADE_BY = 4;
const CENTRAL_FLAGS = 8;
const CENTRAL_METHOD = 10;
const CENTRAL_CRC32 = 16;
const CENTRAL_UNCOMPRESSED_SIZE = 24;
const CENTRAL_NAME_LENGTH = 28;
const CENTRAL_EXTERNAL_ATTRIBUTES = 38;
const CENTRAL_LOCAL_HEADER_OFFSET = 42;
const CENTRAL_HEADER_BYTES = 46;
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

// Offsets of fields in a local file header.
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_FLAGS = 6;
const LOCAL_HEADER_BYTES = 30;

// Offsets of fields in the end of central directory record.
const END_SIGNATURE = 0x06054b50;
const END_ENTRIES_ON_DISK = 8;
const END_ENTRIES = 10;
const END_COMMENT_LENGTH = 20;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_END_BYTES = 56;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const VERSION_NEEDED = 20;
const ZIP64_VERSION_NEEDED = 45;

/**
 * DOS date of 2024-01-01, with the years since 1980 in bits 9-15, the month
 * in bits 5-8 and the day in bits 0-4.
 */
const DOS_DATE_2024_01_01 = (44 << 9) | (1 << 5) | 1;

const UTF8_FLAG = 0x800;
const DATA_DESCRIPTOR_FLAG = 0x8;
const UNIX_VERSION_MADE_BY = (3 << 8) | 20;
const MS_DOS_VERSION_MADE_BY = 20;

interface FixtureEntry {
  /** Exact name bytes; a string is encoded as UTF-8. */
  name: string | Buffer;
  content?: string | Buffer;
  /** Unix permission bits that adm-zip puts next to the file type. */
  permissions?: number;
  /** Stores the entry without compression. */
  stored?: boolean;
}

let root: string;
let staging: string;
let archivePath: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'extract-test-'));
  staging = join(root, 'staging');
  archivePath = join(root, 'upload.zip');
  await mkdir(staging);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * Builds a zip with adm-zip in the given order. adm-zip normalizes names in
 * addFile(), so each entry is added under a placeholder and then renamed to
 * its exact bytes.
 */
function buildZip(entries: FixtureEntry[]): Buffer {
  const zip = new AdmZip({ noSort: true });
  entries.forEach((fixture, index) => {
    const name = Buffer.isBuffer(fixture.name)
      ? fixture.name
      : Buffer.from(fixture.name, 'utf8');
    const isFolder = name.at(-1) === 0x2f;
    const placeholder = `placeholder-${index}${isFolder ? '/' : ''}`;
    const content = Buffer.from(fixture.content ?? '');
    const entry = zip.addFile(placeholder, content, '', fixture.permissions);
    if (fixture.stored) entry.header.method = 0;
    // The setter accepts raw bytes, although its declared type is string.
    entry.entryName = name as unknown as string;
  });
  return zip.toBuffer();
}

/** Builds a zip with archiver, which streams and writes data descriptors. */
async function buildArchiverZip(
  add: (archive: ZipArchive) => void,
): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const done = pipeline(archive, sink);
  add(archive);
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Returns the offset of each central directory record, in order. */
function centralRecords(zip: Buffer): number[] {
  const end = zip.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const records: number[] = [];
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(offset)).toBe(CENTRAL_SIGNATURE);
    records.push(offset);
    offset +=
      CENTRAL_HEADER_BYTES +
      zip.readUInt16LE(offset + CENTRAL_NAME_LENGTH) +
      zip.readUInt16LE(offset + 30) +
      zip.readUInt16LE(offset + 32);
  }
  return records;
}

/** Returns the offset of the central record whose name is `name`. */
function centralRecord(zip: Buffer, name: string): number {
  const expected = Buffer.from(name);
  const found = centralRecords(zip).find((offset) => {
    const length = zip.readUInt16LE(offset + CENTRAL_NAME_LENGTH);
    const start = offset + CENTRAL_HEADER_BYTES;
    return zip.subarray(start, start + length).equals(expected);
  });
  if (found === undefined) throw new Error(`no central record for ${name}`);
  return found;
}

/** Returns the offset of the first byte of an entry's compressed data. */
function dataOffset(zip: Buffer, name: string): number {
  const local = zip.readUInt32LE(
    centralRecord(zip, name) + CENTRAL_LOCAL_HEADER_OFFSET,
  );
  return (
    local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
  );
}

function setUnixMode(zip: Buffer, name: string, mode: number): void {
  setRecordUnixMode(zip, centralRecord(zip, name), mode);
}

function setRecordUnixMode(zip: Buffer, record: number, mode: number): void {
  zip.writeUInt16LE(UNIX_VERSION_MADE_BY, record + CENTRAL_VERSION_MADE_BY);
  zip.writeUInt32LE((mode << 16) >>> 0, record + CENTRAL_EXTERNAL_ATTRIBUTES);
}

function setFlags(zip: Buffer, name: string, flags: number): void {
  zip.writeUInt16LE(flags, centralRecord(zip, name) + CENTRAL_FLAGS);
}

function readFlags(zip: Buffer, record: number): number {
  return zip.readUInt16LE(record + CENTRAL_FLAGS);
}

function endRecord(zip: Buffer): number {
  return zip.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
}

/** One entry of an archive that buildRawZip writes byte by byte. */
interface RawEntry {
  name: string;
  /** Bytes stored in the archive, after compression and encryption. */
  data?: Buffer;
  /** Compression method, 0 (stored) unless set. */
  method?: number;
  /** General purpose bit flag, written to both headers. */
  flags?: number;
  /** CRC-32 of the uncompressed data, by default that of `data`. */
  crc32?: number;
  /** Uncompressed size in bytes, by default the length of `data`. */
  uncompressedSize?: number;
  dosTime?: number;
  dosDate?: number;
}

/**
 * Builds a zip byte by byte, for fixtures that adm-zip cannot write or
 * writes too slowly. Each entry gets a local header without extra field,
 * then its data. More than 65,535 entries get the zip64 end records, because
 * the count in the end record has 16 bits. Sizes and offsets must fit in 32
 * bits.
 */
function buildRawZip(entries: readonly RawEntry[]): Buffer {
  const names = entries.map((entry) => Buffer.from(entry.name));
  let localBytes = 0;
  let directoryBytes = 0;
  entries.forEach((entry, index) => {
    const dataBytes = entry.data?.length ?? 0;
    localBytes += LOCAL_HEADER_BYTES + names[index].length + dataBytes;
    directoryBytes += CENTRAL_HEADER_BYTES + names[index].length;
  });
  const isZip64 = entries.length > 0xffff;
  const zip64Bytes = isZip64 ? ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES : 0;
  const zip = Buffer.alloc(
    localBytes + directoryBytes + zip64Bytes + END_RECORD_BYTES,
  );

  let local = 0;
  let central = localBytes;
  entries.forEach((entry, index) => {
    const name = names[index];
    const data = entry.data ?? Buffer.alloc(0);
    zip.writeUInt32LE(LOCAL_SIGNATURE, local);
    zip.writeUInt16LE(VERSION_NEEDED, local + 4);
    writeSharedFields(zip, local + LOCAL_FLAGS, entry, data, name.length);
    name.copy(zip, local + LOCAL_HEADER_BYTES);
    data.copy(zip, local + LOCAL_HEADER_BYTES + name.length);

    zip.writeUInt32LE(CENTRAL_SIGNATURE, central);
    zip.writeUInt16LE(
      MS_DOS_VERSION_MADE_BY,
      central + CENTRAL_VERSION_MADE_BY,
    );
    zip.writeUInt16LE(VERSION_NEEDED, central + 6);
    writeSharedFields(zip, central + CENTRAL_FLAGS, entry, data, name.length);
    zip.writeUInt32LE(local, central + CENTRAL_LOCAL_HEADER_OFFSET);
    name.copy(zip, central + CENTRAL_HEADER_BYTES);

    local += LOCAL_HEADER_BYTES + name.length + data.length;
    central += CENTRAL_HEADER_BYTES + name.length;
  });

  let end = central;
  if (isZip64) {
    writeZip64End(zip, end, entries.length, directoryBytes, localBytes);
    end += zip64Bytes;
  }
  const countField = Math.min(entries.length, 0xffff);
  zip.writeUInt32LE(END_SIGNATURE, end);
  zip.writeUInt16LE(countField, end + END_ENTRIES_ON_DISK);
  zip.writeUInt16LE(countField, end + END_ENTRIES);
  zip.writeUInt32LE(directoryBytes, end + 12);
  zip.writeUInt32LE(localBytes, end + 16);
  return zip;
}

/** Writes the fields that local and central headers share, from the flags on. */
function writeSharedFields(
  zip: Buffer,
  start: number,
  entry: RawEntry,
  data: Buffer,
  nameLength: number,
): void {
  zip.writeUInt16LE(entry.flags ?? 0, start);
  zip.writeUInt16LE(entry.method ?? 0, start + 2);
  zip.writeUInt16LE(entry.dosTime ?? 0, start + 4);
  zip.writeUInt16LE(entry.dosDate ?? DOS_DATE_2024_01_01, start + 6);
  zip.writeUInt32LE(entry.crc32 ?? crc32(data), start + 8);
  zip.writeUInt32LE(data.length, start + 12);
  zip.writeUInt32LE(entry.uncompressedSize ?? data.length, start + 16);
  zip.writeUInt16LE(nameLength, start + 20);
}

/** Writes the zip64 end of central directory record and its locator. */
function writeZip64End(
  zip: Buffer,
  start: number,
  entryCount: number,
  directoryBytes: number,
  directoryOffset: number,
): void {
  zip.writeUInt32LE(ZIP64_END_SIGNATURE, start);
  zip.writeBigUInt64LE(BigInt(ZIP64_END_BYTES - 12), start + 4);
  zip.writeUInt16LE(ZIP64_VERSION_NEEDED, start + 12);
  zip.writeUInt16LE(ZIP64_VERSION_NEEDED, start + 14);
  zip.writeBigUInt64LE(BigInt(entryCount), start + 24);
  zip.writeBigUInt64LE(BigInt(entryCount), start + 32);
  zip.writeBigUInt64LE(BigInt(directoryBytes), start + 40);
  zip.writeBigUInt64LE(BigInt(directoryOffset), start + 48);

  const locator = start + ZIP64_END_BYTES;
  zip.writeUInt32LE(ZIP64_LOCATOR_SIGNATURE, locator);
  zip.writeBigUInt64LE(BigInt(start), locator + 8);
  zip.writeUInt32LE(1, locator + 16);
}

/**
 * Deflates `byteCount` zero bytes at level 9. One zero-filled chunk is
 * streamed through zlib again and again, so memory holds only that chunk
 * and the compressed output.
 */
async function deflateZeros(
  byteCount: number,
): Promise<{ data: Buffer; crc32: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  let checksum = 0;
  function* zeros(): Generator<Buffer> {
    for (let sent = 0; sent < byteCount; sent += chunk.length) {
      const part = chunk.subarray(0, Math.min(chunk.length, byteCount - sent));
      checksum = crc32(part, checksum);
      yield part;
    }
  }
  const output: Buffer[] = [];
  await pipeline(
    Readable.from(zeros()),
    createDeflateRaw({ level: 9 }),
    async (compressed: AsyncIterable<Buffer>) => {
      for await (const part of compressed) output.push(part);
    },
  );
  return { data: Buffer.concat(output), crc32: checksum };
}

/** Updates a CRC-32 register by one byte, without the usual inversions. */
function updateCrc(register: number, byte: number): number {
  return ~crc32(Buffer.of(byte), ~register >>> 0) >>> 0;
}

/**
 * Encrypts `data` with traditional PKWARE encryption (ZipCrypto). The
 * 12-byte encryption header ends with the high byte of `dataCrc`, which
 * readers such as adm-zip compare to check the password.
 */
function zipCryptoEncrypt(
  data: Buffer,
  password: string,
  dataCrc: number,
): Buffer {
  const keys = [0x12345678, 0x23456789, 0x34567890];
  const updateKeys = (byte: number) => {
    keys[0] = updateCrc(keys[0], byte);
    keys[1] = (Math.imul(keys[1] + (keys[0] & 0xff), 134775813) + 1) >>> 0;
    keys[2] = updateCrc(keys[2], keys[1] >>> 24);
  };
  for (const byte of Buffer.from(password)) updateKeys(byte);

  const header = Buffer.alloc(12, 0x5a);
  header[11] = dataCrc >>> 24;
  const plain = Buffer.concat([header, data]);
  const encrypted = Buffer.alloc(plain.length);
  for (let i = 0; i < plain.length; i += 1) {
    const temp = (keys[2] | 2) & 0xffff;
    encrypted[i] = plain[i] ^ ((Math.imul(temp, temp ^ 1) >>> 8) & 0xff);
    updateKeys(plain[i]);
  }
  return encrypted;
}

async function extract(
  zip: Buffer,
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
) {
  await writeFile(archivePath, zip);
  return extractArchive(archivePath, staging, limits);
}

async function extractError(
  zip: Buffer,
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
): Promise<DeployError> {
  const error: unknown = await extract(zip, limits).then(
    () => new Error('extractArchive resolved, but a rejection was expected'),
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof DeployError)) throw error;
  return error;
}

/** Paths under the test folder that this process still has open. */
function openFilesUnderRoot(): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(root));
}

async function listStaging(): Promise<string[]> {
  const names = await readdir(staging, { recursive: true });
  return names.sort();
}

function mode(stats: { mode: number }): number {
  return stats.mode & 0o7777;
}

describe('extractArchive on valid archives', () => {
  test('extractArchive writes nested folders and files', async () => {
    const zip = buildZip([
      { name: 'index.html', content: '<h1>home</h1>' },
      { name: 'assets/' },
      { name: 'assets/app.js', content: 'console.log(1);' },
      { name: 'docs/guide/intro/page.html', content: 'intro' },
    ]);

    const summary = await extract(zip);

    expect(summary).toEqual({ files: 3, directories: 4, bytes: 33 });
    expect(await listStaging()).toEqual([
      'assets',
      'assets/app.js',
      'docs',
      'docs/guide',
      'docs/guide/intro',
      'docs/guide/intro/page.html',
      'index.html',
    ]);
    expect(await readFile(join(staging, 'index.html'), 'utf8')).toBe(
      '<h1>home</h1>',
    );
    expect(
      await readFile(join(staging, 'docs/guide/intro/page.html'), 'utf8'),
    ).toBe('intro');
  });

  test('extractArchive keeps a nested zip as an opaque file', async () => {
    const inner = buildZip([{ name: 'inner.html', content: 'inside' }]);
    const zip = buildZip([
      { name: 'index.html', content: 'home' },
      { name: 'downloads/site.zip', content: inner },
    ]);

    const summary = await extract(zip);

    expect(summary.files).toBe(2);
    expect(await readFile(join(staging, 'downloads/site.zip'))).toEqual(inner);
    expect(await listStaging()).toEqual([
      'downloads',
      'downloads/site.zip',
      'index.html',
    ]);
  });

  test('extractArchive extracts .well-known dotfolders', async () => {
    const zip = buildZip([
      { name: '.well-known/' },
      { name: '.well-known/security.txt', content: 'Contact: x' },
      { name: '.htaccess-like', content: 'dotfile' },
    ]);

    await extract(zip);

    expect(
      await readFile(join(staging, '.well-known/security.txt'), 'utf8'),
    ).toBe('Contact: x');
    expect(await readFile(join(staging, '.htaccess-like'), 'utf8')).toBe(
      'dotfile',
    );
  });

  test('extractArchive extracts archiver output with data descriptors', async () => {
    const big = Buffer.alloc(300_000, 'static site ');
    const zip = await buildArchiverZip((archive) => {
      archive.append('<h1>home</h1>', { name: 'index.html' });
      archive.append(Readable.from([big]), { name: 'assets/big.txt' });
      archive.append(Buffer.from('stored'), {
        name: 'raw.bin',
        store: true,
      });
      archive.append('', { name: 'empty/', type: 'directory' });
    });
    const records = centralRecords(zip);
    expect(records).toHaveLength(4);
    for (const record of records.slice(0, 2)) {
      expect(readFlags(zip, record) & DATA_DESCRIPTOR_FLAG).toBe(
        DATA_DESCRIPTOR_FLAG,
      );
    }

    const summary = await extract(zip);

    expect(summary).toEqual({
      files: 3,
      directories: 2,
      bytes: 13 + big.length + 6,
    });
    expect(await readFile(join(staging, 'assets/big.txt'))).toEqual(big);
    expect(await readFile(join(staging, 'raw.bin'), 'utf8')).toBe('stored');
    expect((await stat(join(staging, 'empty'))).isDirectory()).toBe(true);
  });

  test('extractArchive extracts bit 3 without a data descriptor', async () => {
    const zip = buildZip([
      { name: 'a.bin', content: 'stored data', stored: true },
      { name: 'b.html', content: 'after' },
    ]);
    // Both headers get bit 3, but the local header keeps its real sizes and
    // no descriptor follows the data. yauzl 3.4.0 takes the sizes from the
    // central directory and never reads a descriptor.
    const record = centralRecord(zip, 'a.bin');
    const local = zip.readUInt32LE(record + CENTRAL_LOCAL_HEADER_OFFSET);
    expect(zip.readUInt32LE(local)).toBe(LOCAL_SIGNATURE);
    expect(zip.readUInt16LE(record + CENTRAL_METHOD)).toBe(0);
    setFlags(zip, 'a.bin', readFlags(zip, record) | DATA_DESCRIPTOR_FLAG);
    zip.writeUInt16LE(
      zip.readUInt16LE(local + LOCAL_FLAGS) | DATA_DESCRIPTOR_FLAG,
      local + LOCAL_FLAGS,
    );

    const summary = await extract(zip);

    expect(summary.files).toBe(2);
    expect(await readFile(join(staging, 'a.bin'), 'utf8')).toBe('stored data');
    expect(await readFile(join(staging, 'b.html'), 'utf8')).toBe('after');
  });

  test.each([
    ['0xFFFF time and date', 0xffff, 0xffff],
    ['month 13', 0, (44 << 9) | (13 << 5) | 1],
    ['day 0', 0, (44 << 9) | (1 << 5) | 0],
  ])(
    'extractArchive extracts entries with %s timestamps',
    async (_label, dosTime, dosDate) => {
      const zip = buildRawZip([
        { name: 'index.html', data: Buffer.from('home'), dosTime, dosDate },
      ]);
      const startedAt = Date.now();

      await extract(zip);

      const written = await stat(join(staging, 'index.html'));
      expect(await readFile(join(staging, 'index.html'), 'utf8')).toBe('home');
      // The receiver never applies archive timestamps, so the file keeps
      // the time it was written. The second of slack covers file systems
      // with coarse timestamps.
      expect(written.mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
    },
  );

  test('extractArchive extracts archives with a 65,535-byte comment', async () => {
    const zip = buildZip([{ name: 'index.html', content: 'home' }]);
    const end = endRecord(zip);
    expect(end + END_RECORD_BYTES).toBe(zip.length);
    zip.writeUInt16LE(MAX_COMMENT_BYTES, end + END_COMMENT_LENGTH);
    const commented = Buffer.concat([
      zip,
      Buffer.alloc(MAX_COMMENT_BYTES, 'c'),
    ]);

    await extract(commented);

    expect(await readFile(join(staging, 'index.html'), 'utf8')).toBe('home');
  });

  test('extractArchive applies 0644 and 0755 over archive modes', async () => {
    const zip = buildZip([
      { name: 'setuid/', permissions: 0o4777 },
      { name: 'setuid/run.sh', content: '#!/bin/sh', permissions: 0o4777 },
      { name: 'implied/parent/file.txt', content: 'x', permissions: 0o600 },
      { name: 'no-mode.txt', content: 'y' },
    ]);
    setUnixMode(zip, 'no-mode.txt', 0);
    expect(
      zip.readUInt32LE(
        centralRecord(zip, 'setuid/run.sh') + CENTRAL_EXTERNAL_ATTRIBUTES,
      ) >>> 16,
    ).toBe(0o104777);

    const previousUmask = process.umask(0o077);
    try {
      await extract(zip);
    } finally {
      process.umask(previousUmask);
    }

    expect(mode(await stat(join(staging, 'setuid')))).toBe(0o755);
    expect(mode(await stat(join(staging, 'setuid/run.sh')))).toBe(0o644);
    expect(mode(await stat(join(staging, 'implied')))).toBe(0o755);
    expect(mode(await stat(join(staging, 'implied/parent')))).toBe(0o755);
    expect(mode(await stat(join(staging, 'implied/parent/file.txt')))).toBe(
      0o644,
    );
    expect(mode(await stat(join(staging, 'no-mode.txt')))).toBe(0o644);
  });

  test('extractArchive ignores modes from non-Unix hosts', async () => {
    const zip = buildZip([{ name: 'windows.txt', content: 'made on DOS' }]);
    const record = centralRecord(zip, 'windows.txt');
    zip.writeUInt16LE(MS_DOS_VERSION_MADE_BY, record + CENTRAL_VERSION_MADE_BY);
    zip.writeUInt32LE(
      (0o120777 << 16) >>> 0,
      record + CENTRAL_EXTERNAL_ATTRIBUTES,
    );

    await extract(zip);

    expect(await readFile(join(staging, 'windows.txt'), 'utf8')).toBe(
      'made on DOS',
    );
  });

  test('extractArchive accepts names that differ only in case', async () => {
    const zip = buildZip([
      { name: 'Readme.html', content: 'upper' },
      { name: 'readme.html', content: 'lower' },
    ]);

    await extract(zip);

    expect(await readFile(join(staging, 'Readme.html'), 'utf8')).toBe('upper');
    expect(await readFile(join(staging, 'readme.html'), 'utf8')).toBe('lower');
  });

  test('extractArchive decodes UTF-8 names with and without the flag', async () => {
    const zip = buildZip([
      { name: 'café.html', content: 'no flag' },
      { name: '日本語/ページ.html', content: 'flag' },
      { name: '\uFEFFbom.html', content: 'bom' },
    ]);
    const record = centralRecord(zip, 'café.html');
    setFlags(zip, 'café.html', readFlags(zip, record) & ~UTF8_FLAG);

    await extract(zip);

    expect(await readFile(join(staging, 'café.html'), 'utf8')).toBe('no flag');
    expect(await readFile(join(staging, '日本語/ページ.html'), 'utf8')).toBe(
      'flag',
    );
    expect(await readFile(join(staging, '\uFEFFbom.html'), 'utf8')).toBe('bom');
  });

  test('extractArchive accepts names at the length and depth limits', async () => {
    const longSegment = 's'.repeat(255);
    const longName = `${'b'.repeat(254)}/`.repeat(4) + 'cccc';
    const deepName = 'd/'.repeat(63) + 'x';
    expect(Buffer.byteLength(longName)).toBe(1024);
    const zip = buildZip([
      { name: longSegment, content: '1' },
      { name: longName, content: '2' },
      { name: deepName, content: '3' },
    ]);

    const summary = await extract(zip);

    expect(summary.files).toBe(3);
    expect(await readFile(join(staging, deepName), 'utf8')).toBe('3');
  });

  test('extractArchive accepts 1 MiB entries at any ratio', async () => {
    const zeros = Buffer.alloc(1024 * 1024);
    const zip = buildZip([{ name: 'zeros.bin', content: zeros }]);

    const summary = await extract(zip, {
      ...DEFAULT_EXTRACT_LIMITS,
      maxCompressionRatio: 2,
    });

    expect(summary.bytes).toBe(zeros.length);
  });
});

/**
 * Text of `bytes` bytes that deflates to about a third, well under the ratio
 * limit, from a fixed seed so every run builds the same archive.
 */
function compressibleText(bytes: number): Buffer {
  const words = ['static', 'deploy', 'release', 'archive', 'entry', 'site'];
  const parts: string[] = [];
  let length = 0;
  let state = 7;
  while (length < bytes) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const word = `${words[state % words.length]}${state % 9973} `;
    parts.push(word);
    length += word.length;
  }
  return Buffer.from(parts.join('')).subarray(0, bytes);
}

/** Bytes that do not compress, from a fixed seed. */
function incompressibleBytes(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  let state = 11;
  for (let i = 0; i < bytes; i += 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    data[i] = state >>> 16;
  }
  return data;
}

describe('extractArchive streamed and concurrent entries', () => {
  // Entries over 1 MiB are streamed, smaller ones are inflated in memory.
  const LARGE_BYTES = 3 * 1024 * 1024;

  test('extractArchive streams large deflated and stored entries', async () => {
    const text = compressibleText(LARGE_BYTES);
    const image = incompressibleBytes(LARGE_BYTES);
    const zip = buildZip([
      { name: 'docs/big.html', content: text },
      { name: 'img/big.png', content: image, stored: true },
      { name: 'index.html', content: 'home' },
    ]);

    const summary = await extract(zip);

    expect(summary.files).toBe(3);
    expect(summary.bytes).toBe(2 * LARGE_BYTES + 4);
    expect((await readFile(join(staging, 'docs/big.html'))).equals(text)).toBe(
      true,
    );
    expect((await readFile(join(staging, 'img/big.png'))).equals(image)).toBe(
      true,
    );
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects an understated large entry', async () => {
    const text = compressibleText(LARGE_BYTES);
    const zip = buildZip([{ name: 'big.html', content: text }]);
    const record = centralRecord(zip, 'big.html');
    zip.writeUInt32LE(text.length - 1, record + CENTRAL_UNCOMPRESSED_SIZE);

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"big.html"');
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects a large stored CRC mismatch', async () => {
    const image = incompressibleBytes(LARGE_BYTES);
    const zip = buildZip([{ name: 'big.png', content: image, stored: true }]);
    zip[dataOffset(zip, 'big.png') + LARGE_BYTES - 1] ^= 0xff;

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"big.png" failed its CRC-32 check');
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive writes many files across folders exactly', async () => {
    const fixtures: FixtureEntry[] = [];
    for (let i = 0; i < 600; i += 1) {
      const folder = `section-${i % 30}/part-${i % 7}`;
      const content =
        i % 50 === 0 ? compressibleText(1100 * 1024) : `page ${i}`;
      fixtures.push({ name: `${folder}/page-${i}.html`, content });
    }
    const zip = buildZip(fixtures);

    const summary = await extract(zip);

    expect(summary.files).toBe(600);
    // 30 section folders, each with the 7 part folders.
    expect(summary.directories).toBe(30 + 30 * 7);
    for (const fixture of fixtures) {
      const written = await readFile(join(staging, fixture.name as string));
      expect(written.equals(Buffer.from(fixture.content ?? ''))).toBe(true);
    }
  });

  test('extractArchive closes every file after a failure mid-way', async () => {
    const fixtures: FixtureEntry[] = [];
    for (let i = 0; i < 400; i += 1) {
      fixtures.push({ name: `f/${i}.html`, content: compressibleText(4000) });
    }
    const zip = buildZip(fixtures);
    const start = dataOffset(zip, 'f/200.html');
    for (let i = 0; i < 8; i += 1) zip[start + i] ^= 0xff;

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"f/200.html"');
    expect(openFilesUnderRoot()).toEqual([]);
  });
});

describe('extractArchive entry names', () => {
  test.each([
    ['"../"', '../x.html'],
    ['nested ".."', 'a/../../x.html'],
    ['".." folder', '../'],
    ['absolute', '/etc/passwd'],
    ['"/" only', '/'],
    ['drive letter', 'C:/x.html'],
    ['drive-relative', 'c:x.html'],
    ['backslash', 'a\\b.html'],
    ['NUL', 'a\0b.html'],
    ['C0 control', 'a\x01b.html'],
    ['newline', 'a\nb.html'],
    ['DEL', 'a\x7fb.html'],
    ['C1 control', 'a\u0085b.html'],
    ['"./"', './a.html'],
    ['"." segment', 'a/./b.html'],
    ['"." folder', './'],
    ['empty segment', 'a//b.html'],
    ['double trailing slash', 'a//'],
    ['U+FFFD', 'a\uFFFDb.html'],
    ['256-byte segment', 's'.repeat(256)],
    ['256-byte non-ASCII segment', 'é'.repeat(128)],
    ['1025-byte', `${'b'.repeat(254)}/`.repeat(4) + 'ccccc'],
    ['65-segment', 'd/'.repeat(64) + 'x'],
    ['empty', ''],
  ])(
    'extractArchive rejects %s names with unsafe_entry_name',
    async (_label, name) => {
      const zip = buildZip([
        { name: 'index.html', content: 'home' },
        { name, content: 'bad' },
      ]);

      const error = await extractError(zip);

      expect(error.code).toBe('unsafe_entry_name');
      expect(await listStaging()).toEqual([]);
    },
  );

  test.each([
    ['CP437', Buffer.from([0x81, 0x2e, 0x68, 0x74, 0x6d]), 0],
    ['overlong UTF-8', Buffer.from([0x61, 0xc0, 0xaf, 0x62]), UTF8_FLAG],
    ['truncated UTF-8', Buffer.from([0x61, 0xe6, 0x97]), UTF8_FLAG],
    ['UTF-16 surrogate', Buffer.from([0xed, 0xa0, 0x80]), UTF8_FLAG],
  ])(
    'extractArchive rejects %s names with unsafe_entry_name',
    async (_label, name, flags) => {
      const zip = buildZip([
        { name: 'index.html', content: 'home' },
        { name: 'placeholder.html', content: 'bad' },
      ]);
      const record = centralRecord(zip, 'placeholder.html');
      setFlags(zip, 'placeholder.html', flags);
      // The new name is shorter, so the tail of the old name becomes the
      // start of the extra field, which is then padded to a valid length.
      const nameStart = record + CENTRAL_HEADER_BYTES;
      const extraLength = zip.readUInt16LE(record + 30);
      zip.fill(0, nameStart, nameStart + 16);
      name.copy(zip, nameStart);
      zip.writeUInt16LE(name.length, record + CENTRAL_NAME_LENGTH);
      zip.writeUInt16LE(16 - name.length + extraLength, record + 30);

      const error = await extractError(zip);

      expect(error.code).toBe('unsafe_entry_name');
      expect(error.message).toContain('is not valid UTF-8');
      expect(await listStaging()).toEqual([]);
    },
  );

  test.each([
    ['after', ['a.html', './a.html']],
    ['before', ['./a.html', 'a.html']],
  ])(
    'extractArchive rejects "./a.html" %s "a.html" with unsafe_entry_name',
    async (_label, names) => {
      const zip = buildZip(names.map((name) => ({ name, content: name })));

      const error = await extractError(zip);

      expect(error.code).toBe('unsafe_entry_name');
      expect(error.message).toContain('"./a.html" contains a "." segment');
      expect(await listStaging()).toEqual([]);
    },
  );

  test('extractArchive names the entry and the fix for ".."', async () => {
    const zip = buildZip([{ name: '../x', content: 'bad' }]);

    const error = await extractError(zip);

    expect(error.message).toBe(
      'archive entry "../x" leaves the release folder. Entry names must be ' +
        'relative paths without ".." segments.',
    );
  });

  test('extractArchive escapes control characters in messages', async () => {
    const zip = buildZip([{ name: 'a\u0000\u001b[31m.html', content: 'bad' }]);

    const error = await extractError(zip);

    expect(error.message).toContain('"a\\u0000\\u001b[31m.html"');
    expect(error.message).toContain('U+0000');
  });

  test.each([
    ['DEL', 'a\x7fb.html', '"a\\u007fb.html"'],
    ['C1 control', 'a\u009bb.html', '"a\\u009bb.html"'],
  ])('extractArchive escapes %s in messages', async (_label, name, quoted) => {
    const zip = buildZip([{ name, content: 'bad' }]);

    const error = await extractError(zip);

    expect(error.message).toContain(quoted);
  });
});

describe('extractArchive name conflicts', () => {
  test.each([
    ['a repeated file', ['a.html', 'a.html']],
    ['a repeated folder', ['a/', 'a/']],
    ['a file and a folder', ['a', 'a/']],
    ['a folder and a file', ['a/', 'a']],
    ['a file used as a folder', ['a', 'a/b.html']],
    ['a file used as a grandparent', ['a', 'a-b.html', 'a.b', 'a/b/c.html']],
    ['NFC-equal names', ['caf\u00e9.html', 'cafe\u0301.html']],
    ['NFC-equal parents', ['caf\u00e9', 'cafe\u0301/x.html']],
  ])(
    'extractArchive rejects %s with duplicate_entry',
    async (_label, names) => {
      const zip = buildZip([
        { name: 'index.html', content: 'home' },
        ...names.map((name) => ({
          name,
          content: name.endsWith('/') ? '' : 'x',
        })),
      ]);

      const error = await extractError(zip);

      expect(error.code).toBe('duplicate_entry');
      expect(await listStaging()).toEqual([]);
    },
  );

  test('extractArchive shows NFC-equal names as escapes', async () => {
    const zip = buildZip([
      { name: 'caf\u00e9.html', content: 'nfc' },
      { name: 'cafe\u0301.html', content: 'nfd' },
    ]);

    const error = await extractError(zip);

    expect(error.message).toContain('"caf\\u00e9.html"');
    expect(error.message).toContain('"cafe\\u0301.html"');
  });
});

describe('extractArchive entry types', () => {
  test('extractArchive rejects archiver symlinks with unsupported_entry_type', async () => {
    const zip = await buildArchiverZip((archive) => {
      archive.append('home', { name: 'index.html' });
      archive.symlink('link.html', '/etc/passwd');
    });
    const record = centralRecord(zip, 'link.html');
    expect(
      (zip.readUInt32LE(record + CENTRAL_EXTERNAL_ATTRIBUTES) >>> 16) &
        0o170000,
    ).toBe(0o120000);

    const error = await extractError(zip);

    expect(error.code).toBe('unsupported_entry_type');
    expect(error.message).toContain('"link.html" is a symbolic link');
    expect(await listStaging()).toEqual([]);
  });

  test.each([
    ['before', 1],
    ['after', 2],
  ])(
    'extractArchive rejects a symlink %s a same-named file with unsupported_entry_type',
    async (_label, linkRecord) => {
      const zip = buildZip([
        { name: 'index.html', content: 'home' },
        { name: 'page.html', content: 'first' },
        { name: 'page.html', content: 'second' },
      ]);
      setRecordUnixMode(zip, centralRecords(zip)[linkRecord], 0o120777);

      // Entry types are checked as each record is read, and duplicate names
      // only after the whole central directory, so the symlink is reported
      // in either order.
      const error = await extractError(zip);

      expect(error.code).toBe('unsupported_entry_type');
      expect(error.message).toContain('"page.html" is a symbolic link');
      expect(await listStaging()).toEqual([]);
    },
  );

  test.each([
    ['symlink', 0o120777],
    ['FIFO', 0o010644],
    ['character device', 0o020644],
    ['block device', 0o060644],
    ['socket', 0o140644],
    ['unknown type', 0o160644],
    ['folder', 0o040755],
  ])(
    'extractArchive rejects %s modes with unsupported_entry_type',
    async (_label, unixMode) => {
      const zip = buildZip([
        { name: 'index.html', content: 'home' },
        { name: 'special', content: 'x' },
      ]);
      setUnixMode(zip, 'special', unixMode);

      const error = await extractError(zip);

      expect(error.code).toBe('unsupported_entry_type');
      expect(await listStaging()).toEqual([]);
    },
  );

  test('extractArchive rejects file modes on folder names with unsupported_entry_type', async () => {
    const zip = buildZip([
      { name: 'index.html', content: 'x' },
      { name: 'a/' },
    ]);
    setUnixMode(zip, 'a/', 0o100644);

    const error = await extractError(zip);

    expect(error.code).toBe('unsupported_entry_type');
  });

  test('extractArchive rejects folders with content with invalid_archive', async () => {
    const zip = buildZip([
      { name: 'index.html', content: 'x' },
      { name: 'a/' },
    ]);
    const record = centralRecord(zip, 'a/');
    zip.writeUInt32LE(5, record + CENTRAL_UNCOMPRESSED_SIZE);
    zip.writeUInt16LE(8, record + CENTRAL_METHOD);

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('folder entry "a/" declares 5 bytes');
  });

  test.each([
    [9, 'Deflate64'],
    [12, 'bzip2'],
    [14, 'LZMA'],
    [93, 'Zstandard'],
    [95, 'XZ'],
  ])(
    'extractArchive rejects method %i with unsupported_compression',
    async (method, methodName) => {
      const zip = buildZip([
        { name: 'index.html', content: 'home' },
        { name: 'packed.bin', content: 'x'.repeat(100) },
      ]);
      zip.writeUInt16LE(
        method,
        centralRecord(zip, 'packed.bin') + CENTRAL_METHOD,
      );

      const error = await extractError(zip);

      expect(error.code).toBe('unsupported_compression');
      expect(error.message).toContain(`method ${method} (${methodName})`);
      expect(await listStaging()).toEqual([]);
    },
  );

  test('extractArchive rejects unnamed methods with unsupported_compression', async () => {
    const zip = buildZip([{ name: 'packed.bin', content: 'x' }]);
    zip.writeUInt16LE(77, centralRecord(zip, 'packed.bin') + CENTRAL_METHOD);

    const error = await extractError(zip);

    expect(error.code).toBe('unsupported_compression');
    expect(error.message).toContain('method 77.');
  });

  test('extractArchive rejects a ZipCrypto entry with encrypted_entry', async () => {
    const secret = Buffer.from('<p>secret</p>');
    const secretCrc = crc32(secret);
    const zip = buildRawZip([
      { name: 'index.html', data: Buffer.from('home') },
      {
        name: 'secret.html',
        method: 8,
        flags: 0x1,
        crc32: secretCrc,
        uncompressedSize: secret.length,
        data: zipCryptoEncrypt(deflateRawSync(secret), 'password', secretCrc),
      },
      { name: 'last.html', data: Buffer.from('last') },
    ]);
    expect(new AdmZip(zip).readFile('secret.html', 'password')).toEqual(secret);

    const error = await extractError(zip);

    expect(error.code).toBe('encrypted_entry');
    expect(error.message).toContain('"secret.html" is encrypted');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive rejects the encryption bit on deflated data with encrypted_entry', async () => {
    const zip = buildZip([
      { name: 'index.html', content: 'home' },
      { name: 'secret.html', content: 'x' },
      { name: 'last.html', content: 'last' },
    ]);
    const record = centralRecord(zip, 'secret.html');
    expect(zip.readUInt16LE(record + CENTRAL_METHOD)).toBe(8);
    setFlags(zip, 'secret.html', readFlags(zip, record) | 0x1);

    const error = await extractError(zip);

    expect(error.code).toBe('encrypted_entry');
    expect(error.message).toContain('"secret.html" is encrypted');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive rejects the encryption bit on stored data with invalid_archive (size mismatch)', async () => {
    const zip = buildZip([
      { name: 'index.html', content: 'home' },
      { name: 'plain.html', content: 'not encrypted', stored: true },
    ]);
    const record = centralRecord(zip, 'plain.html');
    setFlags(zip, 'plain.html', readFlags(zip, record) | 0x1);

    // yauzl 3.4.0 expects encrypted stored data to be 12 bytes longer than
    // its uncompressed size, for the encryption header. It rejects the
    // record for the missing 12 bytes before returning it, so
    // checkEntryType never runs on the entry.
    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('size mismatch for stored file');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive rejects strong encryption with encrypted_entry', async () => {
    const zip = buildZip([{ name: 'secret.html', content: 'x' }]);
    const record = centralRecord(zip, 'secret.html');
    setFlags(zip, 'secret.html', readFlags(zip, record) | 0x41);

    const error = await extractError(zip);

    expect(error.code).toBe('encrypted_entry');
  });
});

describe('extractArchive limits', () => {
  test('extractArchive rejects too many entries with too_many_entries', async () => {
    const zip = buildZip([
      { name: 'a.html', content: 'a' },
      { name: 'b.html', content: 'b' },
      { name: 'c.html', content: 'c' },
    ]);

    const error = await extractError(zip, {
      ...DEFAULT_EXTRACT_LIMITS,
      maxEntries: 2,
    });

    expect(error.code).toBe('too_many_entries');
    expect(error.message).toContain('more than the limit of 2');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive counts implied folders as entries', async () => {
    const zip = buildZip([
      { name: 'a/b/c/d/page.html', content: 'deep' },
      { name: 'index.html', content: 'home' },
    ]);

    const error = await extractError(zip, {
      ...DEFAULT_EXTRACT_LIMITS,
      maxEntries: 3,
    });

    expect(error.code).toBe('too_many_entries');
    expect(error.message).toContain('need more than 3 folders');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive rejects declared sizes over the limit with unpacked_too_large', async () => {
    const zip = buildZip([
      { name: 'a.html', content: 'a'.repeat(60) },
      { name: 'b.html', content: 'b'.repeat(60) },
    ]);

    const error = await extractError(zip, {
      ...DEFAULT_EXTRACT_LIMITS,
      maxUnpackedBytes: 100,
    });

    expect(error.code).toBe('unpacked_too_large');
    expect(error.message).toContain('up to "b.html" declare 120 bytes');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive accepts declared sizes at the limit', async () => {
    const zip = buildZip([
      { name: 'a.html', content: 'a'.repeat(60) },
      { name: 'b.html', content: 'b'.repeat(40) },
    ]);

    const summary = await extract(zip, {
      ...DEFAULT_EXTRACT_LIMITS,
      maxUnpackedBytes: 100,
    });

    expect(summary.bytes).toBe(100);
  });

  test('extractArchive rejects high ratios with compression_ratio_exceeded', async () => {
    const zip = buildZip([
      { name: 'index.html', content: 'home' },
      { name: 'bomb.bin', content: Buffer.alloc(2 * 1024 * 1024) },
    ]);

    const error = await extractError(zip);

    expect(error.code).toBe('compression_ratio_exceeded');
    expect(error.message).toContain('"bomb.bin" expands from');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive rejects many small bombs with compression_ratio_exceeded', async () => {
    const zip = buildZip(
      Array.from({ length: 200 }, (_, index) => ({
        name: `zeros-${index}.bin`,
        content: Buffer.alloc(16 * 1024),
      })),
    );

    const error = await extractError(zip);

    expect(error.code).toBe('compression_ratio_exceeded');
    expect(error.message).toContain('in all');
    expect(await listStaging()).toEqual([]);
  });
});

describe('extractArchive zip bombs', () => {
  test('extractArchive rejects a declared 4 GB entry with compression_ratio_exceeded', async () => {
    const data = deflateRawSync(Buffer.from('tiny'));
    const zip = buildRawZip([
      { name: 'index.html', data: Buffer.from('home') },
      {
        name: 'huge.bin',
        method: 8,
        data,
        crc32: 0,
        uncompressedSize: 4_000_000_000,
      },
    ]);
    const arrayBuffersBefore = process.memoryUsage().arrayBuffers;

    // The ratio of an entry is checked as soon as its record is read. The
    // total declared size would not be rejected, because 4e9 bytes are
    // under the default limit of 4 GiB.
    const error = await extractError(zip);

    expect(error.code).toBe('compression_ratio_exceeded');
    expect(error.message).toContain(
      `"huge.bin" expands from ${data.length} to 4000000000 bytes`,
    );
    expect(await listStaging()).toEqual([]);
    expect(
      process.memoryUsage().arrayBuffers - arrayBuffersBefore,
    ).toBeLessThan(64 * 1024 ** 2);
  });

  test('extractArchive rejects 1 GiB of deflated zeros with compression_ratio_exceeded', async () => {
    // deflateZeros() yields about 1 MB for 1 GiB. It took 2.2 s in a
    // standalone script and 2.6 s under Jest on a 2-core AMD EPYC VM with
    // Node.js 20.20.
    const uncompressedSize = 1024 ** 3;
    const zeros = await deflateZeros(uncompressedSize);
    expect(zeros.data.length).toBeLessThan(1.1 * 1024 ** 2);
    const zip = buildRawZip([
      { name: 'index.html', data: Buffer.from('home') },
      {
        name: 'zeros.bin',
        method: 8,
        data: zeros.data,
        crc32: zeros.crc32,
        uncompressedSize,
      },
    ]);

    const error = await extractError(zip);

    expect(error.code).toBe('compression_ratio_exceeded');
    expect(error.message).toContain(
      `"zeros.bin" expands from ${zeros.data.length} to ${uncompressedSize}`,
    );
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive rejects 200,000 entries with too_many_entries', async () => {
    const zip = buildRawZip(
      Array.from({ length: 200_000 }, (_, index) => ({
        name: `empty-${index}.txt`,
      })),
    );
    await writeFile(archivePath, zip);

    const startedAt = performance.now();
    const error: unknown = await extractArchive(
      archivePath,
      staging,
      DEFAULT_EXTRACT_LIMITS,
    ).catch((rejection: unknown) => rejection);
    const elapsedMs = performance.now() - startedAt;

    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).code).toBe('too_many_entries');
    // The message has the count from the zip64 end record, so the limit was
    // checked before the first central directory record was read.
    expect((error as DeployError).message).toContain('at least 200000 entries');
    expect(await listStaging()).toEqual([]);
    expect(elapsedMs).toBeLessThan(1000);
  });
});

describe('extractArchive malformed archives', () => {
  test('extractArchive rejects overlapping entries with invalid_archive', async () => {
    const zip = buildZip([
      { name: 'a.html', content: 'a'.repeat(1000) },
      { name: 'b.html', content: 'b'.repeat(1000) },
    ]);
    const first = zip.readUInt32LE(
      centralRecord(zip, 'a.html') + CENTRAL_LOCAL_HEADER_OFFSET,
    );
    zip.writeUInt32LE(
      first,
      centralRecord(zip, 'b.html') + CENTRAL_LOCAL_HEADER_OFFSET,
    );

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"a.html" and "b.html" overlap');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive rejects partly overlapping entries with invalid_archive', async () => {
    const zip = buildZip([
      { name: 'a.html', content: 'a'.repeat(1000) },
      { name: 'b.html', content: 'b'.repeat(1000) },
    ]);
    const first = zip.readUInt32LE(
      centralRecord(zip, 'a.html') + CENTRAL_LOCAL_HEADER_OFFSET,
    );
    zip.writeUInt32LE(
      first + 20,
      centralRecord(zip, 'b.html') + CENTRAL_LOCAL_HEADER_OFFSET,
    );

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(await listStaging()).toEqual([]);
  });

  test.each([
    ['half', (zip: Buffer) => zip.subarray(0, zip.length / 2)],
    ['end record', (zip: Buffer) => zip.subarray(0, zip.length - 10)],
    [
      'central directory',
      (zip: Buffer) =>
        Buffer.concat([
          zip.subarray(0, centralRecords(zip)[0] + 10),
          zip.subarray(zip.lastIndexOf(END_OF_CENTRAL_DIRECTORY)),
        ]),
    ],
  ])(
    'extractArchive rejects a truncated %s with invalid_archive',
    async (_label, truncate) => {
      const zip = buildZip([
        { name: 'a.html', content: 'a'.repeat(1000) },
        { name: 'b.html', content: 'b'.repeat(1000) },
      ]);

      const error = await extractError(truncate(zip));

      expect(error.code).toBe('invalid_archive');
      expect(await listStaging()).toEqual([]);
    },
  );

  test.each([
    ['more', 1, 'unexpected EOF'],
    ['fewer', -1, 'counts 2 entries, but the central directory contains more'],
    ['zero', -3, 'counts 0 entries, but the central directory contains more'],
  ])(
    'extractArchive rejects an end record counting %s entries with invalid_archive',
    async (_label, countChange, message) => {
      const zip = buildZip([
        { name: 'a.html', content: 'a' },
        { name: 'b.html', content: 'b' },
        { name: 'c.html', content: 'c' },
      ]);
      const end = endRecord(zip);
      expect(zip.readUInt16LE(end + END_ENTRIES)).toBe(3);
      zip.writeUInt16LE(3 + countChange, end + END_ENTRIES_ON_DISK);
      zip.writeUInt16LE(3 + countChange, end + END_ENTRIES);

      const error = await extractError(zip);

      expect(error.code).toBe('invalid_archive');
      expect(error.message).toContain(message);
      expect(await listStaging()).toEqual([]);
    },
  );

  test.each([
    ['7 bytes', Buffer.from('garbage')],
    ['128 KiB', Buffer.alloc(128 * 1024, 'g')],
  ])(
    'extractArchive rejects %s after the end record with invalid_archive',
    async (_label, garbage) => {
      const zip = buildZip([{ name: 'index.html', content: 'home' }]);

      // yauzl 3.4.0 requires the comment length to reach the end of the
      // file. It searches for the end record only in the last 65,577 bytes,
      // which fit a zip64 locator, the end record and a maximal comment.
      const error = await extractError(Buffer.concat([zip, garbage]));

      expect(error.code).toBe('invalid_archive');
      expect(await listStaging()).toEqual([]);
    },
  );

  test('extractArchive rejects truncated file data with invalid_archive', async () => {
    const zip = buildZip([
      { name: 'a.html', content: 'a' },
      { name: 'b.bin', content: Buffer.alloc(5000, 'b'), stored: true },
    ]);
    // Drop most of b.bin's data and move the central directory up to match,
    // so b.bin's data runs past the end of the file.
    const bData = dataOffset(zip, 'b.bin');
    const cut = Buffer.concat([
      zip.subarray(0, bData + 100),
      zip.subarray(bData + 5000),
    ]);
    const endRecord = cut.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
    cut.writeUInt32LE(cut.readUInt32LE(endRecord + 16) - 4900, endRecord + 16);

    const error = await extractError(cut);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"b.bin" could not be read');
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects a text file with invalid_archive', async () => {
    const error = await extractError(Buffer.from('<html>not a zip</html>'));

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('archive is not a valid zip file');
  });

  test('extractArchive rejects an empty file with invalid_archive', async () => {
    const error = await extractError(Buffer.alloc(0));

    expect(error.code).toBe('invalid_archive');
  });

  test('extractArchive rejects an empty zip with invalid_archive', async () => {
    const error = await extractError(new AdmZip().toBuffer());

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('archive contains no files');
  });

  test('extractArchive rejects a zip of folders with invalid_archive', async () => {
    const error = await extractError(
      buildZip([{ name: 'a/' }, { name: 'b/' }]),
    );

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('archive contains no files');
    expect(await listStaging()).toEqual([]);
  });

  test('extractArchive rejects a stored CRC mismatch with invalid_archive', async () => {
    const zip = buildZip([
      { name: 'a.html', content: 'first file' },
      { name: 'b.html', content: 'second file', stored: true },
    ]);
    expect(
      zip.readUInt16LE(centralRecord(zip, 'b.html') + CENTRAL_METHOD),
    ).toBe(0);
    zip[dataOffset(zip, 'b.html')] ^= 0x01;

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"b.html" failed its CRC-32 check');
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects a deflated CRC mismatch with invalid_archive', async () => {
    const text = Buffer.from('deflated text '.repeat(500));
    const zip = buildZip([{ name: 'a.html', content: text }]);
    const record = centralRecord(zip, 'a.html');
    expect(zip.readUInt16LE(record + CENTRAL_METHOD)).toBe(8);
    zip.writeUInt32LE(
      (zip.readUInt32LE(record + CENTRAL_CRC32) ^ 1) >>> 0,
      record + CENTRAL_CRC32,
    );

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('CRC-32');
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects corrupt deflate data with invalid_archive', async () => {
    const text = Buffer.from('deflated text '.repeat(500));
    const zip = buildZip([{ name: 'a.html', content: text }]);
    const start = dataOffset(zip, 'a.html');
    for (let i = 0; i < 8; i += 1) zip[start + i] ^= 0xff;

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"a.html"');
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects understated sizes with invalid_archive', async () => {
    const text = Buffer.from('deflated text '.repeat(500));
    const zip = buildZip([{ name: 'a.html', content: text }]);
    const record = centralRecord(zip, 'a.html');
    zip.writeUInt32LE(text.length - 1, record + CENTRAL_UNCOMPRESSED_SIZE);

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain(
      '"a.html" contains more than the 6999 bytes it declares',
    );
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects a missing archive with the system error', async () => {
    await expect(
      extractArchive(
        join(root, 'missing.zip'),
        staging,
        DEFAULT_EXTRACT_LIMITS,
      ),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('EntryByteCounter', () => {
  // The published CRC-32 check value for "123456789", so the expected value
  // does not come from the zlib.crc32 under test.
  const checkInput = Buffer.from('123456789');
  const checkValue = 0xcbf43926;

  async function count(
    chunks: Buffer[],
    expected: { uncompressedSize: number; crc32: number },
    budget = { usedBytes: 0, maxBytes: 1000 },
  ): Promise<number> {
    const counter = new EntryByteCounter(
      { nameText: 'page.html', ...expected },
      budget,
    );
    await pipeline(Readable.from(chunks), counter, new PassThrough().resume());
    return counter.bytes;
  }

  test('EntryByteCounter passes data with a matching CRC-32', async () => {
    const bytes = await count(
      [checkInput.subarray(0, 4), checkInput.subarray(4)],
      {
        uncompressedSize: 9,
        crc32: checkValue,
      },
    );

    expect(bytes).toBe(9);
  });

  test('EntryByteCounter rejects bytes over maxUnpackedBytes with unpacked_too_large', async () => {
    const budget = { usedBytes: 995, maxBytes: 1000 };

    const error = await count(
      [checkInput],
      { uncompressedSize: 9, crc32: checkValue },
      budget,
    ).catch((rejection: unknown) => rejection);

    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).code).toBe('unpacked_too_large');
    expect((error as DeployError).message).toContain('"page.html"');
  });

  test('EntryByteCounter rejects extra bytes with invalid_archive', async () => {
    const error = await count([checkInput, checkInput], {
      uncompressedSize: 9,
      crc32: checkValue,
    }).catch((rejection: unknown) => rejection);

    expect((error as DeployError).code).toBe('invalid_archive');
    expect((error as DeployError).message).toContain('contains more than');
  });

  test('EntryByteCounter rejects missing bytes with invalid_archive', async () => {
    const error = await count([checkInput], {
      uncompressedSize: 10,
      crc32: checkValue,
    }).catch((rejection: unknown) => rejection);

    expect((error as DeployError).code).toBe('invalid_archive');
    expect((error as DeployError).message).toContain('contains only 9');
  });

  test('EntryByteCounter rejects a CRC-32 mismatch with invalid_archive', async () => {
    const error = await count([checkInput], {
      uncompressedSize: 9,
      crc32: checkValue ^ 1,
    }).catch((rejection: unknown) => rejection);

    expect((error as DeployError).code).toBe('invalid_archive');
    expect((error as DeployError).message).toContain('0xcbf43926');
  });
});

describe('toExtractError', () => {
  function systemError(code: string): NodeJS.ErrnoException {
    return Object.assign(new Error(`${code}: failed`), {
      code,
      syscall: 'write',
    });
  }

  test.each(['ENOSPC', 'EDQUOT'])(
    'toExtractError maps %s to insufficient_storage',
    (code) => {
      const error = toExtractError(systemError(code), 'a.html');

      expect(error).toBeInstanceOf(DeployError);
      expect((error as DeployError).code).toBe('insufficient_storage');
    },
  );

  test('toExtractError maps EEXIST on an entry to duplicate_entry', () => {
    const error = toExtractError(systemError('EEXIST'), 'A.html');

    expect((error as DeployError).code).toBe('duplicate_entry');
    expect((error as DeployError).message).toContain('"A.html"');
  });

  test('toExtractError returns other system errors unchanged', () => {
    const original = systemError('EACCES');

    expect(toExtractError(original, 'a.html')).toBe(original);
  });

  test('toExtractError maps parser errors to invalid_archive', () => {
    const error = toExtractError(new Error('invalid signature'));

    expect((error as DeployError).code).toBe('invalid_archive');
    expect((error as DeployError).message).toContain('(invalid signature)');
  });
});
