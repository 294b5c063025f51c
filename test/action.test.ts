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
import type { IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import {
  decodeMetadata,
  HEADER,
  type DeployResult,
  type ErrorBody,
  type ReleaseList,
  type ReleaseSummary,
} from '../protocol/index.js';
import {
  releaseRoutes,
  signatureVerifies,
  startStubReceiver,
} from './support/stub-receiver.js';

const projectRoot = path.resolve(import.meta.dirname, '..');
const bundle = path.join(projectRoot, 'dist', 'index.js');

/** The shared stub receiver, with each recorded request reduced to its headers. */
interface Stub {
  apiUrl: string;
  requests: IncomingHttpHeaders[];
  /** Method and path of each request, such as `GET /_static-deploy/releases`. */
  calls: string[];
  close(): Promise<void>;
}

/**
 * Starts a receiver stand-in on 127.0.0.1 that records each request and
 * responds with `reply`. Without one it routes like a receiver that keeps
 * `releases`: the list for `GET /releases`, an activation result for
 * `POST /releases/<release>/activate`, and otherwise a deploy result that
 * echoes the request's deployment id and content hash.
 */
async function startStub(
  reply?: { status: number; body: ErrorBody },
  releases: ReleaseList = releaseList(['r3', 'r2', 'r1'], 'r3'),
): Promise<Stub> {
  const receiver = await startStubReceiver(
    reply === undefined
      ? releaseRoutes(releases, deployResultFor)
      : [{ status: reply.status, json: reply.body }],
  );
  return {
    apiUrl: receiver.apiUrl,
    get requests() {
      return receiver.requests.map((request) => request.headers);
    },
    get calls() {
      return receiver.requests.map(
        (request) => `${request.method} ${request.url}`,
      );
    },
    close: receiver.close,
  };
}

function deployResultFor(headers: IncomingHttpHeaders): DeployResult {
  return {
    deploymentId: headers[HEADER.id] as string,
    release: 'release-42',
    files: 2,
    bytes: 30,
    archiveBytes: 300,
    archiveSha256: headers[HEADER.contentSha256] as string,
    activated: headers[HEADER.operation] === 'deploy',
    durationMs: 4,
  };
}

/** Builds a newest-first release list of site docs with `live` marked. */
function releaseList(names: string[], live: string | null): ReleaseList {
  const summary = (release: string): ReleaseSummary => ({
    release,
    deploymentId: 'd'.repeat(32),
    createdAt: '2026-12-04T10:15:00.123Z',
    archiveSha256: 'a'.repeat(64),
    archiveBytes: 300,
    files: 2,
    bytes: 30,
    metadata: {},
    live: release === live,
    lastActivatedAt: '2026-12-04T10:15:01.000Z',
  });
  return { site: 'docs', current: live, releases: names.map(summary) };
}

/** Checks the signature of a recorded request without a body. */
function signedWithoutBody(
  headers: IncomingHttpHeaders,
  operation: 'list' | 'activate',
): boolean {
  return signatureVerifies({ headers }, operation, [secret]);
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
  test('activate false stages the release', async () => {
    stub = await startStub();

    const run = await runAction({
      url: stub.apiUrl,
      secret,
      path: site,
      activate: 'false',
    });

    expect(run.code).toBe(0);
    expect(stub.requests[0][HEADER.operation]).toBe('stage');
    expect(run.outputs['release']).toBe('release-42');
    expect(run.summary).toContain('Static deploy (staged)');
    expect(run.summary).toContain('was staged and is not live');
  });

  test('deploy summary says what became live', async () => {
    stub = await startStub();

    const run = await runAction({ url: stub.apiUrl, secret, path: site });

    expect(run.code).toBe(0);
    expect(stub.requests[0][HEADER.operation]).toBe('deploy');
    expect(run.summary).toContain(
      'Release release-42 of site default is live.',
    );
  });

  test('rollback activates the older release', async () => {
    stub = await startStub();

    const run = await runAction({
      command: 'rollback',
      url: stub.apiUrl,
      secret,
      site: 'docs',
      path: '.',
      'dry-run': 'false',
      activate: 'true',
      release: '',
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(stub.calls).toEqual([
      'GET /_static-deploy/releases',
      'POST /_static-deploy/releases/r2/activate',
    ]);
    const [list, activate] = stub.requests;
    expect(list[HEADER.operation]).toBe('list');
    expect(list[HEADER.target]).toBe('docs');
    expect(signedWithoutBody(list, 'list')).toBe(true);
    expect(activate[HEADER.operation]).toBe('activate');
    expect(activate[HEADER.target]).toBe('r2');
    expect(activate['content-length']).toBe('0');
    expect(signedWithoutBody(activate, 'activate')).toBe(true);
    expect(run.outputs).toEqual({ release: 'r2', 'previous-release': 'r3' });
    expect(run.stdout).toContain(
      'rolling back site docs from release r3 to release r2',
    );
    expect(run.summary).toContain('Static deploy rollback');
    expect(run.summary).toContain('Release r2 is live.');
    expect(run.summary).toContain('<td>r3</td>');
  });

  test('rollback with release activates that one', async () => {
    stub = await startStub();

    const run = await runAction({
      command: 'rollback',
      url: stub.apiUrl,
      secret,
      site: 'docs',
      release: 'r1',
    });

    expect(run.code).toBe(0);
    expect(stub.calls[1]).toBe('POST /_static-deploy/releases/r1/activate');
    expect(run.outputs['release']).toBe('r1');
  });

  test('rollback without an older release fails the step', async () => {
    stub = await startStub(undefined, releaseList(['r3'], 'r3'));

    const run = await runAction({
      command: 'rollback',
      url: stub.apiUrl,
      secret,
      site: 'docs',
    });

    expect(run.code).toBe(1);
    expect(stub.calls).toEqual(['GET /_static-deploy/releases']);
    expect(run.stdout).toContain(
      '::error::no release that was live before r3 is kept for site docs',
    );
    expect(run.outputs).toEqual({});
  });

  test('activate makes the release live', async () => {
    stub = await startStub(undefined, releaseList(['r3', 'r2'], null));

    const run = await runAction({
      command: 'activate',
      url: stub.apiUrl,
      secret,
      release: 'r2',
    });

    expect(run.code).toBe(0);
    expect(stub.calls).toEqual(['POST /_static-deploy/releases/r2/activate']);
    expect(signedWithoutBody(stub.requests[0], 'activate')).toBe(true);
    expect(run.outputs).toEqual({ release: 'r2', 'previous-release': '' });
    expect(run.summary).toContain('Static deploy activation');
    expect(run.summary).toContain('Release r2 is live.');
  });

  test('activate of an unknown release fails the step', async () => {
    stub = await startStub({
      status: 404,
      body: {
        code: 'release_not_found',
        message: 'release "r0" is not kept on this receiver',
      },
    });

    const run = await runAction({
      command: 'activate',
      url: stub.apiUrl,
      secret,
      release: 'r0',
    });

    expect(run.code).toBe(1);
    expect(stub.requests).toHaveLength(1);
    expect(run.stdout).toContain(
      '::error::receiver rejected the activation of release r0 (404 release_not_found): release "r0" is not kept on this receiver',
    );
  });

  test.each([
    [
      { command: 'publish' },
      'invalid command input "publish": expected deploy, rollback or activate',
    ],
    [
      { command: 'activate' },
      'missing release input: the activate command needs the release to make live',
    ],
    [{ command: 'activate', release: 'a/b' }, 'invalid release "a/b"'],
    [
      { command: 'rollback', 'dry-run': 'true' },
      'dry-run applies only to deploy, not to rollback',
    ],
    [
      { command: 'activate', release: 'r1', activate: 'false' },
      'activate: false applies only to deploy, not to activate',
    ],
    [
      { command: 'deploy', release: 'r1' },
      'the release input applies only to the rollback and activate commands',
    ],
  ])('inputs %j fail the step', async (inputs, message) => {
    stub = await startStub();

    const run = await runAction({
      url: stub.apiUrl,
      secret,
      path: site,
      ...inputs,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::${message}`);
    expect(stub.requests).toHaveLength(0);
  });
});
