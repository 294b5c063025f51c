import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { ArchiveOutput } from '../action-src/archive-output.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'archive-output-test-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Returns a reader that hands out `source` in pieces of at most `piece`. */
function pieceReader(source: Buffer, piece: number) {
  let at = 0;
  return async (target: Buffer): Promise<number> => {
    const count = Math.min(piece, target.length, source.length - at);
    source.copy(target, 0, at, at + count);
    at += count;
    return count;
  };
}

describe('ArchiveOutput', () => {
  test('writes appends across buffer boundaries in order', async () => {
    const filePath = path.join(dir, 'out.bin');
    const output = await ArchiveOutput.create(filePath, 7);
    const parts = [
      Buffer.from('abc'),
      Buffer.from(''),
      Buffer.from('defghijklmnopqrstu'),
      Buffer.from('v'),
    ];
    const streamed = Buffer.from('0123456789'.repeat(5));
    const offsets: number[] = [];

    for (const part of parts) {
      offsets.push(output.offset);
      await output.append(part);
    }
    offsets.push(output.offset);
    const appended = await output.appendFrom(pieceReader(streamed, 3));
    await output.append(Buffer.from('end'));
    const result = await output.finish();

    const expected = Buffer.concat([...parts, streamed, Buffer.from('end')]);
    const written = await readFile(filePath);
    expect(written.toString()).toBe(expected.toString());
    expect(offsets).toEqual([0, 3, 3, 21, 22]);
    expect(appended).toBe(streamed.length);
    expect(result.bytes).toBe(expected.length);
    expect(result.sha256).toBe(
      createHash('sha256').update(expected).digest('hex'),
    );
  });

  test('rejects an existing file', async () => {
    const filePath = path.join(dir, 'taken.zip');
    await writeFile(filePath, 'keep me');

    await expect(ArchiveOutput.create(filePath, 16)).rejects.toThrow(/EEXIST/);
    expect(await readFile(filePath, 'utf8')).toBe('keep me');
  });

  test('abort after finish does nothing', async () => {
    const filePath = path.join(dir, 'out.bin');
    const output = await ArchiveOutput.create(filePath, 16);
    await output.append(Buffer.from('data'));
    await output.finish();

    await output.abort();

    expect(await readFile(filePath, 'utf8')).toBe('data');
  });
});
