import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';

import { HEADER, sha256Hex, signedHeaders } from '../protocol/index.js';
import { deployFields, sendDeploy } from './support/deploy-request.js';
import { startTestReceiver, type TestReceiver } from './support/receiver.js';
import { zipOf } from './support/zip.js';

const site = (title: string) =>
  zipOf({
    'index.html': `<h1>${title}</h1>`,
    'about/index.html': `about ${title}`,
  });

async function leftovers(receiver: TestReceiver): Promise<string[]> {
  const staging = await readdir(path.join(receiver.root, 'staging'));
  const tmp = await readdir(path.join(receiver.root, 'tmp'));
  return [...staging, ...tmp];
}

async function liveText(
  receiver: TestReceiver,
  urlPath = '/',
): Promise<string> {
  return (await fetch(`${receiver.url}${urlPath}`)).text();
}

describe('POST /deploy', () => {
  let receiver: TestReceiver;

  beforeEach(async () => {
    receiver = await startTestReceiver();
  });

  afterEach(async () => {
    await receiver.stop();
  });

  test('deploys a signed archive and serves it', async () => {
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: site('one'),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      files: 2,
      activated: true,
      deploymentId: response.fields.deploymentId,
    });
    expect(await liveText(receiver)).toBe('<h1>one</h1>');
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('records the release and its signed metadata', async () => {
    const archive = site('one');
    const metadata = { repository: 'octo/site', commit: 'abc123' };
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive,
      metadata,
    });
    const recordPath = path.join(
      receiver.root,
      'releases',
      String(response.body.release),
      'release.json',
    );
    const record = JSON.parse(await readFile(recordPath, 'utf8'));
    expect(record).toMatchObject({
      archiveSha256: sha256Hex(archive),
      files: 2,
      metadata,
    });
  });

  test('switches to the second release and drops removed pages', async () => {
    await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: site('one'),
    });
    const second = zipOf({ 'index.html': 'two' });
    expect(
      (
        await sendDeploy(receiver.apiUrl, {
          secrets: [receiver.secret],
          archive: second,
        })
      ).status,
    ).toBe(200);
    expect(await liveText(receiver)).toBe('two');
    expect((await fetch(`${receiver.url}/about/`)).status).toBe(404);
  });

  test('returns the original result to a retry with the same id', async () => {
    const archive = site('one');
    const fields = deployFields(archive);
    const first = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive,
      fields,
    });
    const retry = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive,
      fields: { ...fields, timestampSeconds: fields.timestampSeconds + 1 },
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('x-static-deploy-replayed')).toBe('true');
    expect(await readdir(path.join(receiver.root, 'releases'))).toHaveLength(1);
  });

  test('rejects the same id with another archive with deployment_id_reused', async () => {
    const fields = deployFields(site('one'));
    await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: site('one'),
      fields,
    });
    const other = site('two');
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: other,
      fields: {
        deploymentId: fields.deploymentId,
        contentSha256: sha256Hex(other),
      },
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('deployment_id_reused');
    expect(await liveText(receiver)).toBe('<h1>one</h1>');
  });

  test('rejects a wrong secret with 401 and writes nothing', async () => {
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [randomBytes(32).toString('hex')],
      archive: site('evil'),
    });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('signature_invalid');
    expect(await leftovers(receiver)).toEqual([]);
    expect(await readdir(path.join(receiver.root, 'replay'))).toEqual([]);
  });

  test('rejects a stale timestamp with timestamp_outside_tolerance', async () => {
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: site('one'),
      fields: { timestampSeconds: Math.floor(Date.now() / 1000) - 3600 },
    });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('timestamp_outside_tolerance');
  });

  test('rejects an unsigned request with signature_missing', async () => {
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: site('one'),
      headers: { [HEADER.signature]: undefined },
    });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('signature_missing');
  });

  test('rejects bytes that differ from the signed hash with content_hash_mismatch', async () => {
    const archive = site('one');
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive,
      fields: { contentSha256: sha256Hex(site('other')) },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('content_hash_mismatch');
    expect(await leftovers(receiver)).toEqual([]);
    expect((await fetch(`${receiver.url}/`)).status).toBe(404);
  });

  test('rejects a bad archive and keeps the live site', async () => {
    await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: site('one'),
    });
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: Buffer.from('this is not a zip file'),
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_archive');
    expect(await liveText(receiver)).toBe('<h1>one</h1>');
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('rejects a JSON body with unsupported_media_type', async () => {
    const archive = Buffer.from('{}');
    const headers = signedHeaders([receiver.secret], deployFields(archive));
    const response = await fetch(`${receiver.apiUrl}/deploy`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: archive,
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { code: string }).code).toBe(
      'unsupported_media_type',
    );
  });

  test('rejects a text field named archive with missing_archive', async () => {
    const archive = site('one');
    const form = new FormData();
    form.append('archive', archive.toString('latin1'));
    const headers = signedHeaders([receiver.secret], deployFields(archive));
    const response = await fetch(`${receiver.apiUrl}/deploy`, {
      method: 'POST',
      headers,
      body: form,
    });
    const body = (await response.json()) as { code: string; message: string };
    expect(response.status).toBe(400);
    expect(body.code).toBe('missing_archive');
    expect(body.message).toContain('text field');
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('rejects a declared length over the limit before reading the body', async () => {
    const small = await startTestReceiver({
      STATIC_DEPLOY_MAX_ARCHIVE_BYTES: '1000',
    });
    try {
      const archive = Buffer.alloc(200_000, 1);
      const headers = signedHeaders([small.secret], deployFields(archive));
      const status = await new Promise<number>((resolve, reject) => {
        const client = request(`${small.apiUrl}/deploy`, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(archive.length),
          },
        });
        client.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        client.on('error', reject);
        // Only the headers are sent; the receiver must answer without the body.
        client.flushHeaders();
      });
      expect(status).toBe(413);
      expect(await leftovers(small)).toEqual([]);
    } finally {
      await small.stop();
    }
  });

  test('rejects a streamed archive over the limit with archive_too_large', async () => {
    const small = await startTestReceiver({
      STATIC_DEPLOY_MAX_ARCHIVE_BYTES: '1000',
    });
    try {
      const archive = zipOf({ 'index.html': randomBytes(5000) });
      const response = await sendDeploy(small.apiUrl, {
        secrets: [small.secret],
        archive,
      });
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('archive_too_large');
      expect(await leftovers(small)).toEqual([]);
    } finally {
      await small.stop();
    }
  });

  test('rejects a concurrent deploy with deploy_in_progress and Retry-After', async () => {
    const big = zipOf({
      'index.html': 'big',
      'blob.bin': randomBytes(30 * 1024 * 1024),
    });
    const results = await Promise.all([
      sendDeploy(receiver.apiUrl, { secrets: [receiver.secret], archive: big }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        sendDeploy(receiver.apiUrl, {
          secrets: [receiver.secret],
          archive: site('second'),
        }),
      ),
    ]);
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((result) => result.status === 409)!;
    expect(loser.body.code).toBe('deploy_in_progress');
    expect(loser.headers.get('retry-after')).toBe('5');
  });

  test('logs one line per deploy and never the secret', async () => {
    await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: site('one'),
    });
    await sendDeploy(receiver.apiUrl, {
      secrets: [randomBytes(32).toString('hex')],
      archive: site('x'),
    });
    const deployLines = receiver.logs.filter((line) => line.msg === 'deploy');
    expect(deployLines).toHaveLength(1);
    expect(deployLines[0]).toMatchObject({ outcome: 'deployed', files: 2 });
    expect(
      receiver.logs.some((line) => line.code === 'signature_invalid'),
    ).toBe(true);
    expect(receiver.logText()).not.toContain(receiver.secret);
    expect(receiver.logText()).not.toContain('sha256=');
  });

  test('logs the duration of each step', async () => {
    await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: site('one'),
    });
    const [line] = receiver.logs.filter((entry) => entry.msg === 'deploy');
    const steps = line.stepsMs as Record<string, number>;

    expect(Object.keys(steps)).toEqual([
      'receive',
      'extract',
      'publish',
      'activate',
    ]);
    for (const ms of Object.values(steps)) {
      expect(ms).toBeGreaterThanOrEqual(0);
    }
    const sum = Object.values(steps).reduce((total, ms) => total + ms, 0);
    expect(sum).toBeLessThanOrEqual((line.durationMs as number) + 4);
  });

  test('logs the steps done before a rejection', async () => {
    const corrupt = Buffer.from(site('one'));
    corrupt.fill(0x41, 0, 30);
    await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: corrupt,
    });
    const [line] = receiver.logs.filter((entry) => entry.msg === 'deploy');

    expect(line.outcome).toBe('rejected');
    expect(Object.keys(line.stepsMs as object)).toEqual(['receive']);
  });
});

describe('GET /healthz', () => {
  test('answers without a signature', async () => {
    const receiver = await startTestReceiver();
    try {
      const response = await fetch(`${receiver.apiUrl}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', release: null });
    } finally {
      await receiver.stop();
    }
  });
});

describe('API routes', () => {
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await startTestReceiver();
  });

  afterAll(async () => {
    await receiver.stop();
  });

  test('unknown endpoint returns not_found as JSON', async () => {
    const response = await fetch(`${receiver.apiUrl}/nothing`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe(
      'not_found',
    );
  });

  test('GET /deploy returns method_not_allowed', async () => {
    const response = await fetch(`${receiver.apiUrl}/deploy`);
    expect(response.status).toBe(405);
    expect(((await response.json()) as { code: string }).code).toBe(
      'method_not_allowed',
    );
  });
});
