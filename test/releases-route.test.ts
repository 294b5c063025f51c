import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { sendDeploy, sendSigned } from './support/deploy-request.js';
import { startTestReceiver, type TestReceiver } from './support/receiver.js';
import { zipOf } from './support/zip.js';

const siteVersion = (label: string) =>
  zipOf({ 'index.html': `page ${label}`, 'app.js': `app ${label}` });

async function deploy(
  receiver: TestReceiver,
  label: string,
  operation: 'deploy' | 'stage' = 'deploy',
) {
  const response = await sendDeploy(receiver.apiUrl, {
    secrets: [receiver.secret],
    archive: siteVersion(label),
    fields: { operation },
    metadata: { message: label },
  });
  expect(response.status).toBe(200);
  return String(response.body.release);
}

const list = (receiver: TestReceiver) =>
  sendSigned(receiver.apiUrl, {
    secrets: [receiver.secret],
    method: 'GET',
    path: '/releases',
    operation: 'list',
    target: 'default',
  });

const activate = (receiver: TestReceiver, release: string, fields = {}) =>
  sendSigned(receiver.apiUrl, {
    secrets: [receiver.secret],
    method: 'POST',
    path: `/releases/${release}/activate`,
    operation: 'activate',
    target: release,
    fields,
  });

const livePage = async (receiver: TestReceiver) =>
  (await fetch(`${receiver.url}/`)).text();

describe('release history', () => {
  let receiver: TestReceiver;

  beforeEach(async () => {
    receiver = await startTestReceiver();
  });

  afterEach(async () => {
    await receiver.stop();
  });

  test('GET /releases lists releases newest first and marks the live one', async () => {
    const first = await deploy(receiver, 'one');
    const second = await deploy(receiver, 'two');
    const response = await list(receiver);
    expect(response.status).toBe(200);
    expect(response.body.current).toBe(second);
    const releases = response.body.releases as Array<Record<string, unknown>>;
    expect(releases.map((release) => release.release)).toEqual([second, first]);
    expect(releases.map((release) => release.live)).toEqual([true, false]);
    expect(releases[1].metadata).toEqual({ message: 'one' });
    expect(releases[0].files).toBe(2);
  });

  test('GET /releases/<release> returns one release', async () => {
    const first = await deploy(receiver, 'one');
    const response = await sendSigned(receiver.apiUrl, {
      secrets: [receiver.secret],
      method: 'GET',
      path: `/releases/${first}`,
      operation: 'list',
      target: 'default',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ release: first, live: true });
  });

  test('GET /releases without a signature is rejected with signature_missing', async () => {
    const response = await fetch(`${receiver.apiUrl}/releases`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe(
      'signature_missing',
    );
  });

  test('activating an older release rolls the site back', async () => {
    const first = await deploy(receiver, 'one');
    const second = await deploy(receiver, 'two');
    const response = await activate(receiver, first);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ release: first, previous: second });
    expect(await livePage(receiver)).toBe('page one');
    expect(
      (await fetch(`${receiver.url}/`)).headers.get('x-static-deploy-release'),
    ).toBe(first);
  });

  test('a staged deploy goes live only when activated', async () => {
    await deploy(receiver, 'one');
    const staged = await deploy(receiver, 'staged', 'stage');
    expect(await livePage(receiver)).toBe('page one');
    const listed = await list(receiver);
    expect(
      (listed.body.releases as Array<{ release: string }>)[0].release,
    ).toBe(staged);

    expect((await activate(receiver, staged)).status).toBe(200);
    expect(await livePage(receiver)).toBe('page staged');
  });

  test('a staged release has no activation time until activated', async () => {
    await deploy(receiver, 'one');
    const staged = await deploy(receiver, 'staged', 'stage');
    const before = (await list(receiver)).body.releases as Array<
      Record<string, unknown>
    >;
    expect(before[0]).toMatchObject({ release: staged, lastActivatedAt: null });
    expect(typeof before[1].lastActivatedAt).toBe('string');

    await activate(receiver, staged);
    const after = (await list(receiver)).body.releases as Array<
      Record<string, unknown>
    >;
    expect(typeof after[0].lastActivatedAt).toBe('string');
  });

  test('activation signed for another release is rejected with target_mismatch', async () => {
    const first = await deploy(receiver, 'one');
    const second = await deploy(receiver, 'two');
    const response = await sendSigned(receiver.apiUrl, {
      secrets: [receiver.secret],
      method: 'POST',
      path: `/releases/${first}/activate`,
      operation: 'activate',
      target: second,
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('target_mismatch');
    expect(await livePage(receiver)).toBe('page two');
  });

  test('activation with a wrong secret is rejected and changes nothing', async () => {
    const first = await deploy(receiver, 'one');
    await deploy(receiver, 'two');
    const response = await sendSigned(receiver.apiUrl, {
      secrets: [randomBytes(32).toString('hex')],
      method: 'POST',
      path: `/releases/${first}/activate`,
      operation: 'activate',
      target: first,
    });
    expect(response.status).toBe(401);
    expect(await livePage(receiver)).toBe('page two');
  });

  test('a repeated activation id returns the stored result', async () => {
    const first = await deploy(receiver, 'one');
    const second = await deploy(receiver, 'two');
    const original = await activate(receiver, first);
    await activate(receiver, second);
    const retry = await activate(receiver, first, {
      deploymentId: original.fields.deploymentId,
      timestampSeconds: original.fields.timestampSeconds + 1,
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('x-static-deploy-replayed')).toBe('true');
    expect(await livePage(receiver)).toBe('page two');
  });

  test('activating an unknown release returns release_not_found', async () => {
    await deploy(receiver, 'one');
    const response = await activate(receiver, '20200101T000000Z-000000000000');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('release_not_found');
  });
});

describe('release history across restarts', () => {
  test('the release history survives a restart', async () => {
    const receiver = await startTestReceiver();
    const first = await deploy(receiver, 'one');
    const second = await deploy(receiver, 'two');
    await receiver.close();
    const restarted = await startTestReceiver({
      STATIC_DEPLOY_ROOT: receiver.root,
      STATIC_DEPLOY_SECRET: receiver.secret,
    });
    try {
      const response = await list(restarted);
      expect(response.body.current).toBe(second);
      expect((response.body.releases as unknown[]).length).toBe(2);
      expect((await activate(restarted, first)).status).toBe(200);
      expect(await livePage(restarted)).toBe('page one');
    } finally {
      await restarted.stop();
    }
  });
});

describe('release retention', () => {
  test('keeps the newest two releases across five deploys', async () => {
    const receiver = await startTestReceiver({
      STATIC_DEPLOY_KEEP_RELEASES: '2',
    });
    try {
      const names: string[] = [];
      for (const label of ['1', '2', '3', '4', '5']) {
        names.push(await deploy(receiver, label));
      }
      const kept = await readdir(path.join(receiver.root, 'releases'));
      expect(kept.sort()).toEqual([names[3], names[4]].sort());

      const pruned = await activate(receiver, names[0]);
      expect(pruned.status).toBe(404);
      expect(pruned.body.code).toBe('release_not_found');
      expect(await livePage(receiver)).toBe('page 5');
    } finally {
      await receiver.stop();
    }
  });

  test('keeps the live release when it is older than the newest N', async () => {
    const receiver = await startTestReceiver({
      STATIC_DEPLOY_KEEP_RELEASES: '1',
    });
    try {
      const first = await deploy(receiver, '1');
      const staged = await deploy(receiver, '2', 'stage');
      const stagedAgain = await deploy(receiver, '3', 'stage');
      expect((await activate(receiver, stagedAgain)).status).toBe(200);
      expect((await activate(receiver, stagedAgain)).status).toBe(200);
      const kept = await readdir(path.join(receiver.root, 'releases'));
      expect(kept).toEqual([stagedAgain]);
      expect(kept).not.toContain(first);
      expect(kept).not.toContain(staged);
    } finally {
      await receiver.stop();
    }
  });
});

describe('rollback under load', () => {
  test('a reader polling during rollbacks gets whole responses', async () => {
    const receiver = await startTestReceiver();
    try {
      const one = await deploy(receiver, 'one');
      const two = await deploy(receiver, 'two');
      const label = new Map([
        [one, 'one'],
        [two, 'two'],
      ]);

      let switching = true;
      let checked = 0;
      const reader = (async () => {
        while (switching && checked < 5000) {
          for (const file of ['/', '/app.js']) {
            const response = await fetch(`${receiver.url}${file}`);
            const served = label.get(
              response.headers.get('x-static-deploy-release') ?? '',
            );
            const prefix = file === '/' ? 'page' : 'app';
            expect(await response.text()).toBe(`${prefix} ${served}`);
            checked += 1;
          }
        }
      })();
      for (let round = 0; round < 20; round += 1) {
        expect(
          (await activate(receiver, round % 2 === 0 ? one : two)).status,
        ).toBe(200);
      }
      switching = false;
      await reader;
      expect(checked).toBeGreaterThan(20);
    } finally {
      await receiver.stop();
    }
  });
});
