import { createHash, randomBytes } from 'node:crypto';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import yauzl from 'yauzl';

import { listSiteFiles, type SiteFile } from '../action-src/site-files.js';
import { writeZip } from '../action-src/zip.js';

const MIB = 1024 * 1024;
const DATA_DESCRIPTOR_FLAG = 0x8;

interface ReadEntry {
  name: string;
  data: Buffer;
  /** 0 for stored, 8 for deflated. */
  method: number;
  /** General purpose flags of the local file header. */
  localFlags: number;
  unixMode: number;
  dosDate: number;
  dosTime: number;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) {
    await cleanups.pop()?.();
  }
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zip-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Creates a site folder from a map of relative paths to contents. */
async function makeSite(files: Record<string, string | Buffer>) {
  const root = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

async function archivePathIn(): Promise<string> {
  return path.join(await tempDir(), 'site.zip');
}

/** Compressible text of exactly `bytes` bytes. */
function text(bytes: number): Buffer {
  const line = Buffer.from('<li class="item">static deploy test line</li>\n');
  const out = Buffer.alloc(bytes);
  for (let at = 0; at < bytes; at += line.length) {
    line.copy(out, at);
  }
  return out;
}

/**
 * Reads every entry of a zip with yauzl, the reader the receiver uses, and
 * takes the local header flags from the raw archive.
 */
async function readZip(archivePath: string): Promise<ReadEntry[]> {
  const raw = await readFile(archivePath);
  const zip = await yauzl.openPromise(archivePath, {
    lazyEntries: true,
    validateEntrySizes: true,
  });
  const entries: ReadEntry[] = [];
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === undefined) {
        return entries;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        chunks.push(chunk as Buffer);
      }
      entries.push({
        name: entry.fileName,
        data: Buffer.concat(chunks),
        method: entry.compressionMethod,
        localFlags: raw.readUInt16LE(entry.relativeOffsetOfLocalHeader + 6),
        unixMode: entry.externalFileAttributes >>> 16,
        dosDate: entry.lastModFileDate,
        dosTime: entry.lastModFileTime,
      });
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const settle = (entry: yauzl.Entry | undefined, error?: Error) => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
      if (error === undefined) {
        resolve(entry);
      } else {
        reject(error);
      }
    };
    const onEntry = (entry: yauzl.Entry) => settle(entry);
    const onEnd = () => settle(undefined);
    const onError = (error: Error) => settle(undefined, error);
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * Walks the central directory with yauzl and reads only the last entry,
 * which is much faster than reading every entry of a large archive.
 */
async function readLastEntry(archivePath: string) {
  const zip = await yauzl.openPromise(archivePath, {
    lazyEntries: true,
    autoClose: false,
  });
  try {
    let last: yauzl.Entry | undefined;
    for (
      let entry = await nextEntry(zip);
      entry;
      entry = await nextEntry(zip)
    ) {
      last = entry;
    }
    if (last === undefined) {
      throw new Error(`${archivePath} has no entries`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(last)) {
      chunks.push(chunk as Buffer);
    }
    return {
      entryCount: zip.entryCount,
      name: last.fileName,
      data: Buffer.concat(chunks),
    };
  } finally {
    zip.close();
  }
}

/** Returns the size of a file, or 0 if it does not exist yet. */
async function sizeOf(filePath: string): Promise<number> {
  const stats = await stat(filePath).catch(() => undefined);
  return stats?.size ?? 0;
}

/** Returns whether this process has a file descriptor open on `filePath`. */
async function hasOpenDescriptor(filePath: string): Promise<boolean> {
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target === filePath) {
      return true;
    }
  }
  return false;
}

describe('writeZip', () => {
  test('round trip of buffered and streamed files', async () => {
    const files = {
      'a/empty.html': '',
      'a/small.css': text(5000),
      'b/exact.json': text(MIB),
      'b/over.json': text(MIB + 1),
      'c/big.txt': text(5 * MIB + 123),
      'c/photo.png': randomBytes(3 * MIB + 5),
      'd/icon.png': randomBytes(100 * 1024),
      'z.bin': randomBytes(300 * 1024),
    };
    const root = await makeSite(files);
    const archivePath = await archivePathIn();

    await writeZip(await listSiteFiles(root), archivePath);
    const entries = await readZip(archivePath);

    expect(entries.map((entry) => entry.name)).toEqual(Object.keys(files));
    for (const entry of entries) {
      const expected = Buffer.from(files[entry.name as keyof typeof files]);
      expect({ name: entry.name, equal: entry.data.equals(expected) }).toEqual({
        name: entry.name,
        equal: true,
      });
    }
  });

  test('stores compressed formats whatever their size', async () => {
    const root = await makeSite({
      'big.png': randomBytes(2 * MIB),
      'big.txt': text(2 * MIB),
      'small.png': randomBytes(1000),
      'small.txt': text(1000),
    });
    const archivePath = await archivePathIn();

    await writeZip(await listSiteFiles(root), archivePath);
    const methods = Object.fromEntries(
      (await readZip(archivePath)).map((entry) => [entry.name, entry.method]),
    );

    expect(methods).toEqual({
      'big.png': 0,
      'big.txt': 8,
      'small.png': 0,
      'small.txt': 8,
    });
  });

  test('uses a data descriptor only above 1 MiB', async () => {
    const root = await makeSite({
      'exact.txt': text(MIB),
      'over.png': randomBytes(MIB + 1),
      'over.txt': text(MIB + 1),
    });
    const archivePath = await archivePathIn();

    await writeZip(await listSiteFiles(root), archivePath);
    const flags = Object.fromEntries(
      (await readZip(archivePath)).map((entry) => [
        entry.name,
        entry.localFlags & DATA_DESCRIPTOR_FLAG,
      ]),
    );

    expect(flags).toEqual({
      'exact.txt': 0,
      'over.png': DATA_DESCRIPTOR_FLAG,
      'over.txt': DATA_DESCRIPTOR_FLAG,
    });
  });

  test('keeps permission bits and modification times', async () => {
    const root = await makeSite({
      'run.sh': '#!/bin/sh\n',
      'big.png': randomBytes(2 * MIB),
    });
    await chmod(path.join(root, 'run.sh'), 0o755);
    await chmod(path.join(root, 'big.png'), 0o600);
    const mtime = new Date(Date.UTC(2024, 4, 6, 7, 8, 10));
    await utimes(path.join(root, 'run.sh'), mtime, mtime);
    await utimes(path.join(root, 'big.png'), mtime, mtime);
    const archivePath = await archivePathIn();

    await writeZip(await listSiteFiles(root), archivePath);
    const entries = await readZip(archivePath);

    const dosDate = (44 << 9) | (5 << 5) | 6;
    const dosTime = (7 << 11) | (8 << 5) | 5;
    expect(entries.map((entry) => [entry.name, entry.unixMode])).toEqual([
      ['big.png', 0o100600],
      ['run.sh', 0o100755],
    ]);
    for (const entry of entries) {
      expect([entry.name, entry.dosDate, entry.dosTime]).toEqual([
        entry.name,
        dosDate,
        dosTime,
      ]);
    }
  });

  test('streams a file that grew past 1 MiB after listing', async () => {
    const root = await makeSite({ 'grows.txt': 'small at first' });
    const files = await listSiteFiles(root);
    const grown = text(2 * MIB);
    await writeFile(path.join(root, 'grows.txt'), grown);
    const archivePath = await archivePathIn();

    await writeZip(files, archivePath);
    const [entry] = await readZip(archivePath);

    expect(entry.data.equals(grown)).toBe(true);
    expect(entry.localFlags & DATA_DESCRIPTOR_FLAG).toBe(DATA_DESCRIPTOR_FLAG);
  });

  test('missing streamed file fails with its name', async () => {
    const root = await makeSite({ 'a.html': 'a', 'big.json': text(2 * MIB) });
    const files = await listSiteFiles(root);
    await rm(path.join(root, 'big.json'));
    const archivePath = await archivePathIn();

    await expect(writeZip(files, archivePath)).rejects.toThrow(
      /^failed to read big\.json: ENOENT: no such file or directory, open '.*big\.json'$/,
    );
    expect(await hasOpenDescriptor(archivePath)).toBe(false);
  });

  test('file deleted mid-write fails with its name', async () => {
    // The large stored file keeps the write busy for many output chunks,
    // so the later file is deleted after writing has started.
    const root = await makeSite({
      'a.png': Buffer.alloc(64 * MIB, 1),
      'later.html': 'later',
    });
    const files = await listSiteFiles(root);
    const archivePath = await archivePathIn();

    const written = writeZip(files, archivePath);
    written.catch(() => {});
    while ((await sizeOf(archivePath)) === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await rm(path.join(root, 'later.html'));

    await expect(written).rejects.toThrow(
      /^failed to read later\.html: ENOENT: no such file or directory/,
    );
    expect(await hasOpenDescriptor(archivePath)).toBe(false);
  });

  test('closes the archive before it settles', async () => {
    const root = await makeSite({ 'index.html': 'home' });
    const archivePath = await archivePathIn();

    const result = await writeZip(await listSiteFiles(root), archivePath);

    expect(await hasOpenDescriptor(archivePath)).toBe(false);
    const bytes = await readFile(archivePath);
    expect(result.bytes).toBe(bytes.length);
    expect(result.sha256).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  test('writes Zip64 end records past 65,535 entries', async () => {
    const root = await makeSite({ 'page.html': '<p>page</p>' });
    const [page] = await listSiteFiles(root);
    const count = 0xffff + 5;
    const files: SiteFile[] = Array.from({ length: count }, (_, i) => ({
      ...page,
      name: `pages/${i}.html`,
    }));
    const archivePath = await archivePathIn();

    await writeZip(files, archivePath);
    const raw = await readFile(archivePath);
    const end = raw.subarray(raw.length - 22);
    const last = await readLastEntry(archivePath);

    expect(end.readUInt16LE(10)).toBe(0xffff);
    expect(raw.readUInt32LE(raw.length - 22 - 20)).toBe(0x07064b50);
    expect(last.entryCount).toBe(count);
    expect(last.name).toBe(`pages/${count - 1}.html`);
    expect(last.data.toString()).toBe('<p>page</p>');
  }, 60_000);
});
