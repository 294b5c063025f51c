import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { ReplayStore } from '../server/replay-store.js';

const newId = () => randomBytes(16).toString('hex');
const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const now = 1_760_000_000;

describe('ReplayStore', () => {
  let root: string;
  let options: { dir: string; tmpDir: string; toleranceSeconds: number };

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'replay-store-'));
    options = {
      dir: path.join(root, 'replay'),
      tmpDir: path.join(root, 'tmp'),
      toleranceSeconds: 300,
    };
    await mkdir(options.dir);
    await mkdir(options.tmpDir);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('begin accepts a new id', async () => {
    const store = new ReplayStore(options);
    expect(await store.begin(newId(), hashA, now)).toEqual({ kind: 'new' });
  });

  test('begin returns the stored response for a finished id and hash', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    await store.finish(id, { status: 200, body: { release: 'r1' } });
    expect(await store.begin(id, hashA, now + 10)).toEqual({
      kind: 'replay',
      response: { status: 200, body: { release: 'r1' } },
    });
  });

  test('begin reports a conflict for the same id with another hash', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    await store.finish(id, { status: 200, body: {} });
    expect(await store.begin(id, hashB, now)).toEqual({ kind: 'conflict' });
  });

  test('begin reports a conflict while the first attempt is still pending', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    expect(await store.begin(id, hashB, now)).toEqual({ kind: 'conflict' });
  });

  test('begin reports in_progress for a retry of a running deploy', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    expect(await store.begin(id, hashA, now)).toEqual({ kind: 'in_progress' });
  });

  test('begin accepts a retry of an abandoned attempt', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    await store.abandon(id);
    expect(await store.begin(id, hashA, now)).toEqual({ kind: 'new' });
  });

  test('a restarted store still remembers finished ids', async () => {
    const id = newId();
    const first = new ReplayStore(options);
    await first.begin(id, hashA, now);
    await first.finish(id, { status: 400, body: { code: 'invalid_archive' } });

    const restarted = new ReplayStore(options);
    expect(await restarted.begin(id, hashB, now)).toEqual({ kind: 'conflict' });
    expect((await restarted.begin(id, hashA, now)).kind).toBe('replay');
  });

  test('a restarted store lets a retry finish an attempt cut off by a crash', async () => {
    const id = newId();
    await new ReplayStore(options).begin(id, hashA, now);
    expect(await new ReplayStore(options).begin(id, hashA, now)).toEqual({
      kind: 'new',
    });
  });

  test('prune keeps records inside the tolerance window', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    await store.finish(id, { status: 200, body: {} });
    expect(await store.prune(now + 300)).toBe(0);
    expect(await readdir(options.dir)).toEqual([`${id}.json`]);
  });

  test('prune removes records past the tolerance window', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    await store.finish(id, { status: 200, body: {} });
    expect(await store.prune(now + 301)).toBe(1);
    expect(await readdir(options.dir)).toEqual([]);
  });

  test('prune keeps a record whose retry extended its window', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    await store.finish(id, { status: 200, body: {} });
    await store.begin(id, hashA, now + 200);
    expect(await store.prune(now + 301)).toBe(0);
  });

  test('records leave no temp files behind', async () => {
    const store = new ReplayStore(options);
    const id = newId();
    await store.begin(id, hashA, now);
    await store.finish(id, { status: 200, body: {} });
    expect(await readdir(options.tmpDir)).toEqual([]);
  });
});
