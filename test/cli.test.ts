import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import {
  canonicalString,
  decodeMetadata,
  HEADER,
  verifySignature,
  type DeployResult,
  type ErrorBody,
  type ReleaseList,
} from '../protocol/index.js';
import { main } from '../action-src/cli.js';
import { packSite } from '../action-src/pack.js';
import {
  releaseRoutes,
  signatureVerifies,
  startStubReceiver,
  type RecordedRequest,
  type StubReceiver,
} from './support/stub-receiver.js';

const projectRoot = path.resolve(import.meta.dirname, '..');

/**
 * Starts a receiver stand-in on 127.0.0.1 that records each request and
 * responds with `reply`. Without one it routes like a receiver that keeps
 * `releases`: a deploy result that echoes the request's deployment id and
 * content hash for `POST /deploy`, the list for `GET /releases`, and an
 * activation result for `POST /releases/<release>/activate`.
 */
async function startStub(
  reply?: { status: number; body: ErrorBody },
  releases: ReleaseList = releaseList,
): Promise<StubReceiver> {
  return startStubReceiver(
    reply === undefined
      ? releaseRoutes(releases, resultFor)
      : [{ status: reply.status, json: reply.body }],
  );
}

function resultFor(headers: IncomingHttpHeaders): DeployResult {
  return {
    deploymentId: headers[HEADER.id] as string,
    release: 'release-7',
    files: 2,
    bytes: 20,
    archiveBytes: 100,
    archiveSha256: headers[HEADER.contentSha256] as string,
    activated: headers[HEADER.operation] === 'deploy',
    durationMs: 5,
  };
}

/** Two kept releases: the live one with a commit and a message, and an older one. */
const releaseList: ReleaseList = {
  site: 'docs',
  current: '20261204T101500Z-4f0c5d1e9b2a',
  releases: [
    {
      release: '20261204T101500Z-4f0c5d1e9b2a',
      deploymentId: '4f0c5d1e9b2a47c3a1d0e8f7b6c5a493',
      createdAt: '2026-12-04T10:15:00.123Z',
      archiveSha256: 'a'.repeat(64),
      archiveBytes: 3120554,
      files: 132,
      bytes: 18734092,
      metadata: {
        commit: '4f0c5d1e9b2a47c3a1d0e8f7b6c5a4930c1d2e3f',
        message: 'Fix the typo\non the home page',
        ref: 'refs/heads/main',
      },
      live: true,
      lastActivatedAt: '2026-12-04T10:15:01.000Z',
    },
    {
      release: '20261203T090000Z-0123456789ab',
      deploymentId: '0123456789ab47c3a1d0e8f7b6c5a493',
      createdAt: '2026-12-03T09:00:00Z',
      archiveSha256: 'b'.repeat(64),
      archiveBytes: 400,
      files: 7,
      bytes: 900,
      metadata: { ref: 'refs/heads/main' },
      live: false,
      lastActivatedAt: '2026-12-03T09:00:01.000Z',
    },
  ],
};

/** Checks a recorded signature of a request without a body. */
function signedWithoutBody(
  request: RecordedRequest,
  operation: 'list' | 'activate',
): boolean {
  return signatureVerifies(request, operation, [secret]);
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

let workDir: string;
let site: string;
let stub: StubReceiver | undefined;
const secret = randomBytes(32).toString('hex');
const env = { STATIC_DEPLOY_SECRET: secret };

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'cli-test-'));
  site = path.join(workDir, 'site');
  await mkdir(path.join(site, 'css'), { recursive: true });
  await writeFile(path.join(site, 'index.html'), '<h1>home</h1>');
  await writeFile(path.join(site, 'css', 'site.css'), 'h1 { color: red }');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('static-deploy CLI', () => {
  test('--help lists every command and option', async () => {
    const run = await runCli(['--help']);

    expect(run.code).toBe(0);
    for (const option of [
      'static-deploy deploy --url URL',
      'static-deploy releases --url URL',
      'static-deploy rollback --url URL',
      'static-deploy activate RELEASE --url URL',
      '--no-activate',
      '--json',
      '--to RELEASE',
      '--url URL',
      '--path DIR',
      '--archive FILE',
      '--site NAME',
      '--exclude GLOB',
      '--timeout-seconds N',
      '--retries N',
      '--dry-run',
      '--message TEXT',
      '-h, --help',
      '--version',
      'STATIC_DEPLOY_SECRET',
      '(default: 300)',
      '(default: 3)',
      '(default: default)',
      'in seconds',
    ]) {
      expect(run.stdout).toContain(option);
    }
  });

  test('-h prints the same help', async () => {
    const long = await runCli(['--help']);
    const short = await runCli(['-h']);

    expect(short.stdout).toBe(long.stdout);
  });

  test('--version prints the package version', async () => {
    const packageJson = JSON.parse(
      await readFile(path.join(projectRoot, 'package.json'), 'utf8'),
    ) as { version: string };

    const run = await runCli(['--version']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${packageJson.version}\n`);
  });

  test('missing secret exits 2 naming the variable', async () => {
    const run = await runCli([
      'deploy',
      '--url',
      'http://127.0.0.1:1/x',
      '--path',
      site,
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'static-deploy: missing secret: set the STATIC_DEPLOY_SECRET environment variable',
    );
  });

  test('short secret exits 2 without echoing it', async () => {
    const run = await runCli(
      ['deploy', '--url', 'http://127.0.0.1:1/x', '--path', site],
      { STATIC_DEPLOY_SECRET: 'short-secret-value' },
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('STATIC_DEPLOY_SECRET is 18 bytes long');
    expect(run.stderr).not.toContain('short-secret-value');
  });

  test.each([
    ['as a separate argument', ['--secret', secret]],
    ['after an equals sign', [`--secret=${secret}`]],
  ])('--secret %s is rejected', async (_label, secretArgs) => {
    const run = await runCli(
      [
        'deploy',
        '--url',
        'http://127.0.0.1:1/x',
        '--path',
        site,
        ...secretArgs,
      ],
      env,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'there is no --secret option: set the STATIC_DEPLOY_SECRET environment variable instead',
    );
    expect(run.stderr).not.toContain(secret);
  });

  test.each([
    [['deploy', '--path', '.'], 'missing --url'],
    [['deploy', '--url', 'http://127.0.0.1:1/x'], 'give exactly one of --path'],
    [
      [
        'deploy',
        '--url',
        'http://127.0.0.1:1/x',
        '--path',
        '.',
        '--archive',
        'a.zip',
      ],
      'give exactly one of --path',
    ],
    [
      [
        'deploy',
        '--url',
        'http://127.0.0.1:1/x',
        '--path',
        '.',
        '--retries',
        'many',
      ],
      '--retries must be a non-negative integer, got "many"',
    ],
    [
      [
        'deploy',
        '--url',
        'http://127.0.0.1:1/x',
        '--path',
        '.',
        '--timeout-seconds',
        '0',
      ],
      '--timeout-seconds must be a positive integer, got "0"',
    ],
    [['deploy', '--url'], 'option --url needs a value'],
    [['deploy', '--colour'], 'unknown option --colour'],
    [
      ['publish'],
      'unknown command "publish": expected deploy, releases, rollback or activate',
    ],
    [[], 'missing command: expected deploy, releases, rollback or activate'],
    [['releases'], 'missing --url'],
    [
      ['releases', '--url', 'http://127.0.0.1:1/x', '--path', '.'],
      '--path does not apply to releases',
    ],
    [
      ['releases', '--url', 'http://127.0.0.1:1/x', 'extra'],
      'unexpected argument "extra": releases takes no arguments',
    ],
    [
      ['deploy', '--url', 'http://127.0.0.1:1/x', '--path', '.', '--json'],
      '--json does not apply to deploy',
    ],
    [
      ['activate', '--url', 'http://127.0.0.1:1/x', '--to', 'r1'],
      '--to does not apply to activate',
    ],
    [
      ['rollback', '--url', 'http://127.0.0.1:1/x', '--no-activate'],
      '--no-activate does not apply to rollback',
    ],
    [['activate', '--url', 'http://127.0.0.1:1/x'], 'missing release'],
    [
      ['activate', 'r1', 'r2', '--url', 'http://127.0.0.1:1/x'],
      'activate takes one release, got 2 arguments',
    ],
    [
      ['activate', 'r1/../x', '--url', 'http://127.0.0.1:1/x'],
      'RELEASE: invalid release "r1/../x"',
    ],
    [
      ['rollback', '--url', 'http://127.0.0.1:1/x', '--to', '..'],
      '--to: invalid release ".."',
    ],
    [
      ['rollback', '--url', 'http://127.0.0.1:1/x', '--to'],
      'option --to needs a value',
    ],
    [
      ['releases', '--url', 'http://127.0.0.1:1/x', '--site', 'my site'],
      '--site: invalid site "my site"',
    ],
    [
      ['releases', '--url', 'ftp://127.0.0.1/x'],
      'invalid url "ftp://127.0.0.1/x": the scheme must be http or https',
    ],
  ])('usage error %j exits 2', async (argv, message) => {
    const run = await runCli(argv, env);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`static-deploy: ${message}`);
    expect(run.stderr).toContain('Run "static-deploy --help" for usage.');
  });

  test('dry run prints the id and size and sends nothing', async () => {
    stub = await startStub();

    const run = await runCli(
      ['deploy', '--url', stub.apiUrl, '--path', site, '--dry-run'],
      env,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^dry run: deployment [0-9a-f]{32} of site default \(2 files, \d+-byte archive, sha256 [0-9a-f]{64}\) was not sent\n$/,
    );
    expect(stub.requests).toHaveLength(0);
  });

  test('deploy succeeds and prints a summary', async () => {
    stub = await startStub();

    const run = await runCli(
      [
        'deploy',
        '--url',
        stub.apiUrl,
        '--path',
        site,
        '--site',
        'docs',
        '--message',
        'Fix the typo on the home page',
      ],
      env,
    );

    expect(run.stderr).not.toContain(secret);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^deployed release release-7 of site docs: 2 files, \d+-byte archive, \d+ ms \(deployment [0-9a-f]{32}\)\n$/,
    );
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request.headers[HEADER.target]).toBe('docs');
    expect(decodeMetadata(request.headers[HEADER.metadata] as string)).toEqual({
      message: 'Fix the typo on the home page',
    });
  });

  test('exclude leaves files out of the upload', async () => {
    stub = await startStub();

    const run = await runCli(
      ['deploy', '--url', stub.apiUrl, '--path', site, '--exclude', 'css'],
      env,
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toContain('packed 1 files');
  });

  test('commit of a Git checkout goes into the metadata', async () => {
    const checkout = path.join(workDir, 'checkout');
    await mkdir(checkout);
    await writeFile(path.join(checkout, 'index.html'), 'home');
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' });
    git('init', '--quiet');
    git('add', '.');
    git(
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.com',
      'commit',
      '--quiet',
      '-m',
      'first',
    );
    const commit = git('rev-parse', 'HEAD').trim();
    stub = await startStub();

    const run = await runCli(
      ['deploy', '--url', stub.apiUrl, '--path', checkout],
      env,
    );

    expect(run.code).toBe(0);
    const metadata = decodeMetadata(
      stub.requests[0].headers[HEADER.metadata] as string,
    );
    expect(metadata.commit).toBe(commit);
  });

  test('--archive sends a prebuilt zip unchanged', async () => {
    const packed = await packSite(site);
    const archive = path.join(workDir, 'prebuilt.zip');
    await writeFile(archive, await readFile(packed.archivePath));
    await packed.remove();
    stub = await startStub();

    const run = await runCli(
      ['deploy', '--url', stub.apiUrl, '--archive', archive],
      env,
    );

    expect(run.code).toBe(0);
    const zipBytes = await readFile(archive);
    const [request] = stub.requests;
    expect(request.body.includes(zipBytes)).toBe(true);
    expect(request.headers[HEADER.contentSha256]).toBe(
      createHash('sha256').update(zipBytes).digest('hex'),
    );
    expect(await readFile(archive)).toEqual(zipBytes);
  });

  test('--archive that is not a zip exits 1', async () => {
    const notZip = path.join(workDir, 'not.zip');
    await writeFile(notZip, 'plain text');

    const run = await runCli(
      [
        'deploy',
        '--url',
        'http://127.0.0.1:1/x',
        '--archive',
        notZip,
        '--dry-run',
      ],
      env,
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`static-deploy: invalid archive ${notZip}:`);
  });

  test('receiver error goes to stderr with exit 1', async () => {
    stub = await startStub({
      status: 401,
      body: {
        code: 'signature_invalid',
        message: 'no configured secret matches the signature',
      },
    });

    const run = await runCli(
      ['deploy', '--url', stub.apiUrl, '--path', site],
      env,
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'static-deploy: receiver rejected the deploy (401 signature_invalid): no configured secret matches the signature\n',
    );
  });

  test('missing site folder exits 1', async () => {
    const missing = path.join(workDir, 'missing');

    const run = await runCli(
      ['deploy', '--url', 'http://127.0.0.1:1/x', '--path', missing],
      env,
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `static-deploy: site folder not found: ${missing}`,
    );
  });
  test('missing secret exits 2 for releases', async () => {
    const run = await runCli(['releases', '--url', 'http://127.0.0.1:1/x']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'static-deploy: missing secret: set the STATIC_DEPLOY_SECRET environment variable',
    );
  });

  test('--no-activate stages the release', async () => {
    stub = await startStub();

    const run = await runCli(
      ['deploy', '--url', stub.apiUrl, '--path', site, '--no-activate'],
      env,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^staged release release-7 of site default, which is not live: 2 files, \d+-byte archive, \d+ ms \(deployment [0-9a-f]{32}\); make it live with "static-deploy activate release-7 --url http:\/\/127\.0\.0\.1:\d+\/_static-deploy"\n$/,
    );
    const [request] = stub.requests;
    expect(request.headers[HEADER.operation]).toBe('stage');
    const header = (name: string) => request.headers[name] as string;
    const canonical = canonicalString({
      operation: 'stage',
      target: header(HEADER.target),
      deploymentId: header(HEADER.id),
      timestampSeconds: Number(header(HEADER.timestamp)),
      contentSha256: header(HEADER.contentSha256),
      metadata: request.headers[HEADER.metadata] as string | undefined,
    });
    expect(verifySignature([secret], canonical, header(HEADER.signature))).toBe(
      true,
    );
  });

  test('dry run with --no-activate names the stage', async () => {
    stub = await startStub();

    const run = await runCli(
      [
        'deploy',
        '--url',
        stub.apiUrl,
        '--path',
        site,
        '--dry-run',
        '--no-activate',
      ],
      env,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^dry run: staged deployment [0-9a-f]{32} of site default /,
    );
    expect(stub.requests).toHaveLength(0);
  });

  test('deploy without --no-activate signs deploy', async () => {
    stub = await startStub();

    const run = await runCli(
      ['deploy', '--url', stub.apiUrl, '--path', site],
      env,
    );

    expect(run.code).toBe(0);
    expect(stub.requests[0].headers[HEADER.operation]).toBe('deploy');
  });

  test('releases prints an aligned table', async () => {
    stub = await startStub();

    const run = await runCli(
      ['releases', '--url', stub.apiUrl, '--site', 'docs'],
      env,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'STATE  RELEASE                        CREATED               FILES      SIZE  COMMIT        MESSAGE',
      'live   20261204T101500Z-4f0c5d1e9b2a  2026-12-04T10:15:00Z    132  17.9 MiB  4f0c5d1e9b2a  Fix the typo on the home page',
      '       20261203T090000Z-0123456789ab  2026-12-03T09:00:00Z      7     900 B                refs/heads/main',
      '',
    ]);
    const [request] = stub.requests;
    expect(stub.requests).toHaveLength(1);
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/_static-deploy/releases');
    expect(request.headers[HEADER.target]).toBe('docs');
    expect(signedWithoutBody(request, 'list')).toBe(true);
  });

  test('releases --json prints the receiver JSON', async () => {
    stub = await startStub();

    const run = await runCli(
      ['releases', '--url', stub.apiUrl, '--site', 'docs', '--json'],
      env,
    );

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(releaseList);
  });

  test('releases with none kept says so', async () => {
    stub = await startStub(undefined, {
      site: 'default',
      current: null,
      releases: [],
    });

    const run = await runCli(['releases', '--url', stub.apiUrl], env);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('site default has no releases\n');
  });

  test('rollback activates the older release', async () => {
    stub = await startStub();

    const run = await runCli(
      ['rollback', '--url', stub.apiUrl, '--site', 'docs'],
      env,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'release 20261203T090000Z-0123456789ab is live; the previous live release was 20261204T101500Z-4f0c5d1e9b2a\n',
    );
    expect(run.stderr).toContain(
      'rolling back site docs from release 20261204T101500Z-4f0c5d1e9b2a to release 20261203T090000Z-0123456789ab',
    );
    const [list, activate] = stub.requests;
    expect(stub.requests).toHaveLength(2);
    expect(list.url).toBe('/_static-deploy/releases');
    expect(activate.method).toBe('POST');
    expect(activate.url).toBe(
      '/_static-deploy/releases/20261203T090000Z-0123456789ab/activate',
    );
    expect(signedWithoutBody(activate, 'activate')).toBe(true);
  });

  test('rollback --to --json prints the activation', async () => {
    stub = await startStub();

    const run = await runCli(
      [
        'rollback',
        '--url',
        stub.apiUrl,
        '--site',
        'docs',
        '--to',
        '20261204T101500Z-4f0c5d1e9b2a',
        '--json',
      ],
      env,
    );

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      release: '20261204T101500Z-4f0c5d1e9b2a',
      previous: '20261204T101500Z-4f0c5d1e9b2a',
      activatedAt: '2026-12-05T08:00:00.000Z',
    });
    expect(stub.requests[1].url).toBe(
      '/_static-deploy/releases/20261204T101500Z-4f0c5d1e9b2a/activate',
    );
  });

  test('rollback with one release exits 1', async () => {
    stub = await startStub(undefined, {
      ...releaseList,
      releases: [releaseList.releases[0]],
    });

    const run = await runCli(
      ['rollback', '--url', stub.apiUrl, '--site', 'docs'],
      env,
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'static-deploy: no release that was live before 20261204T101500Z-4f0c5d1e9b2a is kept for site docs',
    );
    expect(stub.requests).toHaveLength(1);
  });

  test('activate makes the release live', async () => {
    stub = await startStub();

    const run = await runCli(
      ['activate', '20261203T090000Z-0123456789ab', '--url', stub.apiUrl],
      env,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'release 20261203T090000Z-0123456789ab is live; the previous live release was 20261204T101500Z-4f0c5d1e9b2a\n',
    );
    const [request] = stub.requests;
    expect(stub.requests).toHaveLength(1);
    expect(request.headers[HEADER.target]).toBe(
      '20261203T090000Z-0123456789ab',
    );
    expect(request.body).toHaveLength(0);
  });

  test('activate --json prints the receiver JSON', async () => {
    stub = await startStub(undefined, { ...releaseList, current: null });

    const run = await runCli(
      ['activate', 'r1', '--url', stub.apiUrl, '--json'],
      env,
    );

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      release: 'r1',
      previous: null,
      activatedAt: '2026-12-05T08:00:00.000Z',
    });
  });

  test('activate of an unknown release exits 1', async () => {
    stub = await startStub({
      status: 404,
      body: {
        code: 'release_not_found',
        message: 'release "r0" is not kept on this receiver',
      },
    });

    const run = await runCli(
      ['activate', 'r0', '--url', stub.apiUrl, '--retries', '3'],
      env,
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'static-deploy: receiver rejected the activation of release r0 (404 release_not_found): release "r0" is not kept on this receiver\n',
    );
    expect(stub.requests).toHaveLength(1);
  });
});
