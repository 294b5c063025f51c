import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';

import { ARCHIVE_FIELD, signedHeaders } from '../protocol/index.js';
import { deployFields, sendDeploy } from './support/deploy-request.js';
import { startTestReceiver, type TestReceiver } from './support/receiver.js';
import { zipOf } from './support/zip.js';

const MIB = 1024 * 1024;

async function leftovers(receiver: TestReceiver): Promise<string[]> {
  const staging = await readdir(path.join(receiver.root, 'staging'));
  const tmp = await readdir(path.join(receiver.root, 'tmp'));
  return [...staging, ...tmp];
}

/** Sends a signed deploy whose multipart body is built by `fill`. */
async function sendForm(
  receiver: TestReceiver,
  archive: Buffer,
  fill: (form: FormData) => void,
) {
  const form = new FormData();
  fill(form);
  const headers = signedHeaders([receiver.secret], deployFields(archive));
  const response = await fetch(`${receiver.apiUrl}/deploy`, {
    method: 'POST',
    headers,
    body: form,
  });
  return {
    status: response.status,
    body: (await response.json()) as { code: string; message: string },
  };
}

interface StreamedUpload {
  status?: number;
  bodyBytesSent: number;
  error?: string;
}

/**
 * Announces `declaredBytes` of body and writes it slowly in 64 KiB chunks
 * until the receiver answers or closes the connection, so the test sees
 * how much the receiver let in.
 */
function streamUpload(
  url: string,
  headers: Record<string, string>,
  declaredBytes: number,
  options: { chunkDelayMs: number; chunkBytes?: number },
): Promise<StreamedUpload> {
  return new Promise((resolve) => {
    const result: StreamedUpload = { bodyBytesSent: 0 };
    const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, 0x61);
    const client = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(declaredBytes) },
    });
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      resolve(result);
    };
    const writeNext = () => {
      if (
        result.status !== undefined ||
        client.destroyed ||
        result.bodyBytesSent >= declaredBytes
      ) {
        return;
      }
      result.bodyBytesSent += chunk.length;
      client.write(chunk);
      timer = setTimeout(writeNext, options.chunkDelayMs);
    };
    client.on('response', (response) => {
      result.status = response.statusCode;
      response.resume();
      response.on('end', () => {
        client.destroy();
        finish();
      });
    });
    client.on('error', (error) => {
      result.error = (error as NodeJS.ErrnoException).code ?? error.message;
      finish();
    });
    client.on('close', finish);
    client.flushHeaders();
    writeNext();
  });
}

describe('receiver under hostile requests', () => {
  let receiver: TestReceiver;

  beforeEach(async () => {
    receiver = await startTestReceiver({
      STATIC_DEPLOY_UPLOAD_IDLE_TIMEOUT_SECONDS: '1',
    });
  });

  afterEach(async () => {
    await receiver.stop();
  });

  test('flood of unsigned 100 MB uploads writes nothing to disk', async () => {
    let sawTempFile = false;
    const watcher = setInterval(() => {
      void leftovers(receiver).then((names) => {
        sawTempFile ||= names.length > 0;
      });
    }, 5);
    const headers = { 'content-type': 'multipart/form-data; boundary=x' };
    const uploads = await Promise.all(
      Array.from({ length: 20 }, () =>
        streamUpload(`${receiver.apiUrl}/deploy`, headers, 100 * MIB, {
          chunkDelayMs: 1,
        }),
      ),
    );
    clearInterval(watcher);

    for (const upload of uploads) {
      expect(upload.status).toBe(401);
      expect(upload.bodyBytesSent).toBeLessThan(100 * MIB);
    }
    expect(sawTempFile).toBe(false);
    expect(await leftovers(receiver)).toEqual([]);
    expect((await fetch(`${receiver.apiUrl}/healthz`)).status).toBe(200);
  });

  test('two archive parts are rejected with invalid_multipart', async () => {
    const archive = zipOf({ 'index.html': 'x' });
    const response = await sendForm(receiver, archive, (form) => {
      form.append(ARCHIVE_FIELD, new Blob([archive]), 'a.zip');
      form.append(ARCHIVE_FIELD, new Blob([archive]), 'b.zip');
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_multipart');
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('a file part with another name is rejected with invalid_multipart', async () => {
    const archive = zipOf({ 'index.html': 'x' });
    const response = await sendForm(receiver, archive, (form) => {
      form.append('site', new Blob([archive]), 'site.zip');
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_multipart');
  });

  test('a body without an archive part is rejected with missing_archive', async () => {
    const archive = zipOf({ 'index.html': 'x' });
    const response = await sendForm(receiver, archive, (form) =>
      form.append('note', 'hello'),
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('missing_archive');
  });

  test('an empty archive part is rejected with missing_archive', async () => {
    const response = await sendForm(receiver, Buffer.alloc(0), (form) => {
      form.append(ARCHIVE_FIELD, new Blob([]), 'site.zip');
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('missing_archive');
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('extra text fields are ignored', async () => {
    const archive = zipOf({ 'index.html': 'fields' });
    const response = await sendForm(receiver, archive, (form) => {
      form.append('comment', 'deployed by hand');
      form.append(ARCHIVE_FIELD, new Blob([archive]), 'site.zip');
    });
    expect(response.status).toBe(200);
  });

  test('1001 text fields are rejected with invalid_multipart', async () => {
    const archive = zipOf({ 'index.html': 'x' });
    const response = await sendForm(receiver, archive, (form) => {
      for (let index = 0; index < 1001; index += 1) {
        form.append(`field${index}`, 'x');
      }
      form.append(ARCHIVE_FIELD, new Blob([archive]), 'site.zip');
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_multipart');
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('a hostile client filename is never used as a path', async () => {
    const archive = zipOf({ 'index.html': 'named' });
    const response = await sendForm(receiver, archive, (form) => {
      form.append(
        ARCHIVE_FIELD,
        new Blob([archive]),
        '../../<script>alert(1)</script>.zip',
      );
    });
    expect(response.status).toBe(200);
    const outside = await readdir(path.dirname(receiver.root));
    expect(outside.some((name) => name.includes('script'))).toBe(false);
    expect((await readdir(receiver.root)).sort()).toEqual([
      'current',
      'receiver.lock',
      'releases',
      'replay',
      'staging',
      'tmp',
      'trash',
    ]);
  });

  test('a client that disconnects mid-upload leaves no temp file', async () => {
    const archive = randomBytes(4 * MIB);
    const headers = signedHeaders([receiver.secret], deployFields(archive));
    const boundary = 'disconnect-boundary';
    await new Promise<void>((resolve) => {
      const client = request(`${receiver.apiUrl}/deploy`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(archive.length + 1000),
        },
      });
      client.on('error', () => resolve());
      client.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="archive"; filename="s.zip"\r\n` +
          'Content-Type: application/zip\r\n\r\n',
      );
      client.write(archive.subarray(0, MIB), () => {
        setTimeout(() => {
          client.destroy();
          resolve();
        }, 200);
      });
    });
    await waitFor(async () => (await leftovers(receiver)).length === 0);
    expect(await leftovers(receiver)).toEqual([]);

    const next = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: zipOf({ 'index.html': 'after' }),
    });
    expect(next.status).toBe(200);
  });

  test('a client that trickles bytes is cut off', async () => {
    const archive = randomBytes(MIB);
    const headers = {
      ...signedHeaders([receiver.secret], deployFields(archive)),
      'content-type': 'multipart/form-data; boundary=trickle',
    };
    const startedAt = Date.now();
    const upload = await streamUpload(
      `${receiver.apiUrl}/deploy`,
      headers,
      MIB,
      {
        chunkDelayMs: 100,
        chunkBytes: 1,
      },
    );
    expect(upload.status).toBeUndefined();
    expect(upload.error).toBeDefined();
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    await waitFor(async () => (await leftovers(receiver)).length === 0);
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('a client that stalls mid-upload is cut off by the idle timeout', async () => {
    const archive = randomBytes(MIB);
    const headers = {
      ...signedHeaders([receiver.secret], deployFields(archive)),
      'content-type': 'multipart/form-data; boundary=stall',
    };
    const startedAt = Date.now();
    const upload = await streamUpload(
      `${receiver.apiUrl}/deploy`,
      headers,
      MIB,
      {
        chunkDelayMs: 3000,
        chunkBytes: 1,
      },
    );
    expect(upload.status).toBeUndefined();
    expect(upload.error).toBeDefined();
    expect(Date.now() - startedAt).toBeLessThan(10_000);

    await waitFor(async () => (await leftovers(receiver)).length === 0);
    const next = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive: zipOf({ 'index.html': 'after stall' }),
    });
    expect(next.status).toBe(200);
  });
});

async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Posts a hand-written body and returns the status and parsed JSON body. */
function postRaw(
  url: string,
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<{ status: number; body: { code?: string; message?: string } }> {
  return new Promise((resolve, reject) => {
    const client = request(url, { method: 'POST', headers });
    client.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({
          status: response.statusCode ?? 0,
          body: text === '' ? {} : JSON.parse(text),
        });
      });
    });
    client.on('error', reject);
    client.end(body);
  });
}

/** Builds a multipart body from raw part headers and contents. */
function multipartBody(
  boundary: string,
  parts: Array<{ headers: string[]; content: Buffer | string }>,
): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(
      Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`),
    );
    pieces.push(Buffer.from(part.content));
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

describe('receiver under hostile multipart bodies', () => {
  let receiver: TestReceiver;
  const boundary = 'hostile-boundary';
  const archive = zipOf({ 'index.html': 'multipart' });
  const archivePart = {
    headers: [
      'Content-Disposition: form-data; name="archive"; filename="site.zip"',
      'Content-Type: application/zip',
    ],
    content: archive,
  };

  beforeEach(async () => {
    receiver = await startTestReceiver();
  });

  afterEach(async () => {
    await receiver.stop();
  });

  const signed = (extra: Record<string, string> = {}) => ({
    ...signedHeaders([receiver.secret], deployFields(archive)),
    'content-type': `multipart/form-data; boundary=${boundary}`,
    ...extra,
  });

  test.each(['7bit', '8bit'])(
    'a text field with %s transfer encoding is read as text',
    async (encoding) => {
      const body = multipartBody(boundary, [
        {
          headers: [
            'Content-Disposition: form-data; name="note"',
            `Content-Transfer-Encoding: ${encoding}`,
          ],
          content: 'hello',
        },
        archivePart,
      ]);
      const response = await postRaw(
        `${receiver.apiUrl}/deploy`,
        signed(),
        body,
      );
      expect(response.status).toBe(200);
      expect((await fetch(`${receiver.apiUrl}/healthz`)).status).toBe(200);
    },
  );

  test('an unknown transfer encoding is rejected with invalid_multipart', async () => {
    const body = multipartBody(boundary, [
      {
        ...archivePart,
        headers: [...archivePart.headers, 'Content-Transfer-Encoding: gzip'],
      },
    ]);
    const response = await postRaw(`${receiver.apiUrl}/deploy`, signed(), body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_multipart');
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('an endless part header is rejected with invalid_multipart', async () => {
    const header = `Content-Disposition: form-data; name="archive"; x="${'a'.repeat(3 * MIB)}"`;
    const body = multipartBody(boundary, [
      { headers: [header], content: archive },
    ]);
    const response = await postRaw(
      `${receiver.apiUrl}/deploy`,
      signed({ 'transfer-encoding': 'chunked' }),
      body,
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_multipart');
    expect(await leftovers(receiver)).toEqual([]);
  });

  test('a file part without Content-Type names the missing header', async () => {
    const body = multipartBody(boundary, [
      { headers: [archivePart.headers[0]], content: archive },
    ]);
    const response = await postRaw(`${receiver.apiUrl}/deploy`, signed(), body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('missing_archive');
    expect(response.body.message).toContain('Content-Type');
  });

  test('a bad body does not use up the deployment id', async () => {
    const headers = signed();
    const empty = multipartBody(boundary, [
      { headers: ['Content-Disposition: form-data; name="x"'], content: 'x' },
    ]);
    const rejected = await postRaw(`${receiver.apiUrl}/deploy`, headers, empty);
    expect(rejected.status).toBe(400);
    expect(rejected.body.code).toBe('missing_archive');

    const real = await postRaw(
      `${receiver.apiUrl}/deploy`,
      headers,
      multipartBody(boundary, [archivePart]),
    );
    expect(real.status).toBe(200);
    expect(await (await fetch(`${receiver.url}/`)).text()).toBe('multipart');
  });
});
