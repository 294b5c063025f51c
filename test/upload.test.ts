import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import {
  decodeMetadata,
  encodeMetadata,
  HEADER,
  type DeployResult,
} from '../protocol/index.js';
import { DeployFailedError } from '../action-src/deploy-error.js';
import { parseRetryAfter, retryDelayMs } from '../action-src/retry.js';
import { uploadArchive, type UploadOptions } from '../action-src/upload.js';
import {
  signatureVerifies as requestSignatureVerifies,
  startStubReceiver,
  type RecordedRequest,
  type Reply,
  type StubReceiver,
} from './support/stub-receiver.js';

/** Splits a multipart/form-data body into its parts, independently of the sender. */
function multipartParts(
  contentType: string | undefined,
  body: Buffer,
): Array<{ headers: string; content: Buffer }> {
  const boundary = /boundary=([^;]+)/.exec(contentType ?? '')?.[1];
  if (boundary === undefined) {
    throw new Error(`no boundary in ${contentType}`);
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ headers: string; content: Buffer }> = [];
  let start = body.indexOf(delimiter) + delimiter.length;
  for (;;) {
    if (body.subarray(start, start + 2).toString() === '--') {
      return parts;
    }
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), start);
    const part = body.subarray(start + 2, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    parts.push({
      headers: part.subarray(0, headerEnd).toString(),
      content: part.subarray(headerEnd + 4),
    });
    start = next + 2 + delimiter.length;
  }
}

function signatureVerifies(request: RecordedRequest, secrets: string[]) {
  return requestSignatureVerifies(request, 'deploy', secrets, {
    withBody: true,
  });
}

let workDir: string;
let stub: StubReceiver | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'upload-test-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const deploymentId = randomBytes(16).toString('hex');

async function archiveFile(bytes = 200_000) {
  const data = randomBytes(bytes);
  const archivePath = path.join(
    workDir,
    `${randomBytes(4).toString('hex')}.zip`,
  );
  await writeFile(archivePath, data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { data, archivePath, sha256 };
}

function resultFor(sha256: string, bytes: number): DeployResult {
  return {
    deploymentId,
    release: '20240101T000000Z-abc',
    files: 3,
    bytes: 1234,
    archiveBytes: bytes,
    archiveSha256: sha256,
    activated: true,
    durationMs: 12,
  };
}

interface Harness {
  options: UploadOptions;
  delays: number[];
  warnings: string[];
  data: Buffer;
  secrets: string[];
}

/** Builds upload options against the stub with a fake clock and sleep. */
async function harness(
  replies: (result: DeployResult) => Reply[],
  overrides: Partial<UploadOptions> = {},
): Promise<Harness> {
  const { data, archivePath, sha256 } = await archiveFile();
  stub = await startStubReceiver(replies(resultFor(sha256, data.length)), {
    recordOn: 'headers',
  });
  const secrets = [randomBytes(32).toString('hex')];
  const delays: number[] = [];
  const warnings: string[] = [];
  let now = 1_700_000_000;
  const options: UploadOptions = {
    url: stub.apiUrl,
    secrets,
    site: 'docs',
    deploymentId,
    archivePath,
    archiveBytes: data.length,
    archiveSha256: sha256,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    clock: () => now++,
    log: { info: () => {}, warning: (message) => warnings.push(message) },
    ...overrides,
  };
  return { options, delays, warnings, data, secrets };
}

function stubRequests(): RecordedRequest[] {
  if (stub === undefined) {
    throw new Error('the stub is not running');
  }
  return stub.requests;
}

async function failure(promise: Promise<unknown>): Promise<DeployFailedError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DeployFailedError);
  return error as DeployFailedError;
}

describe('uploadArchive', () => {
  test('sends the archive as one multipart part', async () => {
    const metadata = encodeMetadata({ commit: 'a'.repeat(40), message: 'hi' });
    const { options, data, secrets } = await harness(
      (result) => [{ json: result }],
      { metadata },
    );

    const result = await uploadArchive(options);

    expect(result.release).toBe('20240101T000000Z-abc');
    const [request] = stubRequests();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/_static-deploy/deploy');
    expect(request.headers['content-type']).toMatch(
      /^multipart\/form-data; boundary=/,
    );
    expect(Number(request.headers['content-length'])).toBe(request.body.length);

    const parts = multipartParts(request.headers['content-type'], request.body);
    expect(parts).toHaveLength(1);
    expect(parts[0].headers).toContain(
      'Content-Disposition: form-data; name="archive"; filename="site.zip"',
    );
    expect(parts[0].headers).toContain('Content-Type: application/zip');
    expect(parts[0].content.equals(data)).toBe(true);

    const contentSha256 = createHash('sha256').update(data).digest('hex');
    expect(request.headers[HEADER.contentSha256]).toBe(contentSha256);
    expect(request.headers[HEADER.target]).toBe('docs');
    expect(request.headers[HEADER.id]).toBe(deploymentId);
    expect(request.headers[HEADER.operation]).toBe('deploy');
    expect(decodeMetadata(request.headers[HEADER.metadata] as string)).toEqual({
      commit: 'a'.repeat(40),
      message: 'hi',
    });
    expect(signatureVerifies(request, secrets)).toBe(true);
    expect(signatureVerifies(request, [randomBytes(32).toString('hex')])).toBe(
      false,
    );
  });

  test('trailing slash in the url is ignored', async () => {
    const { options } = await harness((result) => [{ json: result }]);

    await uploadArchive({ ...options, url: `${options.url}/` });

    expect(stubRequests()[0].url).toBe('/_static-deploy/deploy');
  });

  test('retries 503 with Retry-After and re-signs', async () => {
    const { options, delays, warnings, secrets } = await harness((result) => [
      {
        status: 503,
        json: { code: 'internal_error', message: 'restarting' },
        headers: { 'retry-after': '7' },
      },
      { json: result },
    ]);

    const result = await uploadArchive(options);

    expect(result.deploymentId).toBe(deploymentId);
    const [first, second] = stubRequests();
    expect(stubRequests()).toHaveLength(2);
    expect(delays).toEqual([7000]);
    expect(second.headers[HEADER.id]).toBe(first.headers[HEADER.id]);
    expect(second.headers[HEADER.timestamp]).not.toBe(
      first.headers[HEADER.timestamp],
    );
    expect(second.headers[HEADER.signature]).not.toBe(
      first.headers[HEADER.signature],
    );
    expect(signatureVerifies(first, secrets)).toBe(true);
    expect(signatureVerifies(second, secrets)).toBe(true);
    expect(second.body.equals(first.body)).toBe(true);
    expect(warnings).toEqual([
      'attempt 1 of 4 failed: receiver rejected the deploy (503 internal_error): restarting; retrying in 7.0 s',
    ]);
  });

  test.each([
    [400, 'content_hash_mismatch', 'the archive does not match its hash'],
    [401, 'signature_invalid', 'no secret matches the signature'],
    [413, 'archive_too_large', 'the archive is larger than 100 MiB'],
    [409, 'deployment_id_reused', 'the id was used for another archive'],
  ])('does not retry %i %s', async (status, code, message) => {
    const { options, delays } = await harness(() => [
      { status, json: { code, message } },
    ]);

    const error = await failure(uploadArchive(options));

    expect(stubRequests()).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.receiverMessage).toBe(message);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      `receiver rejected the deploy (${status} ${code}): ${message}`,
    );
  });

  test('413 before the body is read is final', async () => {
    const { options } = await harness(() => [
      {
        status: 413,
        json: { code: 'archive_too_large', message: 'too large' },
        early: true,
      },
    ]);

    const error = await failure(
      uploadArchive({ ...options, archiveBytes: options.archiveBytes }),
    );

    expect(stubRequests()).toHaveLength(1);
    expect(error.status).toBe(413);
    expect(error.code).toBe('archive_too_large');
  });

  test('a rejection before 100 Continue costs no body bytes', async () => {
    const { options } = await harness(() => [{ status: 200 }]);
    let bodyBytes = 0;
    const server = http.createServer();
    server.on('checkContinue', (request, response) => {
      request.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ code: 'signature_invalid', message: 'no' }),
      );
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    const { port } = server.address() as AddressInfo;
    try {
      const error = await failure(
        uploadArchive({ ...options, url: `http://127.0.0.1:${port}/api` }),
      );
      expect(error.status).toBe(401);
      expect(bodyBytes).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('retries 409 deploy_in_progress', async () => {
    const { options, delays } = await harness((result) => [
      {
        status: 409,
        json: { code: 'deploy_in_progress', message: 'another deploy runs' },
        headers: { 'retry-after': '2' },
      },
      { json: result },
    ]);

    await uploadArchive(options);

    expect(stubRequests()).toHaveLength(2);
    expect(delays).toEqual([2000]);
  });

  test('retries 429 with jittered backoff without Retry-After', async () => {
    const { options, delays } = await harness((result) => [
      { status: 429, json: { code: 'internal_error', message: 'slow down' } },
      { status: 429, json: { code: 'internal_error', message: 'slow down' } },
      { json: result },
    ]);

    await uploadArchive(options);

    expect(stubRequests()).toHaveLength(3);
    expect(delays).toEqual([500, 1000]);
  });

  test('gives up after the configured retries', async () => {
    const { options, delays } = await harness(() => [
      { status: 500, json: { code: 'internal_error', message: 'boom' } },
    ]);

    const error = await failure(uploadArchive({ ...options, retries: 2 }));

    expect(stubRequests()).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(error.status).toBe(500);
    expect(error.message).toBe(
      'receiver rejected the deploy (500 internal_error): boom (gave up after 3 attempts)',
    );
  });

  test('retries 0 makes one attempt', async () => {
    const { options } = await harness(() => [
      { status: 503, json: { code: 'internal_error', message: 'down' } },
    ]);

    await failure(uploadArchive({ ...options, retries: 0 }));

    expect(stubRequests()).toHaveLength(1);
  });

  test('timeout aborts the attempt and retries', async () => {
    const { options, warnings } = await harness((result) => [
      { hang: true },
      { json: result },
    ]);

    const result = await uploadArchive({ ...options, timeoutSeconds: 0.3 });

    expect(result.deploymentId).toBe(deploymentId);
    expect(stubRequests()).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^attempt 1 of 4 failed: request to http:\/\/127\.0\.0\.1:\d+\/_static-deploy\/deploy timed out after 0\.3 s;/,
    );
  });

  test('timeout on every attempt fails with code timeout', async () => {
    const { options } = await harness(() => [{ hang: true }]);

    const error = await failure(
      uploadArchive({ ...options, timeoutSeconds: 0.2, retries: 1 }),
    );

    expect(stubRequests()).toHaveLength(2);
    expect(error.code).toBe('timeout');
    expect(error.status).toBeUndefined();
  });

  test('connection refused is retried then fails', async () => {
    const { options, delays } = await harness(() => [{}]);
    const closedUrl = stub?.apiUrl as string;
    await stub?.close();
    stub = undefined;

    const error = await failure(
      uploadArchive({ ...options, url: closedUrl, retries: 2 }),
    );

    expect(delays).toHaveLength(2);
    expect(error.code).toBe('network_error');
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(
      /^could not send the deploy to http:\/\/127\.0\.0\.1:\d+\/_static-deploy\/deploy: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(gave up after 3 attempts\)$/,
    );
  });

  test('non-JSON error body gets a clear message', async () => {
    const { options } = await harness(() => [
      { status: 502, text: '<html>\n<h1>Bad Gateway</h1>\n</html>' },
    ]);

    const error = await failure(uploadArchive({ ...options, retries: 1 }));

    expect(stubRequests()).toHaveLength(2);
    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe(
      'receiver returned HTTP 502 without a JSON error body: <html> <h1>Bad Gateway</h1> </html> (gave up after 2 attempts)',
    );
  });

  test('empty 404 body is final', async () => {
    const { options } = await harness(() => [{ status: 404 }]);

    const error = await failure(uploadArchive(options));

    expect(stubRequests()).toHaveLength(1);
    expect(error.message).toContain(
      "the url is not the deploy API: the receiver's static site returned HTTP 404;",
    );
    expect(error.message).toContain('check that the url is the API prefix');
  });

  test('receiver text cannot start a new log line', async () => {
    const { options } = await harness(() => [
      {
        status: 400,
        json: { code: 'invalid_header', message: 'bad\n::add-mask::x\r\nend' },
      },
    ]);

    const error = await failure(uploadArchive(options));

    expect(error.message).toBe(
      'receiver rejected the deploy (400 invalid_header): bad ::add-mask::x end',
    );
  });

  test('redirect is not followed', async () => {
    const { options } = await harness(() => [
      { status: 301, headers: { location: 'https://example.com/new' } },
    ]);

    const error = await failure(uploadArchive(options));

    expect(stubRequests()).toHaveLength(1);
    expect(error.code).toBe('redirect');
    expect(error.message).toContain('https://example.com/new');
  });

  test('result for another deployment is rejected', async () => {
    const { options } = await harness((result) => [
      { json: { ...result, deploymentId: 'f'.repeat(32) } },
    ]);

    const error = await failure(uploadArchive(options));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe(
      `receiver returned HTTP 200 but for deployment ${'f'.repeat(32)}, not ${deploymentId}`,
    );
  });

  test('invalid url is rejected before sending', async () => {
    const { options } = await harness((result) => [{ json: result }]);

    await expect(
      uploadArchive({ ...options, url: 'ftp://127.0.0.1/x' }),
    ).rejects.toThrow(
      'invalid url "ftp://127.0.0.1/x": the scheme must be http or https',
    );
    expect(stubRequests()).toHaveLength(0);
  });
});

describe('retryDelayMs', () => {
  test('grows exponentially up to 30 s', () => {
    const nearOne = () => 0.999999;

    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) =>
      retryDelayMs(attempt, undefined, nearOne),
    );

    expect(delays).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999]);
  });

  test('full jitter can be zero', () => {
    expect(retryDelayMs(3, undefined, () => 0)).toBe(0);
  });

  test('Retry-After wins and is capped at 60 s', () => {
    expect(retryDelayMs(1, 5, () => 0)).toBe(5000);
    expect(retryDelayMs(1, 3600, () => 0)).toBe(60_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-01-01T00:00:00Z');

  test.each([
    ['120', 120],
    [' 3 ', 3],
    ['Mon, 01 Jan 2024 00:00:30 GMT', 30],
    ['Sun, 31 Dec 2023 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
    [undefined, undefined],
  ])('parses %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
