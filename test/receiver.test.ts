import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

import { sendDeploy } from './support/deploy-request.js';
import { startTestReceiver, type TestReceiver } from './support/receiver.js';
import { zipOf } from './support/zip.js';

function manyFiles(count: number, label: string): Record<string, string> {
  const files: Record<string, string> = { 'index.html': `<h1>${label}</h1>` };
  for (let index = 0; index < count; index += 1) {
    files[`pages/${Math.floor(index / 100)}/page-${index}.html`] =
      `${label} ${index}`;
  }
  return files;
}

async function deploy(
  receiver: TestReceiver,
  files: Record<string, string>,
): Promise<string> {
  const response = await sendDeploy(receiver.apiUrl, {
    secrets: [receiver.secret],
    archive: zipOf(files),
  });
  expect(response.status).toBe(200);
  return String(response.body.release);
}

describe('startReceiver', () => {
  test('empties the trash after a pruning deploy', async () => {
    const receiver = await startTestReceiver({
      STATIC_DEPLOY_KEEP_RELEASES: '1',
    });
    try {
      await deploy(receiver, manyFiles(300, 'one'));
      const second = await deploy(receiver, { 'index.html': 'two' });
      await receiver.trash.idle();

      expect(await readdir(path.join(receiver.root, 'releases'))).toEqual([
        second,
      ]);
      expect(await readdir(path.join(receiver.root, 'trash'))).toEqual([]);
      const finished = receiver.logs.filter(
        (entry) => entry.msg === 'deleted pruned releases',
      );
      expect(finished).toHaveLength(1);
      expect(finished[0].files).toBe(302);
    } finally {
      await receiver.stop();
    }
  });

  test('close during a background deletion is prompt', async () => {
    const first = await startTestReceiver({
      STATIC_DEPLOY_KEEP_RELEASES: '1',
    });
    let closed = false;
    let restarted: TestReceiver | undefined;
    try {
      await deploy(first, manyFiles(5000, 'large'));
      const small = await deploy(first, { 'index.html': 'small' });
      // Deleting 10,000 files 2 calls at a time took 1.5 to 1.8 s on a 2-core
      // machine, so these 5,000 are still being deleted here.
      expect(await readdir(path.join(first.root, 'trash'))).toHaveLength(1);

      const startedAt = performance.now();
      await first.close();
      closed = true;
      const closeMs = performance.now() - startedAt;

      expect(closeMs).toBeLessThan(1000);
      const stopped = first.logs.filter(
        (entry) =>
          entry.msg ===
          'stopped deleting pruned releases for shutdown; the next start deletes what is left',
      );
      expect(stopped).toHaveLength(1);
      expect(await readdir(path.join(first.root, 'trash'))).toHaveLength(1);

      restarted = await startTestReceiver({
        STATIC_DEPLOY_ROOT: first.root,
        STATIC_DEPLOY_SECRET: first.secret,
        STATIC_DEPLOY_KEEP_RELEASES: '1',
      });
      expect(await readdir(path.join(first.root, 'trash'))).toEqual([]);
      expect(await readdir(path.join(first.root, 'releases'))).toEqual([small]);
      const leftovers = restarted.logs.filter(
        (entry) =>
          entry.msg ===
          'removed leftovers of an interrupted deploy or deletion',
      );
      expect(leftovers).toHaveLength(1);
      expect(leftovers[0].removed).toEqual([
        expect.stringMatching(/^trash\//) as unknown,
      ]);
    } finally {
      await restarted?.stop();
      if (closed) {
        await rm(first.root, { recursive: true, force: true });
      } else {
        await first.stop();
      }
    }
  });
});
