/**
 * Minimal deploy receiver for the zip-and-curl baseline, which accepts what
 * the curl and openssl recipe of docs/protocol.md sends. It checks the
 * HMAC-SHA256 signature over the canonical string (without metadata). It
 * streams the multipart file part to a temp file while hashing it and
 * compares that hash with the signed one. Then it runs Info-ZIP `unzip -q`
 * into a fresh release folder and renames a new symlink over `current`. It
 * omits everything else the product does: replay records, archive entry
 * checks and limits.
 *
 * Usage: BASELINE_RECEIVER_ROOT=DIR STATIC_DEPLOY_SECRET=... [HOST=127.0.0.1]
 *          [PORT=0] node --import tsx bench/baseline-receiver.ts
 *
 * It logs JSON lines to stdout like the product: `receiver started` with
 * `url`, then one `deploy` line per request with the time of each step.
 */
import { spawn } from 'node:child_process';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { multipartBoundary, SingleFilePart } from './multipart-file.js';

const TOLERANCE_SECONDS = 300;
const UNZIP_TIMEOUT_MS = 30 * 60 * 1000;

/** A rejection with the HTTP status to send. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Settings {
  root: string;
  secret: string;
}

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: Date.now(), ...fields })}\n`);
}

/** Returns the header value, or throws 400 when it is missing or repeated. */
function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  if (typeof value !== 'string') {
    throw new HttpError(400, `missing or repeated header ${name}`);
  }
  return value;
}

/**
 * Checks the signed headers as the recipe builds them and returns the
 * signed content SHA-256.
 */
function checkSignature(request: IncomingMessage, secret: string): string {
  const target = header(request, 'x-static-deploy-target');
  const id = header(request, 'x-static-deploy-id');
  const timestamp = header(request, 'x-static-deploy-timestamp');
  const sha256 = header(request, 'x-static-deploy-content-sha256');
  const signature = header(request, 'x-static-deploy-signature');

  const valid =
    header(request, 'x-static-deploy-version') === '1' &&
    header(request, 'x-static-deploy-operation') === 'deploy' &&
    /^[0-9a-f]{32}$/.test(id) &&
    /^[1-9][0-9]*$/.test(timestamp) &&
    /^[0-9a-f]{64}$/.test(sha256) &&
    /^sha256=[0-9a-f]{64}$/.test(signature);
  if (!valid) {
    throw new HttpError(400, 'invalid signed headers');
  }

  const canonical = [
    'static-deploy/1',
    'deploy',
    target,
    id,
    timestamp,
    sha256,
    '',
  ].join('\n');
  const expected = createHmac('sha256', secret).update(canonical).digest();
  const actual = Buffer.from(signature.slice('sha256='.length), 'hex');
  if (!timingSafeEqual(expected, actual)) {
    throw new HttpError(401, 'signature_invalid');
  }

  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    throw new HttpError(401, 'timestamp_outside_tolerance');
  }
  return sha256;
}

/** Streams the file part into `file` and returns the SHA-256 of its bytes. */
async function receiveFile(
  request: IncomingMessage,
  file: string,
): Promise<string> {
  const boundary = multipartBoundary(request.headers['content-type'] ?? '');
  if (boundary === undefined) {
    throw new HttpError(415, 'the body must be multipart/form-data');
  }
  const hash = createHash('sha256');
  const hashTap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      request,
      new SingleFilePart(boundary),
      hashTap,
      createWriteStream(file, { flags: 'wx' }),
    );
  } catch (error) {
    throw new HttpError(400, `upload failed: ${(error as Error).message}`);
  }
  return hash.digest('hex');
}

function unzip(archive: string, folder: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('unzip', ['-q', archive, '-d', folder], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: UNZIP_TIMEOUT_MS,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`unzip exited with ${code}: ${stderr}`)),
    );
  });
}

let releaseCounter = 0;
let busy = false;

async function deploy(
  request: IncomingMessage,
  settings: Settings,
): Promise<Record<string, unknown>> {
  const startedMs = performance.now();
  const signedSha256 = checkSignature(request, settings.secret);
  const uploadDir = await mkdtemp(path.join(settings.root, 'tmp', 'upload-'));
  try {
    const archive = path.join(uploadDir, 'site.zip');
    const receivedSha256 = await receiveFile(request, archive);
    if (receivedSha256 !== signedSha256) {
      throw new HttpError(400, 'content_hash_mismatch');
    }
    const uploadedMs = performance.now();

    releaseCounter += 1;
    const release = `${process.pid}-${releaseCounter}`;
    const releaseDir = path.join(settings.root, 'releases', release);
    await unzip(archive, releaseDir);
    const extractedMs = performance.now();

    const next = path.join(settings.root, `.current-${release}`);
    await symlink(path.join('releases', release), next);
    await rename(next, path.join(settings.root, 'current'));
    const activatedMs = performance.now();
    return {
      release,
      uploadMs: Math.round(uploadedMs - startedMs),
      extractMs: Math.round(extractedMs - uploadedMs),
      activateMs: Math.round(activatedMs - extractedMs),
      durationMs: Math.round(activatedMs - startedMs),
    };
  } finally {
    await rm(uploadDir, { recursive: true, force: true });
  }
}

function handle(
  request: IncomingMessage,
  response: ServerResponse,
  settings: Settings,
): void {
  const send = (status: number, body: Record<string, unknown>) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(`${JSON.stringify(body)}\n`);
  };
  if (request.method !== 'POST' || request.url !== '/_static-deploy/deploy') {
    send(404, { code: 'not_found' });
    request.resume();
    return;
  }
  if (busy) {
    send(409, { code: 'deploy_in_progress' });
    request.resume();
    return;
  }
  busy = true;
  deploy(request, settings).then(
    (result) => {
      busy = false;
      log({ msg: 'deploy', outcome: 'deployed', ...result });
      send(200, result);
    },
    (error: unknown) => {
      busy = false;
      const status = error instanceof HttpError ? error.status : 500;
      log({ msg: 'deploy', outcome: 'rejected', status, error: String(error) });
      send(status, { code: 'rejected', message: String(error) });
      request.resume();
    },
  );
}

async function main(): Promise<void> {
  const root = process.env.BASELINE_RECEIVER_ROOT;
  const secret = process.env.STATIC_DEPLOY_SECRET;
  if (root === undefined || secret === undefined || secret.length < 32) {
    process.stderr.write(
      'set BASELINE_RECEIVER_ROOT to the data folder and STATIC_DEPLOY_SECRET ' +
        'to a secret of at least 32 bytes\n',
    );
    process.exit(2);
  }
  await mkdir(path.join(root, 'tmp'), { recursive: true });
  await mkdir(path.join(root, 'releases'), { recursive: true });
  const settings = { root, secret };
  const server = createServer((request, response) =>
    handle(request, response, settings),
  );
  const host = process.env.HOST ?? '127.0.0.1';
  await new Promise<void>((resolve) =>
    server.listen(Number(process.env.PORT ?? 0), host, resolve),
  );
  const { port } = server.address() as AddressInfo;
  log({ msg: 'receiver started', url: `http://${host}:${port}`, root });
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

await main();
