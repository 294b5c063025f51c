import {
  mkdtemp,
  open,
  rm,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';

import yauzl, { type Entry } from 'yauzl';

import {
  BLOCK_BYTES,
  BlockCachedReader,
} from '../server/extract/archive-reader.js';
import {
  readEntryData,
  type BoundedEntry,
} from '../server/extract/local-entry.js';

let root: string;
let handle: FileHandle | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'archive-reader-test-'));
});

afterEach(async () => {
  await handle?.close().catch(() => undefined);
  handle = undefined;
  await rm(root, { recursive: true, force: true });
});

/** Bytes whose value at each offset is known: offset modulo 251. */
function numbered(length: number): Buffer {
  const data = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) data[i] = i % 251;
  return data;
}

async function readerOf(data: Buffer): Promise<BlockCachedReader> {
  const filePath = join(root, 'archive.bin');
  await writeFile(filePath, data);
  handle = await open(filePath, 'r');
  return new BlockCachedReader(handle, data.length);
}

/**
 * Builds a stored zip entry's local header with `extraBytes` of extra
 * field, followed by `data`, as a zip writer lays it out.
 */
function localEntry(name: string, data: Buffer, extraBytes: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  header.writeUInt16LE(extraBytes, 28);
  return Buffer.concat([
    header,
    Buffer.from(name),
    Buffer.alloc(extraBytes, 0xee),
    data,
  ]);
}

/** Returns an entry whose data may run to `dataLimit`, by default without limit. */
function entryAt(
  offset: number,
  compressedSize: number,
  dataLimit = Number.MAX_SAFE_INTEGER,
): BoundedEntry {
  const entry: Entry = Object.assign(new yauzl.Entry(), {
    relativeOffsetOfLocalHeader: offset,
    compressedSize,
  });
  return { entry, dataLimit };
}

describe('BlockCachedReader', () => {
  const fileBytes = 3 * BLOCK_BYTES + 123;

  test('readRange returns bytes across block boundaries', async () => {
    const data = numbered(fileBytes);
    const reader = await readerOf(data);

    for (const [position, length] of [
      [0, 10],
      [BLOCK_BYTES - 5, 10],
      [2 * BLOCK_BYTES - 1, BLOCK_BYTES],
      [fileBytes - 7, 7],
      [100, 2 * BLOCK_BYTES],
    ]) {
      const range = await reader.readRange(position, length);
      expect(range.equals(data.subarray(position, position + length))).toBe(
        true,
      );
    }
  });

  test('readRange rejects a range past the end', async () => {
    const reader = await readerOf(numbered(fileBytes));

    await expect(reader.readRange(fileBytes - 2, 3)).rejects.toThrow(
      'unexpected EOF',
    );
  });

  test('readInto stops at the end of the file', async () => {
    const data = numbered(fileBytes);
    const reader = await readerOf(data);
    const target = Buffer.alloc(50);

    const bytesRead = await reader.readInto(target, fileBytes - 20);

    expect(bytesRead).toBe(20);
    expect(target.subarray(0, 20).equals(data.subarray(-20))).toBe(true);
  });

  test('read reports the bytes read to yauzl', async () => {
    const data = numbered(fileBytes);
    const reader = await readerOf(data);
    const target = Buffer.alloc(40);

    const bytesRead = await new Promise<number | undefined>(
      (resolve, reject) => {
        reader.read(target, 8, 32, BLOCK_BYTES - 16, (error, count) =>
          error ? reject(error) : resolve(count),
        );
      },
    );

    expect(bytesRead).toBe(32);
    expect(
      target
        .subarray(8)
        .equals(data.subarray(BLOCK_BYTES - 16, BLOCK_BYTES + 16)),
    ).toBe(true);
  });

  test('_readStreamForRange streams more than a block', async () => {
    const data = Buffer.from('x'.repeat(fileBytes));
    data.write('first', 10);
    data.write('last', fileBytes - 14);
    const reader = await readerOf(data);

    const streamed = await text(reader._readStreamForRange(10, fileBytes - 10));

    expect(streamed.length).toBe(fileBytes - 20);
    expect(streamed.startsWith('first')).toBe(true);
    expect(streamed.endsWith('last')).toBe(true);
  });
});

describe('readEntryData', () => {
  const content = Buffer.from('<h1>page</h1>');

  test('readEntryData returns the data after the header', async () => {
    const archive = Buffer.concat([
      Buffer.from('padding'),
      localEntry('a.html', content, 36),
    ]);
    const reader = await readerOf(archive);
    const scratch = Buffer.alloc(4096);

    const data = await readEntryData(
      reader,
      entryAt(7, content.length),
      scratch,
    );

    expect(data.equals(content)).toBe(true);
    // The data is a view into the scratch buffer, not a copy.
    expect(data.buffer).toBe(scratch.buffer);
  });

  test('readEntryData reads a long extra field a second time', async () => {
    const archive = localEntry('a.html', content, 40_000);
    const reader = await readerOf(archive);

    const data = await readEntryData(
      reader,
      entryAt(0, content.length),
      Buffer.alloc(4096),
    );

    expect(data.equals(content)).toBe(true);
  });

  test('readEntryData rejects a wrong signature', async () => {
    const archive = localEntry('a.html', content, 0);
    archive.writeUInt32LE(0x02014b50, 0);
    const reader = await readerOf(archive);

    await expect(
      readEntryData(reader, entryAt(0, content.length), Buffer.alloc(4096)),
    ).rejects.toThrow('invalid local file header signature: 0x2014b50');
  });

  test('readEntryData rejects data past the end of the file', async () => {
    const archive = localEntry('a.html', content, 0);
    const reader = await readerOf(archive);

    await expect(
      readEntryData(reader, entryAt(0, content.length + 1), Buffer.alloc(4096)),
    ).rejects.toThrow('file data overflows file bounds');
  });

  test('readEntryData rejects data past the next entry', async () => {
    const archive = localEntry('a.html', content, 0);
    const reader = await readerOf(archive);
    const dataEnd = 30 + 'a.html'.length + content.length;

    await expect(
      readEntryData(
        reader,
        entryAt(0, content.length, dataEnd - 1),
        Buffer.alloc(4096),
      ),
    ).rejects.toThrow(
      `overlaps the next entry, which starts at byte ${dataEnd - 1}`,
    );
  });
});
