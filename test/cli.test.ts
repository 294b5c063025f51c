import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
import { main } from '../action-src/cli.js';
import { packSite } from '../action-src/pack.js';

const projectRoot = path.resolve(import.meta.dirname, '..');

interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Stub {
  apiUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a receiver stand-in on 127.0.0.1 that records each request and
 * responds with `reply`, or by default with a deploy result that echoes the
 * request's deployment id and content hash.
 */
async function startStub(reply?: {
  status: number;
  body: ErrorBody;
}): Promise<Stub> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ headers: request.headers, body });
      response.writeHead(reply?.status ?? 200, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify(reply?.body ?? resultFor(request.headers)));
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

function resultFor(headers: IncomingHttpHeaders): DeployResult {
  return {
    deploymentId: headers[HEADER.id] as string,
    release: 'release-7',
    files: 2,
    bytes: 20,
    archiveBytes: 100,
    archiveSha256: headers[HEADER.contentSha256] as string,
    activated: true,
    durationMs: 5,
  };
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
let stub: Stub | undefined;
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
  test('--help lists every option', async () => {
    const run = await runCli(['--help']);

    expect(run.code).toBe(0);
    for (const option of [
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
    [['publish'], 'expected the command "deploy"'],
    [[], 'expected the command "deploy"'],
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
});
