import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';

import { ZipArchive } from 'archiver';
import fc from 'fast-check';

import { sendDeploy } from './support/deploy-request.js';
import { startTestReceiver, type TestReceiver } from './support/receiver.js';
import { zipOf } from './support/zip.js';

const SITE = {
  'index.html': '<!doctype html><h1>mutation base</h1>',
  'css/site.css': 'body { color: #222; }\n'.repeat(40),
  'docs/guide/index.html': '<p>guide</p>\n'.repeat(200),
  'img/blank.bin': Buffer.alloc(3000, 7),
};

/** Builds the site with archiver, which writes data descriptors. */
async function archiverZip(): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve) => sink.on('end', resolve));
  archive.pipe(sink);
  for (const [name, content] of Object.entries(SITE)) {
    archive.append(
      typeof content === 'string' ? Buffer.from(content) : content,
      { name },
    );
  }
  await archive.finalize();
  await finished;
  return Buffer.concat(chunks);
}

/** One way of damaging an archive, applied at a position chosen by fast-check. */
type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'tail'; at: number; bytes: Uint8Array }
  | { kind: 'rename'; at: number; char: string };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const someBytes = fc.uint8Array({ minLength: 1, maxLength: 16 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: position,
    mask: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: someBytes,
  }),
  fc.record({
    kind: fc.constant('overwrite' as const),
    at: position,
    bytes: someBytes,
  }),
  // The central directory and end record sit in the last few hundred bytes.
  fc.record({
    kind: fc.constant('tail' as const),
    at: position,
    bytes: someBytes,
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    at: position,
    char: fc.constantFrom('/', '.', '\\', '\0', '\x7f', ':', 'A', '\xff'),
  }),
);

const CENTRAL_SIGNATURE = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

/** Replaces one byte of one central directory name, where the receiver reads names. */
function renameEntry(bytes: Buffer, at: number, char: string): Buffer {
  const records: number[] = [];
  for (let offset = bytes.indexOf(CENTRAL_SIGNATURE); offset >= 0;) {
    records.push(offset);
    offset = bytes.indexOf(CENTRAL_SIGNATURE, offset + 4);
  }
  const scaled = at * records.length;
  const record = records[Math.floor(scaled)];
  const nameLength = bytes.readUInt16LE(record + 28);
  const index = Math.floor((scaled % 1) * nameLength);
  bytes[record + 46 + index] = Buffer.from(char, 'latin1')[0];
  return bytes;
}

function mutate(original: Buffer, change: Mutation): Buffer {
  const bytes = Buffer.from(original);
  const offset = Math.floor(change.at * bytes.length);
  switch (change.kind) {
    case 'flip':
      bytes[offset] ^= change.mask;
      return bytes;
    case 'truncate':
      return bytes.subarray(0, offset);
    case 'insert':
      return Buffer.concat([
        bytes.subarray(0, offset),
        change.bytes,
        bytes.subarray(offset),
      ]);
    case 'overwrite':
      bytes.set(change.bytes.subarray(0, bytes.length - offset), offset);
      return bytes;
    case 'rename':
      return renameEntry(bytes, change.at, change.char);
    case 'tail': {
      const tailStart = Math.max(0, bytes.length - 400);
      const at = tailStart + Math.floor(change.at * (bytes.length - tailStart));
      bytes.set(change.bytes.subarray(0, bytes.length - at), at);
      return bytes;
    }
  }
}

describe('deploy of randomly damaged archives', () => {
  let receiver: TestReceiver;
  let parent: string;
  let bases: Buffer[];

  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-mutation-'));
    receiver = await startTestReceiver({
      STATIC_DEPLOY_ROOT: path.join(parent, 'data'),
    });
    bases = [await archiverZip(), zipOf(SITE)];
    const first = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: bases[0],
    });
    expect(first.status).toBe(200);
  });

  afterAll(async () => {
    await receiver.stop();
    await rm(parent, { recursive: true, force: true });
  });

  test('never fails with 5xx, leaks files or changes the site on rejection', async () => {
    const rootEntries = (await readdir(receiver.root)).sort();
    let live = await (await fetch(`${receiver.url}/`)).text();
    const outcomes = new Set<string>();

    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1 }),
        mutation,
        async (baseIndex, change) => {
          const archive = mutate(bases[baseIndex], change);
          const response = await sendDeploy(receiver.apiUrl, {
            secrets: [receiver.secret],
            archive,
          });

          expect(response.status).toBeLessThan(500);
          expect(await readdir(parent)).toEqual(['data']);
          expect((await readdir(receiver.root)).sort()).toEqual(rootEntries);
          expect(await readdir(path.join(receiver.root, 'staging'))).toEqual(
            [],
          );
          expect(await readdir(path.join(receiver.root, 'tmp'))).toEqual([]);

          outcomes.add(String(response.body.code ?? response.status));
          const served = await fetch(`${receiver.url}/`);
          if (response.status === 200) {
            live = await served.text();
          } else {
            expect(typeof response.body.code).toBe('string');
            expect(await served.text()).toBe(live);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The mutations must reach several checks, not only the first one.
    process.stdout.write(
      `damaged archive outcomes: ${[...outcomes].sort().join(', ')}\n`,
    );
    expect(outcomes.size).toBeGreaterThanOrEqual(3);
  });
});
