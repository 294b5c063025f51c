import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

import { jest } from '@jest/globals';

import { DeployError } from '../server/errors.js';
import { BLOCK_BYTES } from '../server/extract/archive-reader.js';

/**
 * Folder under which non-recursive mkdir() and exclusive open(), the calls
 * that extraction makes, behave as on a case-insensitive file system, or
 * undefined for the real behavior.
 * Casefolding in ext4 and tmpfs needs a kernel built with CONFIG_UNICODE,
 * which many lack, so the receiver's file system calls are wrapped instead.
 */
let caseInsensitiveRoot: string | undefined;
let caseInsensitiveQueue: Promise<unknown> = Promise.resolve();

function isCaseInsensitivePath(target: unknown): target is string {
  return (
    caseInsensitiveRoot !== undefined &&
    typeof target === 'string' &&
    target.startsWith(caseInsensitiveRoot + sep)
  );
}

/**
 * Runs one emulated call after the previous one, so that the check for a
 * sibling and the call itself are atomic, as they are in a real file system.
 */
function inCaseInsensitiveOrder<T>(call: () => Promise<T>): Promise<T> {
  const result = caseInsensitiveQueue.then(call);
  caseInsensitiveQueue = result.catch(() => undefined);
  return result;
}

/** Throws EEXIST when a sibling of `target` differs from it only in case. */
async function rejectCaseOnlyClash(
  target: string,
  syscall: string,
): Promise<void> {
  const name = basename(target);
  const siblings = await fsPromises.readdir(dirname(target));
  const clash = siblings.some(
    (sibling) =>
      sibling !== name && sibling.toLowerCase() === name.toLowerCase(),
  );
  if (!clash) return;
  throw Object.assign(
    new Error(`EEXIST: file already exists, ${syscall} '${target}'`),
    { code: 'EEXIST', errno: -17, syscall, path: target },
  );
}

const caseInsensitiveMkdir = ((target: string, options?: unknown) => {
  const recursive =
    typeof options === 'object' &&
    options !== null &&
    (options as { recursive?: unknown }).recursive === true;
  if (!isCaseInsensitivePath(target) || recursive) {
    return fsPromises.mkdir(target, options as undefined);
  }
  return inCaseInsensitiveOrder(async () => {
    await rejectCaseOnlyClash(target, 'mkdir');
    return fsPromises.mkdir(target, options as undefined);
  });
}) as typeof fsPromises.mkdir;

const caseInsensitiveOpen = ((
  target: string,
  flags?: string,
  mode?: number,
) => {
  if (!isCaseInsensitivePath(target) || flags !== 'wx') {
    return fsPromises.open(target, flags, mode);
  }
  return inCaseInsensitiveOrder(async () => {
    await rejectCaseOnlyClash(target, 'open');
    return fsPromises.open(target, flags, mode);
  });
}) as typeof fsPromises.open;

jest.unstable_mockModule('node:fs/promises', () => ({
  ...fsPromises,
  mkdir: caseInsensitiveMkdir,
  open: caseInsensitiveOpen,
}));

// Imported after the mock, so that the extraction modules get the wrapped calls.
const { DEFAULT_EXTRACT_LIMITS, extractArchive } =
  await import('../server/extract/index.js');

const KIB = 1024;
const MIB = 1024 * 1024;
/** WHOLE_ENTRY_MAX_BYTES of write-entries.ts: larger entries are streamed. */
const WHOLE_ENTRY_BYTES = MIB;
/**
 * HEADER_ALLOWANCE_BYTES of local-entry.ts: the name and extra field bytes
 * that locateEntryData reads along with the fixed header.
 */
const HEADER_ALLOWANCE_BYTES = 1024;

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const END_SIGNATURE = 0x06054b50;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_RECORD_BYTES = 22;
const LOCAL_NAME_LENGTH = 26;
const LOCAL_EXTRA_LENGTH = 28;
const CENTRAL_FLAGS = 8;
const CENTRAL_NAME_LENGTH = 28;
const CENTRAL_EXTRA_LENGTH = 30;
const CENTRAL_COMMENT_LENGTH = 32;
const CENTRAL_LOCAL_HEADER_OFFSET = 42;
const END_DIRECTORY_OFFSET = 16;
const ZIP64_EXTRA_ID = 0x0001;
const ZIP64_MARKER = 0xffffffff;
const DATA_DESCRIPTOR_FLAG = 0x8;
const STORED = 0;
const DEFLATED = 8;
/** DOS date of 2024-01-01: years since 1980 in bits 9-15, month, day. */
const DOS_DATE_2024_01_01 = (44 << 9) | (1 << 5) | 1;

/** One entry of an archive that buildRawZip writes byte by byte. */
interface RawEntry {
  name: string;
  /** Bytes stored in the archive, after compression. */
  data?: Buffer;
  /** Compression method, 0 (stored) unless set. */
  method?: number;
  /** CRC-32 of the uncompressed data, by default that of `data`. */
  crc32?: number;
  /** Uncompressed size in bytes, by default the length of `data`. */
  uncompressedSize?: number;
  /** Compressed size in both headers, by default the length of `data`. */
  compressedSize?: number;
  /** Name length in the local header, by default that of `name`. */
  localNameLength?: number;
  /** Extra field of the local header only, as Info-ZIP writes one. */
  localExtra?: Buffer;
  /**
   * Whether the entry has bit 3 set, zero sizes in its local header and a
   * data descriptor after its data.
   */
  descriptor?: boolean;
  /**
   * Central record sizes and offset written as 0xFFFFFFFF, with a Zip64
   * extra field that contains the real values or these replacements.
   */
  zip64?: { compressedSize?: number; offset?: number };
}

interface RawZipOptions {
  /** Indexes of `entries` in the order of their central records. */
  centralOrder?: readonly number[];
  comment?: Buffer;
}

interface RawZip {
  zip: Buffer;
  /** Offset of each entry's local header, in the order of `entries`. */
  localOffsets: number[];
}

/**
 * Builds a zip byte by byte, for layouts that zip tools never write. Local
 * headers follow each other in the order of `entries`.
 */
function buildRawZip(
  entries: readonly RawEntry[],
  options: RawZipOptions = {},
): RawZip {
  const parts: Buffer[] = [];
  let offset = 0;
  const append = (part: Buffer) => {
    parts.push(part);
    offset += part.length;
  };

  const localOffsets: number[] = [];
  for (const entry of entries) {
    localOffsets.push(offset);
    const name = Buffer.from(entry.name);
    const data = entry.data ?? Buffer.alloc(0);
    const extra = entry.localExtra ?? Buffer.alloc(0);
    const sizes = entrySizes(entry);
    const header = Buffer.alloc(LOCAL_HEADER_BYTES);
    header.writeUInt32LE(LOCAL_SIGNATURE, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(entry.descriptor ? DATA_DESCRIPTOR_FLAG : 0, 6);
    header.writeUInt16LE(entry.method ?? STORED, 8);
    header.writeUInt16LE(DOS_DATE_2024_01_01, 12);
    if (!entry.descriptor) {
      header.writeUInt32LE(sizes.crc32, 14);
      header.writeUInt32LE(sizes.compressedSize, 18);
      header.writeUInt32LE(sizes.uncompressedSize, 22);
    }
    header.writeUInt16LE(
      entry.localNameLength ?? name.length,
      LOCAL_NAME_LENGTH,
    );
    header.writeUInt16LE(extra.length, LOCAL_EXTRA_LENGTH);
    append(Buffer.concat([header, name, extra, data]));
    if (entry.descriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(DESCRIPTOR_SIGNATURE, 0);
      descriptor.writeUInt32LE(sizes.crc32, 4);
      descriptor.writeUInt32LE(sizes.compressedSize, 8);
      descriptor.writeUInt32LE(sizes.uncompressedSize, 12);
      append(descriptor);
    }
  }

  const centralStart = offset;
  const order = options.centralOrder ?? entries.map((_, index) => index);
  for (const index of order) {
    append(centralRecord(entries[index], localOffsets[index]));
  }
  const centralBytes = offset - centralStart;

  const comment = options.comment ?? Buffer.alloc(0);
  const end = Buffer.alloc(END_RECORD_BYTES);
  end.writeUInt32LE(END_SIGNATURE, 0);
  end.writeUInt16LE(order.length, 8);
  end.writeUInt16LE(order.length, 10);
  end.writeUInt32LE(centralBytes, 12);
  end.writeUInt32LE(centralStart, END_DIRECTORY_OFFSET);
  end.writeUInt16LE(comment.length, 20);
  append(Buffer.concat([end, comment]));
  return { zip: Buffer.concat(parts), localOffsets };
}

function entrySizes(entry: RawEntry): {
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
} {
  const data = entry.data ?? Buffer.alloc(0);
  return {
    crc32: entry.crc32 ?? crc32(data),
    compressedSize: entry.compressedSize ?? data.length,
    uncompressedSize: entry.uncompressedSize ?? data.length,
  };
}

function centralRecord(entry: RawEntry, localOffset: number): Buffer {
  const name = Buffer.from(entry.name);
  const sizes = entrySizes(entry);
  let extra = Buffer.alloc(0);

  const record = Buffer.alloc(CENTRAL_HEADER_BYTES);
  record.writeUInt32LE(CENTRAL_SIGNATURE, 0);
  record.writeUInt16LE(20, 4);
  record.writeUInt16LE(entry.zip64 ? 45 : 20, 6);
  record.writeUInt16LE(
    entry.descriptor ? DATA_DESCRIPTOR_FLAG : 0,
    CENTRAL_FLAGS,
  );
  record.writeUInt16LE(entry.method ?? STORED, 10);
  record.writeUInt16LE(DOS_DATE_2024_01_01, 14);
  record.writeUInt32LE(sizes.crc32, 16);
  if (entry.zip64) {
    // The Zip64 extra field lists the uncompressed size, the compressed
    // size and the offset, in that order, for each field set to 0xFFFFFFFF.
    extra = Buffer.alloc(4 + 24);
    extra.writeUInt16LE(ZIP64_EXTRA_ID, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(sizes.uncompressedSize), 4);
    extra.writeBigUInt64LE(
      BigInt(entry.zip64.compressedSize ?? sizes.compressedSize),
      12,
    );
    extra.writeBigUInt64LE(BigInt(entry.zip64.offset ?? localOffset), 20);
    record.writeUInt32LE(ZIP64_MARKER, 20);
    record.writeUInt32LE(ZIP64_MARKER, 24);
    record.writeUInt32LE(ZIP64_MARKER, CENTRAL_LOCAL_HEADER_OFFSET);
  } else {
    record.writeUInt32LE(sizes.compressedSize, 20);
    record.writeUInt32LE(sizes.uncompressedSize, 24);
    record.writeUInt32LE(localOffset, CENTRAL_LOCAL_HEADER_OFFSET);
  }

  record.writeUInt16LE(name.length, CENTRAL_NAME_LENGTH);
  record.writeUInt16LE(extra.length, CENTRAL_EXTRA_LENGTH);
  return Buffer.concat([record, name, extra]);
}

/** Returns a deflated entry of `content`, with its sizes and CRC-32. */
function deflatedEntry(
  name: string,
  content: Buffer,
  fields: Partial<RawEntry> = {},
): RawEntry {
  return {
    name,
    data: deflateRawSync(content, { level: 1 }),
    method: DEFLATED,
    crc32: crc32(content),
    uncompressedSize: content.length,
    ...fields,
  };
}

function storedEntry(
  name: string,
  content: Buffer,
  fields: Partial<RawEntry> = {},
): RawEntry {
  return { name, data: content, method: STORED, ...fields };
}

/**
 * Returns pseudo-random bytes from `seed`, the same on every run: the
 * AES-128-CTR keystream of a key made from the seed. With `alphabet`, each
 * byte is mapped to one of its characters.
 */
function seededBytes(seed: number, length: number, alphabet?: string): Buffer {
  const key = Buffer.alloc(16);
  key.writeUInt32LE(seed >>> 0);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const bytes = Buffer.concat([
    cipher.update(Buffer.alloc(length)),
    cipher.final(),
  ]);
  if (alphabet === undefined) return bytes;
  const letters = Buffer.from(alphabet);
  for (let i = 0; i < length; i += 1) {
    bytes[i] = letters[bytes[i] % letters.length];
  }
  return bytes;
}

/** Returns lowercase text from `seed` that deflates to about 60 percent. */
function seededText(seed: number, length: number): Buffer {
  return seededBytes(seed, length, 'abcdefghijklmnopqrstuvwxyz');
}

/** Returns `items` shuffled by `seed`, the same on every run. */
function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const shuffled = [...items];
  const order = seededBytes(seed, shuffled.length * 4);
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = order.readUInt32LE(i * 4) % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Returns the offsets of the central records of `zip`, from its end record. */
function centralRecordOffsets(zip: Buffer): number[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + END_DIRECTORY_OFFSET);
  const offsets: number[] = [];
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(offset)).toBe(CENTRAL_SIGNATURE);
    offsets.push(offset);
    offset +=
      CENTRAL_HEADER_BYTES +
      zip.readUInt16LE(offset + CENTRAL_NAME_LENGTH) +
      zip.readUInt16LE(offset + CENTRAL_EXTRA_LENGTH) +
      zip.readUInt16LE(offset + CENTRAL_COMMENT_LENGTH);
  }
  return offsets;
}

/**
 * Returns whether some entry's local extra field differs in length from its
 * central one.
 */
function hasDifferingExtraFields(zip: Buffer): boolean {
  return centralRecordOffsets(zip).some((record) => {
    const local = zip.readUInt32LE(record + CENTRAL_LOCAL_HEADER_OFFSET);
    return (
      zip.readUInt16LE(local + LOCAL_EXTRA_LENGTH) !==
      zip.readUInt16LE(record + CENTRAL_EXTRA_LENGTH)
    );
  });
}

// Python's zipfile is an oracle that shares no code with yauzl or with the
// receiver's own local header parsing.
const PYTHON_DIGESTS = [
  'import hashlib, json, sys, zipfile',
  'with zipfile.ZipFile(sys.argv[1]) as archive:',
  '    digests = {}',
  '    for info in archive.infolist():',
  '        digests[info.filename] = "folder" if info.is_dir() else ' +
    'hashlib.sha256(archive.read(info)).hexdigest()',
  'print(json.dumps(digests))',
].join('\n');

/**
 * Returns the SHA-256 of every file that Python's zipfile reads from
 * `archive`, by entry name, and "folder" for folder entries.
 */
function pythonDigests(archive: string): Record<string, string> {
  const output = execFileSync('python3', ['-c', PYTHON_DIGESTS, archive], {
    encoding: 'utf8',
    maxBuffer: 16 * MIB,
  });
  return JSON.parse(output) as Record<string, string>;
}

/** Returns the SHA-256 of every file under `dir`, and "folder" for folders. */
async function treeDigests(dir: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  const paths = (await readdir(dir, { recursive: true })).sort();
  for (const path of paths) {
    const target = join(dir, path);
    digests[path] = (await stat(target)).isDirectory()
      ? 'folder'
      : sha256(await readFile(target));
  }
  return digests;
}

/**
 * Checks that `stagingDir` contains exactly the files that Python's zipfile
 * reads from `archive`, with the same bytes, and every folder it lists.
 */
async function expectPythonTree(
  archive: string,
  stagingDir: string,
): Promise<void> {
  const expected = pythonDigests(archive);
  const written = await treeDigests(stagingDir);
  const expectedFiles = Object.entries(expected).filter(
    ([, digest]) => digest !== 'folder',
  );
  const writtenFiles = Object.entries(written).filter(
    ([, digest]) => digest !== 'folder',
  );
  expect(Object.fromEntries(writtenFiles)).toEqual(
    Object.fromEntries(expectedFiles),
  );
  for (const [name, digest] of Object.entries(expected)) {
    if (digest === 'folder') {
      expect(written[name.replace(/\/$/, '')]).toBe('folder');
    }
  }
}

/** Extracts `archive` with Info-ZIP UnZip into a new folder and returns it. */
async function unzipTree(archive: string): Promise<Record<string, string>> {
  const output = await mkdtemp(join(tmpdir(), 'extract-hostile-unzip-'));
  try {
    execFileSync('unzip', ['-q', archive, '-d', output], { stdio: 'pipe' });
    return await treeDigests(output);
  } finally {
    await rm(output, { recursive: true, force: true });
  }
}

function unzipAccepts(archive: string): boolean {
  try {
    execFileSync('unzip', ['-qq', '-t', archive], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

let root: string;
let staging: string;
let archivePath: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'extract-hostile-'));
  staging = join(root, 'staging');
  archivePath = join(root, 'upload.zip');
  await mkdir(staging);
});

afterEach(async () => {
  caseInsensitiveRoot = undefined;
  // Nothing may be written next to the staging folder, whatever the outcome.
  expect((await readdir(root)).sort()).toEqual(['staging', 'upload.zip']);
  await rm(root, { recursive: true, force: true });
});

async function extract(zip: Buffer) {
  await writeFile(archivePath, zip);
  return extractArchive(archivePath, staging, DEFAULT_EXTRACT_LIMITS);
}

/**
 * Extracts `zip` and returns the DeployError that it must reject with. Any
 * other outcome is thrown, so that the test fails with its message.
 */
async function extractError(zip: Buffer): Promise<DeployError> {
  const error: unknown = await extract(zip).then(
    () => new Error('extractArchive resolved, but a rejection was expected'),
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof DeployError)) throw error;
  return error;
}

/** Returns the paths under the test folder that this process has open. */
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

function mode(stats: { mode: number }): number {
  return stats.mode & 0o7777;
}

describe('extractArchive on valid archives that tools write', () => {
  /** Writes files at the size thresholds of the extraction code into `dir`. */
  async function writeThresholdTree(dir: string): Promise<void> {
    const texts: [string, number][] = [
      ['empty.txt', 0],
      ['one.txt', 1],
      ['block-1.txt', BLOCK_BYTES - 1],
      ['block.txt', BLOCK_BYTES],
      ['block+1.txt', BLOCK_BYTES + 1],
      ['whole-1.txt', WHOLE_ENTRY_BYTES - 1],
      ['whole.txt', WHOLE_ENTRY_BYTES],
      ['whole+1.txt', WHOLE_ENTRY_BYTES + 1],
      ['deep/a/b/c/leaf.txt', 500],
    ];
    // zip -n .bin stores these, so they take the stored paths.
    const images: [string, number][] = [
      ['img/whole-1.bin', WHOLE_ENTRY_BYTES - 1],
      ['img/whole.bin', WHOLE_ENTRY_BYTES],
      ['img/whole+1.bin', WHOLE_ENTRY_BYTES + 1],
      ['img/large.bin', 3 * MIB + 17],
    ];
    let seed = 1;
    for (const [name, bytes] of texts) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), seededText(seed, bytes));
      seed += 1;
    }
    for (const [name, bytes] of images) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), seededBytes(seed, bytes));
      seed += 1;
    }
  }

  test('extractArchive matches UnZip on Info-ZIP archives', async () => {
    const tree = await mkdtemp(join(tmpdir(), 'extract-hostile-tree-'));
    try {
      await writeThresholdTree(tree);
      // Zip 3.0 writes longer extra fields into local headers than into
      // central records. Writing to a pipe makes it add data descriptors.
      const seekable = join(tree, '..', `${basename(tree)}.zip`);
      execFileSync('zip', ['-q', '-r', '-n', '.bin', seekable, '.'], {
        cwd: tree,
      });
      const streamed = execFileSync(
        'zip',
        ['-q', '-r', '-n', '.bin', '-', '.'],
        {
          cwd: tree,
          maxBuffer: 64 * MIB,
        },
      );
      const seekableZip = await readFile(seekable);
      await rm(seekable);
      expect(hasDifferingExtraFields(seekableZip)).toBe(true);
      expect(hasDifferingExtraFields(streamed)).toBe(true);
      const firstRecord = centralRecordOffsets(streamed)[0];
      expect(
        streamed.readUInt16LE(firstRecord + CENTRAL_FLAGS) &
          DATA_DESCRIPTOR_FLAG,
      ).toBe(DATA_DESCRIPTOR_FLAG);

      for (const zip of [seekableZip, streamed]) {
        await rm(staging, { recursive: true });
        await mkdir(staging);

        const summary = await extract(zip);

        expect(summary.files).toBe(13);
        expect(await treeDigests(staging)).toEqual(
          await unzipTree(archivePath),
        );
        expect(openFilesUnderRoot()).toEqual([]);
      }
    } finally {
      await rm(tree, { recursive: true, force: true });
    }
  });

  test('extractArchive matches Python on Zip64 descriptors', async () => {
    // Python writes to a pipe with data descriptors, and force_zip64 puts a
    // Zip64 extra field into each local header but none into the central
    // records.
    const script = [
      'import io, random, sys, zipfile',
      'class Pipe(io.RawIOBase):',
      '    def writable(self): return True',
      '    def write(self, b): return sys.stdout.buffer.write(b)',
      'r = random.Random(3)',
      'with zipfile.ZipFile(Pipe(), "w") as z:',
      '    z.comment = b"c" * 65535',
      '    for name, n, method in [("z/empty.txt", 0, 8), ("z/small.txt", 1000, 8),',
      '            ("z/stored.bin", 2 * 2**20 + 3, 0), ("z/big.txt", 2**20 + 5, 8),',
      '            ("z/stored-empty.bin", 0, 0)]:',
      '        info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))',
      '        info.compress_type = method',
      '        data = bytes(r.choice(b"abcdefgh \\n") for _ in range(n)) if method else r.randbytes(n)',
      '        with z.open(info, "w", force_zip64=True) as w: w.write(data)',
    ].join('\n');
    const zip = execFileSync('python3', ['-c', script], {
      maxBuffer: 16 * MIB,
    });
    expect(hasDifferingExtraFields(zip)).toBe(true);

    const summary = await extract(zip);

    expect(summary.files).toBe(5);
    await expectPythonTree(archivePath, staging);
  });

  test('extractArchive matches Python on central Zip64', async () => {
    const entries = [
      storedEntry('zip64/stored.bin', seededBytes(1, 2 * MIB + 1), {
        zip64: {},
      }),
      deflatedEntry('zip64/text.txt', seededText(2, 5000), { zip64: {} }),
      storedEntry('zip64/empty.bin', Buffer.alloc(0), { zip64: {} }),
      deflatedEntry('plain.txt', seededText(3, 100)),
    ];
    const { zip } = buildRawZip(entries, { centralOrder: [3, 1, 0, 2] });

    const summary = await extract(zip);

    expect(summary.files).toBe(4);
    await expectPythonTree(archivePath, staging);
  });

  test.each([-29, -12, -1, 0, 1])(
    'extractArchive reads headers at block offset %i',
    async (delta) => {
      // The first entry pads the archive so that the second entry's local
      // header starts `delta` bytes from the end of the first reader block.
      const headerStart = BLOCK_BYTES + delta;
      const padName = 'pad.bin';
      const padBytes = headerStart - LOCAL_HEADER_BYTES - padName.length;
      const entries = [
        storedEntry(padName, seededBytes(10, padBytes)),
        deflatedEntry('streamed.txt', seededText(11, WHOLE_ENTRY_BYTES + 1)),
        deflatedEntry('small.txt', seededText(12, 3000)),
        storedEntry('stored.bin', seededBytes(13, WHOLE_ENTRY_BYTES + 100), {
          localExtra: Buffer.alloc(HEADER_ALLOWANCE_BYTES, 0x55),
        }),
      ];
      const { zip, localOffsets } = buildRawZip(entries, {
        centralOrder: [2, 0, 3, 1],
      });
      expect(localOffsets[1]).toBe(headerStart);

      await extract(zip);

      await expectPythonTree(archivePath, staging);
    },
  );

  test('extractArchive keeps entries apart under concurrency', async () => {
    const sizes = [0, 1, 63, 100, 4 * KIB, 60 * KIB, 300 * KIB];
    // Names are 21 to 23 bytes long, so the middle two lengths put the name
    // and extra field just under and just over the allowance.
    const extras = [
      0,
      7,
      HEADER_ALLOWANCE_BYTES - 30,
      HEADER_ALLOWANCE_BYTES - 20,
      1100,
      40_000,
    ];
    const entries: RawEntry[] = [];
    for (let i = 0; i < 400; i += 1) {
      // Every 21st entry takes a path for entries near 1 MiB, alternately
      // stored and deflated.
      const large = i % 21 === 5;
      const bytes = large ? WHOLE_ENTRY_BYTES + (i % 3) - 1 : sizes[i % 7];
      // Each entry's bytes start with its own name, so bytes that land in
      // the wrong file change its digest.
      const name = `section-${i % 9}/page-${i}.html`;
      const content = Buffer.concat([
        Buffer.from(name),
        seededText(1000 + i, bytes),
      ]).subarray(0, Math.max(bytes, name.length));
      const fields: Partial<RawEntry> = {
        localExtra: Buffer.alloc(extras[(i * 7) % extras.length], i & 0xff),
        descriptor: i % 3 === 0,
      };
      entries.push(
        i % 2 === 0
          ? deflatedEntry(name, content, fields)
          : storedEntry(name, content, fields),
      );
    }
    const order = seededShuffle(
      entries.map((_, index) => index),
      99,
    );
    const { zip } = buildRawZip(entries, { centralOrder: order });
    expect(zip.length).toBeLessThan(40 * MIB);

    const summary = await extract(zip);

    expect(summary.files).toBe(400);
    await expectPythonTree(archivePath, staging);
  });

  test('extractArchive extracts 63-deep folder trees', async () => {
    const deep = 'd/'.repeat(63);
    const entries: RawEntry[] = [
      storedEntry('d/', Buffer.alloc(0)),
      storedEntry('d/'.repeat(32), Buffer.alloc(0)),
      storedEntry(`${deep}leaf.txt`, Buffer.from('leaf')),
      deflatedEntry('d/d/top.txt', seededText(20, 5000)),
    ];
    for (let i = 0; i < 200; i += 1) {
      const path = Array.from({ length: 63 }, (_, level) =>
        level === 30 ? `w${i}` : `l${level}`,
      ).join('/');
      entries.push(deflatedEntry(`${path}/f.txt`, seededText(30 + i, 50)));
    }
    const { zip } = buildRawZip(seededShuffle(entries, 5));

    const summary = await extract(zip);

    expect(summary.files).toBe(202);
    expect(await treeDigests(staging)).toEqual(await unzipTree(archivePath));
  });
});

describe('extractArchive on hostile local headers', () => {
  const text = seededText(40, 1200);

  test('extractArchive accepts 65,535-byte local extra fields', async () => {
    const extra = Buffer.alloc(0xffff, 0x77);
    const entries = [
      deflatedEntry('small.txt', text, { localExtra: extra }),
      storedEntry('small.bin', text, { localExtra: extra }),
      storedEntry('whole.bin', seededBytes(41, WHOLE_ENTRY_BYTES), {
        localExtra: extra,
      }),
      deflatedEntry('whole.txt', seededText(42, WHOLE_ENTRY_BYTES), {
        localExtra: extra,
      }),
      storedEntry('large.bin', seededBytes(43, 2 * MIB + 5), {
        localExtra: extra,
      }),
      deflatedEntry('large.txt', seededText(44, 2 * MIB + 5), {
        localExtra: extra,
      }),
    ];
    const { zip } = buildRawZip(entries);

    const summary = await extract(zip);

    expect(summary.files).toBe(6);
    await expectPythonTree(archivePath, staging);
  });

  test.each([
    ['name', LOCAL_NAME_LENGTH],
    ['extra', LOCAL_EXTRA_LENGTH],
  ])(
    'extractArchive rejects overflowing local %s lengths',
    async (_label, field) => {
      // A length of 65,535 moves the last entry's data past the end of the
      // file.
      const { zip, localOffsets } = buildRawZip([
        deflatedEntry('first.txt', text),
        storedEntry('last.bin', text),
      ]);
      zip.writeUInt16LE(0xffff, localOffsets[1] + field);

      const error = await extractError(zip);

      expect(error.code).toBe('invalid_archive');
      expect(error.message).toContain('"last.bin"');
      expect(error.message).toContain('file data overflows file bounds');
      expect(openFilesUnderRoot()).toEqual([]);
    },
  );

  test.each([
    ['past the end', 'unexpected EOF'],
    ['cut at the end', 'unexpected EOF'],
    ['with wrong signature', 'invalid local file header signature'],
    ['at Zip64 offset 2^40', 'unexpected EOF'],
    ['with Zip64 size 2^40', 'file data overflows file bounds'],
  ])('extractArchive rejects header %s', async (label, reason) => {
    const entries: RawEntry[] = [
      deflatedEntry('first.txt', text),
      deflatedEntry('bad.txt', text),
    ];
    if (label === 'at Zip64 offset 2^40') {
      entries[1].zip64 = { offset: 2 ** 40 };
    }
    if (label === 'with Zip64 size 2^40') {
      entries[1].zip64 = { compressedSize: 2 ** 40 };
    }
    const { zip, localOffsets } = buildRawZip(entries);
    const badRecord = centralRecordOffsets(zip)[1];
    const offsetField = badRecord + CENTRAL_LOCAL_HEADER_OFFSET;
    if (label === 'past the end') {
      zip.writeUInt32LE(zip.length + 100, offsetField);
    }
    // Fewer than the 30 bytes of a local header remain at this offset.
    if (label === 'cut at the end') {
      zip.writeUInt32LE(zip.length - 10, offsetField);
    }
    if (label === 'with wrong signature') zip[localOffsets[1] + 2] ^= 0xff;

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"bad.txt"');
    expect(error.message).toContain(reason);
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects entries sharing data', async () => {
    // The overlap check assumes 30-byte local headers. A longer local extra
    // field moves the first entry's data onto the second entry's data, so
    // both entries extract the same bytes. Info-ZIP UnZip 6.00 (Debian)
    // rejects such archives as overlapped components.
    const shared = Buffer.alloc(100, 's');
    const { zip, localOffsets } = buildRawZip([
      storedEntry('a.txt', shared),
      storedEntry('b.txt', shared),
    ]);
    const firstData = localOffsets[0] + LOCAL_HEADER_BYTES + 'a.txt'.length;
    const secondData = localOffsets[1] + LOCAL_HEADER_BYTES + 'b.txt'.length;
    zip.writeUInt16LE(
      secondData - firstData,
      localOffsets[0] + LOCAL_EXTRA_LENGTH,
    );
    await writeFile(archivePath, zip);
    expect(unzipAccepts(archivePath)).toBe(false);

    // checkOverlaps counts only the 30-byte minimum header, so the data end
    // from the local header is checked against the next entry's offset.
    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"a.txt"');
  });

  test('extractArchive names a stored size mismatch', async () => {
    const { zip } = buildRawZip([
      deflatedEntry('first.txt', text),
      storedEntry('mismatch.bin', text, { uncompressedSize: text.length + 1 }),
    ]);

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"mismatch.bin"');
  });
});

describe('extractArchive on hostile deflate data', () => {
  const text = seededText(50, 5000);

  test('extractArchive rejects empty deflate data', async () => {
    // A deflate stream needs at least one block, so UnZip rejects this too,
    // although Python's zipfile returns an empty file.
    const { zip } = buildRawZip([
      deflatedEntry('first.txt', text),
      { name: 'empty.txt', method: DEFLATED, crc32: 0, uncompressedSize: 0 },
    ]);
    await writeFile(archivePath, zip);
    expect(unzipAccepts(archivePath)).toBe(false);

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"empty.txt"');
  });

  test.each([
    ['whole', 5000],
    ['streamed', 2 * MIB],
  ])(
    'extractArchive ignores trailing deflate bytes (%s)',
    async (_label, bytes) => {
      const content = seededText(51, bytes);
      const entry = deflatedEntry('trailing.txt', content);
      entry.data = Buffer.concat([entry.data ?? Buffer.alloc(0), text]);
      const { zip } = buildRawZip([entry, deflatedEntry('after.txt', text)]);

      await extract(zip);

      // Python's zipfile also stops at the end of the deflate stream.
      await expectPythonTree(archivePath, staging);
    },
  );

  test.each([
    ['whole', 5000],
    ['streamed', 2 * MIB],
  ])('extractArchive rejects truncated deflate (%s)', async (_label, bytes) => {
    const content = seededText(52, bytes);
    const entry = deflatedEntry('early.txt', content);
    const data = entry.data ?? Buffer.alloc(0);
    entry.data = data.subarray(0, data.length - 40);
    const { zip } = buildRawZip([deflatedEntry('before.txt', text), entry]);

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"early.txt"');
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive stops inflating at declared size', async () => {
    // 64 MiB of zeros deflate to about 64 KiB, but the entry declares 100
    // bytes, which no ratio check looks at.
    const zeros = deflateRawSync(Buffer.alloc(64 * MIB), { level: 9 });
    const { zip } = buildRawZip([
      {
        name: 'bomb.txt',
        data: zeros,
        method: DEFLATED,
        crc32: 0,
        uncompressedSize: 100,
      },
    ]);
    const before = process.memoryUsage().arrayBuffers;

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"bomb.txt" contains more than the 100');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * MIB);
    expect(await readdir(staging)).toEqual([]);
  });
});

describe('extractArchive on truncated archives', () => {
  const large = seededBytes(60, 3 * MIB);

  test('extractArchive rejects stored data cut short', async () => {
    // The central directory still declares 3 MiB, but only 2 MiB of the
    // data precede it, so the data would run past the end of the file.
    const entries = [
      deflatedEntry('small.txt', seededText(61, 3000)),
      storedEntry('large.bin', large.subarray(0, 2 * MIB), {
        crc32: crc32(large),
        compressedSize: large.length,
        uncompressedSize: large.length,
      }),
    ];
    const { zip } = buildRawZip(entries);

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"large.bin"');
    expect(error.message).toContain('file data overflows file bounds');
  });

  test('extractArchive rejects data reaching the directory', async () => {
    // The data is 100 bytes short, and a comment keeps the declared end
    // inside the file, so the copy reads the central directory as data.
    const entries = [
      deflatedEntry('small.txt', seededText(62, 3000)),
      storedEntry('large.bin', large.subarray(0, large.length - 100), {
        crc32: crc32(large),
        compressedSize: large.length,
        uncompressedSize: large.length,
      }),
    ];
    const { zip } = buildRawZip(entries, { comment: Buffer.alloc(200, 'c') });

    const error = await extractError(zip);

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('"large.bin" failed its CRC-32 check');
    expect(openFilesUnderRoot()).toEqual([]);
  });

  test('extractArchive rejects an archive cut mid-entry', async () => {
    const { zip, localOffsets } = buildRawZip([
      deflatedEntry('small.txt', seededText(63, 3000)),
      storedEntry('large.bin', large),
    ]);

    const error = await extractError(
      zip.subarray(0, localOffsets[1] + 2 * MIB),
    );

    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('archive is not a valid zip file');
  });
});

describe('extractArchive failures with entries in flight', () => {
  test.each([
    ['stored', STORED],
    ['deflated', DEFLATED],
  ])(
    'extractArchive finishes %s writes before rejecting',
    async (_label, method) => {
      // The first entry fails its CRC-32 check at once, while the next
      // seven, each over 1 MiB, are still being written.
      const contents = new Map<string, Buffer>();
      const entries: RawEntry[] = [
        storedEntry('bad.txt', Buffer.from('x'), { crc32: 1 }),
      ];
      for (let i = 1; i <= 11; i += 1) {
        const name = `large-${i}.bin`;
        const content =
          method === STORED
            ? seededBytes(70 + i, 2 * MIB)
            : seededText(70 + i, 2 * MIB);
        contents.set(name, content);
        entries.push(
          method === STORED
            ? storedEntry(name, content)
            : deflatedEntry(name, content),
        );
      }
      const { zip } = buildRawZip(entries);

      const error = await extractError(zip);
      const digestsAtRejection = await treeDigests(staging);
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(error.code).toBe('invalid_archive');
      expect(error.message).toContain('"bad.txt"');
      expect(openFilesUnderRoot()).toEqual([]);
      // No write goes on after the rejection.
      expect(await treeDigests(staging)).toEqual(digestsAtRejection);
      // The seven entries that had started are written in full, and no
      // later entry is started.
      const started = [1, 2, 3, 4, 5, 6, 7].map((i) => `large-${i}.bin`);
      expect(Object.keys(digestsAtRejection).sort()).toEqual(started.sort());
      for (const name of started) {
        const content = contents.get(name) ?? Buffer.alloc(0);
        expect(digestsAtRejection[name]).toBe(sha256(content));
      }
    },
  );

  test('extractArchive bounds buffer memory across entries', async () => {
    // 150 deflated entries of 1 MiB are inflated in memory one by one, so
    // the Buffers alive at once must stay far below their 150 MiB total.
    const content = seededBytes(80, WHOLE_ENTRY_BYTES, 'aaaaaaab');
    const compressed = deflateRawSync(content, { level: 1 });
    const entries: RawEntry[] = [];
    for (let i = 0; i < 150; i += 1) {
      entries.push({
        name: `pages/${i}.txt`,
        data: compressed,
        method: DEFLATED,
        crc32: crc32(content),
        uncompressedSize: content.length,
        localExtra: i % 4 === 0 ? Buffer.alloc(3000) : undefined,
      });
    }
    await writeFile(archivePath, buildRawZip(entries).zip);
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 2);
    const before = process.memoryUsage().arrayBuffers;

    try {
      const summary = await extractArchive(
        archivePath,
        staging,
        DEFAULT_EXTRACT_LIMITS,
      );
      expect(summary.bytes).toBe(150 * WHOLE_ENTRY_BYTES);
    } finally {
      clearInterval(sampler);
    }

    expect(peak - before).toBeLessThan(96 * MIB);
  });
});

describe('extractArchive file modes', () => {
  /** Builds an archive with an entry on each write path and nested folders. */
  function modeArchive(): Buffer {
    return buildRawZip([
      storedEntry('explicit/', Buffer.alloc(0)),
      storedEntry('explicit/small.bin', Buffer.from('stored')),
      deflatedEntry('implied/parent/small.txt', seededText(90, 500)),
      storedEntry('implied/large.bin', seededBytes(91, WHOLE_ENTRY_BYTES + 1)),
      deflatedEntry('large.txt', seededText(92, WHOLE_ENTRY_BYTES + 1)),
    ]).zip;
  }

  async function expectStandardModes(): Promise<void> {
    for (const folder of ['explicit', 'implied', 'implied/parent']) {
      expect(mode(await stat(join(staging, folder)))).toBe(0o755);
    }
    for (const file of [
      'explicit/small.bin',
      'implied/parent/small.txt',
      'implied/large.bin',
      'large.txt',
    ]) {
      expect(mode(await stat(join(staging, file)))).toBe(0o644);
    }
  }

  test.each([
    ['077', 0o077],
    ['000', 0o000],
    ['027', 0o027],
  ])('extractArchive applies modes under umask %s', async (_label, umask) => {
    const previous = process.umask(umask);
    try {
      await extract(modeArchive());
    } finally {
      process.umask(previous);
    }

    await expectStandardModes();
  });

  test('extractArchive applies 0755 under setgid folders', async () => {
    // Folders created in a setgid folder inherit the setgid bit, and the
    // chmod(0o755) of every extracted folder clears it.
    await chmod(staging, 0o2755);

    await extract(modeArchive());

    await expectStandardModes();
  });

  test('extractArchive applies modes under default ACLs', async () => {
    // A default ACL replaces the umask for new files and folders, and this
    // one grants nothing to group and others. Python sets it with
    // os.setxattr in the Linux encoding. That is version 2, then tag,
    // permissions and id for USER_OBJ (1), GROUP_OBJ (4) and OTHER (0x20).
    const script = [
      'import os, struct, sys',
      'entries = [(1, 7), (4, 0), (0x20, 0)]',
      'value = struct.pack("<I", 2) + b"".join(',
      '    struct.pack("<HHI", tag, perm, 0xFFFFFFFF) for tag, perm in entries)',
      'os.setxattr(sys.argv[1], "system.posix_acl_default", value)',
    ].join('\n');
    execFileSync('python3', ['-c', script, staging]);

    // At umask 022 modeFixes() skips every chmod, so files stay 0600 and
    // folders 0700, as the ACL makes them.
    await extract(modeArchive());

    await expectStandardModes();
  });
});

describe('extractArchive on case-insensitive file systems', () => {
  test('extractArchive rejects folders differing in case', async () => {
    // toExtractError maps a clash of files to duplicate_entry, and a clash
    // of folders gets the same code rather than a 500.
    const zip = buildRawZip([
      storedEntry('Docs/index.html', Buffer.from('upper')),
      storedEntry('docs/guide.html', Buffer.from('lower')),
    ]).zip;
    caseInsensitiveRoot = staging;

    // mkdir() of the second folder fails with EEXIST on such a file system.
    const error = await extractError(zip);

    expect(error.code).toBe('duplicate_entry');
  });

  test('extractArchive rejects files differing in case', async () => {
    const zip = buildRawZip([
      storedEntry('Index.html', Buffer.from('upper')),
      storedEntry('index.html', Buffer.from('lower')),
    ]).zip;
    caseInsensitiveRoot = staging;

    const error = await extractError(zip);

    expect(error.code).toBe('duplicate_entry');
    expect(openFilesUnderRoot()).toEqual([]);
  });
});
