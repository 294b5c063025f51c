import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { sendDeploy } from './support/deploy-request.js';
import { startReceiverProcess } from './support/receiver-process.js';
import { startTestReceiver, type TestReceiver } from './support/receiver.js';
import { zipOf } from './support/zip.js';

async function leftovers(root: string): Promise<string[]> {
  const staging = await readdir(path.join(root, 'staging'));
  const tmp = await readdir(path.join(root, 'tmp'));
  return [...staging, ...tmp];
}

/** Text that deflates severalfold, so a small archive unpacks large. */
function wordyText(bytes: number): string {
  const words = Array.from({ length: 256 }, () =>
    randomBytes(4).toString('hex'),
  );
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = words[randomInt(words.length)];
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}

function manyFiles(count: number, label: string): Record<string, string> {
  const files: Record<string, string> = { 'index.html': `<h1>${label}</h1>` };
  for (let index = 0; index < count; index += 1) {
    files[`pages/${Math.floor(index / 100)}/page-${index}.html`] =
      `${label} ${index} ${'x'.repeat(2000)}`;
  }
  return files;
}

/** Mounts a tmpfs of `sizeBytes` at `dir`. */
function mountTmpfs(dir: string, sizeBytes: number): void {
  execFileSync(
    'mount',
    ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir],
    {
      stdio: 'pipe',
    },
  );
}

// Mounting a small file system needs root. CI runs as root; elsewhere Jest
// lists the test as skipped instead of passing it.
const testAsRoot = process.getuid?.() === 0 ? test : test.skip;

describe('receiver faults', () => {
  testAsRoot(
    'a full disk during extraction returns 507 and keeps the live site',
    async () => {
      const mountPoint = await mkdtemp(
        path.join(os.tmpdir(), 'static-deploy-tmpfs-'),
      );
      mountTmpfs(mountPoint, 3 * 1024 * 1024);
      let receiver: TestReceiver | undefined;
      try {
        receiver = await startTestReceiver({
          STATIC_DEPLOY_ROOT: path.join(mountPoint, 'data'),
        });
        const first = await sendDeploy(receiver.apiUrl, {
          secrets: [receiver.secret],
          archive: zipOf({ 'index.html': 'live site' }),
        });
        expect(first.status).toBe(200);

        // About 1 MB compressed and 4 MB unpacked: the upload fits, the files do not.
        const archive = zipOf({
          'index.html': 'new',
          'big.txt': wordyText(4 * 1024 * 1024),
        });
        expect(archive.length).toBeLessThan(1.5 * 1024 * 1024);
        const response = await sendDeploy(receiver.apiUrl, {
          secrets: [receiver.secret],
          archive,
        });
        expect(response.status).toBe(507);
        expect(response.body.code).toBe('insufficient_storage');
        expect(await leftovers(receiver.root)).toEqual([]);
        expect(await (await fetch(`${receiver.url}/`)).text()).toBe(
          'live site',
        );
      } finally {
        await receiver?.close();
        execFileSync('umount', [mountPoint]);
        await rm(mountPoint, { recursive: true, force: true });
      }
    },
  );

  test('SIGKILL during extraction leaves the old release live after restart', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-kill-'));
    const first = await startReceiverProcess({ root });
    try {
      const initial = await sendDeploy(first.apiUrl, {
        secrets: [first.secret],
        archive: zipOf({ 'index.html': 'old release' }),
      });
      expect(initial.status).toBe(200);

      const pending = sendDeploy(first.apiUrl, {
        secrets: [first.secret],
        archive: zipOf(manyFiles(3000, 'new release')),
      }).catch((error: unknown) => error);
      await waitFor(async () => {
        const staged = await readdir(path.join(root, 'staging')).catch(
          () => [],
        );
        for (const id of staged) {
          const pages = await readdir(
            path.join(root, 'staging', id, 'site', 'pages'),
          ).catch(() => []);
          if (pages.length > 0) {
            return true;
          }
        }
        return false;
      });
      await first.stop('SIGKILL');
      await pending;
    } finally {
      await first.stop('SIGKILL');
    }

    expect((await leftovers(root)).length).toBeGreaterThan(0);
    const restarted = await startReceiverProcess({
      root,
      secret: first.secret,
    });
    try {
      expect(await leftovers(root)).toEqual([]);
      expect(await (await fetch(`${restarted.url}/`)).text()).toBe(
        'old release',
      );
      const next = await sendDeploy(restarted.apiUrl, {
        secrets: [restarted.secret],
        archive: zipOf({ 'index.html': 'after restart' }),
      });
      expect(next.status).toBe(200);
      expect(await (await fetch(`${restarted.url}/`)).text()).toBe(
        'after restart',
      );
    } finally {
      await restarted.dispose();
    }
  });

  test('racing deploys always leave exactly one complete site', async () => {
    const receiver = await startTestReceiver();
    try {
      for (let round = 0; round < 50; round += 1) {
        const versions = ['a', 'b'].map((name) => ({
          name,
          files: {
            'index.html': `${name}${round}`,
            'asset.js': `asset ${name}${round}`,
          },
        }));
        const results = await Promise.all(
          versions.map((version) =>
            sendDeploy(receiver.apiUrl, {
              secrets: [receiver.secret],
              archive: zipOf(version.files),
            }),
          ),
        );
        for (const result of results) {
          expect([200, 409]).toContain(result.status);
        }
        expect(results.some((result) => result.status === 200)).toBe(true);

        const page = await (await fetch(`${receiver.url}/`)).text();
        const asset = await (await fetch(`${receiver.url}/asset.js`)).text();
        const winner = versions.find(
          (version) => version.files['index.html'] === page,
        );
        expect(winner).toBeDefined();
        expect(asset).toBe(winner!.files['asset.js']);
      }
      expect(await leftovers(receiver.root)).toEqual([]);
    } finally {
      await receiver.stop();
    }
  });

  test('a reader polling during a 2000-file deploy sees whole releases', async () => {
    const receiver = await startTestReceiver();
    try {
      const oldFiles = { ...manyFiles(10, 'old'), 'app.js': 'app old' };
      const newFiles = { ...manyFiles(2000, 'new'), 'app.js': 'app new' };
      await sendDeploy(receiver.apiUrl, {
        secrets: [receiver.secret],
        archive: zipOf(oldFiles),
      });

      const observed: Array<[string, string]> = [];
      let deploying = true;
      const reader = (async () => {
        while (deploying && observed.length < 20_000) {
          const page = await (await fetch(`${receiver.url}/`)).text();
          const asset = await (await fetch(`${receiver.url}/app.js`)).text();
          observed.push([page, asset]);
        }
      })();
      const deploy = await sendDeploy(receiver.apiUrl, {
        secrets: [receiver.secret],
        archive: zipOf(newFiles),
      });
      deploying = false;
      await reader;
      expect(deploy.status).toBe(200);

      const pairs = new Set(
        observed.map(([page, asset]) => `${page} + ${asset}`),
      );
      // A switch between the page request and the asset request gives the
      // old page with the new asset once; anything else would be a mix.
      const allowed = new Set([
        '<h1>old</h1> + app old',
        '<h1>old</h1> + app new',
        '<h1>new</h1> + app new',
      ]);
      for (const pair of pairs) {
        expect(allowed).toContain(pair);
      }
      const firstNew = observed.findIndex(([page]) => page === '<h1>new</h1>');
      if (firstNew >= 0) {
        expect(
          observed.slice(firstNew).every(([page]) => page === '<h1>new</h1>'),
        ).toBe(true);
      }
      expect(observed.length).toBeGreaterThan(10);
    } finally {
      await receiver.stop();
    }
  });
});

async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
