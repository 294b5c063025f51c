import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  access,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import {
  decodeMetadata,
  HEADER,
  type DeployResult,
  type ErrorBody,
} from '../protocol/index.js';

const projectRoot = path.resolve(import.meta.dirname, '..');
const bundle = path.join(projectRoot, 'dist', 'index.js');

interface Stub {
  apiUrl: string;
  requests: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * Starts a receiver stand-in on 127.0.0.1 that records each request's
 * headers and responds with `reply`, or by default with a deploy result
 * that echoes the request's deployment id and content hash.
 */
async function startStub(reply?: {
  status: number;
  body: ErrorBody;
}): Promise<Stub> {
  const requests: IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests.push(request.headers);
      const result: DeployResult = {
        deploymentId: request.headers[HEADER.id] as string,
        release: 'release-42',
        files: 2,
        bytes: 30,
        archiveBytes: 300,
        archiveSha256: request.headers[HEADER.contentSha256] as string,
        activated: true,
        durationMs: 4,
      };
      response.writeHead(reply?.status ?? 200, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify(reply?.body ?? result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/_static-deploy`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the bundled action as the runner does: each input in an
 * `INPUT_<NAME>` variable (upper-cased, dashes kept) and the output and
 * summary files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */
async function runAction(inputs: Record<string, string>): Promise<ActionRun> {
  const runDir = await mkdtemp(path.join(workDir, 'run-'));
  const outputFile = path.join(runDir, 'output');
  const summaryFile = path.join(runDir, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo/site',
    GITHUB_SHA: 'b'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.invalid',
    GITHUB_RUN_ID: '1234',
    GITHUB_ACTOR: 'octocat',
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }

  const child = spawn(process.execPath, [bundle], { env, cwd: runDir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve),
  );
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
  };
}

/** Parses GITHUB_OUTPUT's `name<<DELIMITER`, value lines, `DELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(block)) {
    outputs[match[1]] = match[3];
  }
  return outputs;
}

/** Lines of stdout other than the `::add-mask::` commands that register secrets. */
function linesWithoutMasks(stdout: string): string[] {
  return stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
}

let workDir: string;
let site: string;
let stub: Stub | undefined;
const secret = randomBytes(32).toString('hex');

beforeAll(async () => {
  await access(bundle).catch(() => {
    throw new Error(`${bundle} is missing: run npm run bundle first`);
  });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'action-test-'));
  site = path.join(workDir, 'site');
  await mkdir(path.join(site, '.well-known'), { recursive: true });
  await writeFile(path.join(site, 'index.html'), '<h1>home</h1>');
  await writeFile(path.join(site, '.well-known', 'security.txt'), 'Contact: x');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('bundled action', () => {
  test('deploys and sets every output', async () => {
    stub = await startStub();

    const run = await runAction({
      url: stub.apiUrl,
      secret,
      path: site,
      site: 'docs',
      'timeout-seconds': '30',
      retries: '0',
      'dry-run': 'false',
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['deployment-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(run.outputs['release']).toBe('release-42');
    expect(run.outputs['files']).toBe('2');
    expect(Number(run.outputs['archive-bytes'])).toBeGreaterThan(0);
    expect(run.outputs['duration-ms']).toMatch(/^\d+$/);
    expect(run.summary).toContain('<table>');
    expect(run.summary).toContain('release-42');
    expect(run.summary).toContain(run.outputs['deployment-id']);

    expect(stub.requests).toHaveLength(1);
    const [headers] = stub.requests;
    expect(headers[HEADER.target]).toBe('docs');
    expect(headers[HEADER.id]).toBe(run.outputs['deployment-id']);
    expect(decodeMetadata(headers[HEADER.metadata] as string)).toEqual({
      repository: 'octo/site',
      commit: 'b'.repeat(40),
      ref: 'refs/heads/main',
      actor: 'octocat',
      runUrl: 'https://github.invalid/octo/site/actions/runs/1234',
    });
  });

  test('registers the secret and never prints it otherwise', async () => {
    stub = await startStub();
    const second = randomBytes(32).toString('hex');

    const run = await runAction({
      url: stub.apiUrl,
      secret: `${secret},${second}`,
      path: site,
    });

    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain(`::add-mask::${secret},${second}`);
    expect(lines).toContain(`::add-mask::${secret}`);
    expect(lines).toContain(`::add-mask::${second}`);
    expect(lines.indexOf(`::add-mask::${secret},${second}`)).toBe(0);
    for (const line of linesWithoutMasks(run.stdout)) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain(second);
    }
    expect(run.stderr).not.toContain(secret);
  });

  test('dry run sends nothing and leaves release empty', async () => {
    stub = await startStub();

    const run = await runAction({
      url: stub.apiUrl,
      secret,
      path: site,
      'dry-run': 'true',
    });

    expect(run.code).toBe(0);
    expect(stub.requests).toHaveLength(0);
    expect(run.outputs['deployment-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(run.outputs['release']).toBe('');
    expect(run.summary).toContain('dry run');
  });

  test('receiver error fails the step', async () => {
    stub = await startStub({
      status: 401,
      body: { code: 'signature_invalid', message: 'no secret matches' },
    });

    const run = await runAction({
      url: stub.apiUrl,
      secret,
      path: site,
      retries: '2',
    });

    expect(run.code).toBe(1);
    expect(stub.requests).toHaveLength(1);
    expect(run.stdout).toContain(
      '::error::receiver rejected the deploy (401 signature_invalid): no secret matches',
    );
    expect(run.outputs).toEqual({});
  });

  test.each([
    [
      'timeout-seconds',
      'abc',
      'timeout-seconds must be a positive integer, got "abc"',
    ],
    [
      'timeout-seconds',
      '0',
      'timeout-seconds must be a positive integer, got "0"',
    ],
    ['retries', '-1', 'retries must be a non-negative integer, got "-1"'],
    [
      'dry-run',
      'yes',
      'Input does not meet YAML 1.2 "Core Schema" specification: dry-run',
    ],
  ])('invalid %s %j fails the step', async (name, value, message) => {
    const run = await runAction({
      url: 'http://127.0.0.1:1/_static-deploy',
      secret,
      path: site,
      [name]: value,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::${message}`);
  });

  test('missing url fails the step', async () => {
    const run = await runAction({ secret, path: site });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::Input required and not supplied: url',
    );
  });

  test('short secret fails without printing it', async () => {
    const run = await runAction({
      url: 'http://127.0.0.1:1/_static-deploy',
      secret: 'too-short-secret',
      path: site,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::secret 1 in the secret input is 16 bytes long',
    );
    for (const line of linesWithoutMasks(run.stdout)) {
      expect(line).not.toContain('too-short-secret');
    }
  });
});
