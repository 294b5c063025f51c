import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  cp,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { readActionOutputs } from './support/action-files.js';
import {
  startReceiverProcess,
  type ReceiverProcess,
} from './support/receiver-process.js';

const projectRoot = path.resolve(import.meta.dirname, '..');
const gallery = siteToDeploy();

/**
 * Returns the site the end-to-end test deploys: STATIC_DEPLOY_E2E_SITE, or
 * the kaitai-gallery site in the shared folder beside the repository. A
 * clone without that folder deploys the small fixture site instead, but CI
 * must have the real one.
 */
function siteToDeploy(): string {
  const shared = path.resolve(
    projectRoot,
    '..',
    'shared',
    'sites',
    'kaitai-gallery',
  );
  const chosen = process.env.STATIC_DEPLOY_E2E_SITE ?? shared;
  if (existsSync(chosen)) {
    return chosen;
  }
  if (process.env.CI === 'true') {
    throw new Error(`the end-to-end site ${chosen} is missing`);
  }
  process.stdout.write(
    `${chosen} is missing; deploying test/fixtures/small-site instead\n`,
  );
  return path.join(projectRoot, 'test', 'fixtures', 'small-site');
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  elapsedMs: number;
}

/** Runs the committed bundle the way the Actions runner does. */
async function runAction(
  inputs: Record<string, string>,
  workDir: string,
): Promise<ActionRun> {
  const outputFile = path.join(workDir, `output-${Date.now()}`);
  const summaryFile = path.join(workDir, `summary-${Date.now()}`);
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo/site',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.invalid',
    GITHUB_RUN_ID: '42',
    GITHUB_ACTOR: 'octocat',
    RUNNER_TEMP: workDir,
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value;
  }

  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'dist/index.js')],
    { env, cwd: workDir },
  );
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
    outputs: await readActionOutputs(outputFile),
    summary: await readFile(summaryFile, 'utf8'),
    elapsedMs: performance.now() - startedAt,
  };
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(root, prefix), {
    withFileTypes: true,
  })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listFiles(root, relative)));
    } else {
      files.push(relative);
    }
  }
  return files.sort();
}

const urlOf = (base: string, relative: string) =>
  `${base}/${relative.split('/').map(encodeURIComponent).join('/')}`;

describe('end-to-end deploy of a real site', () => {
  let receiver: ReceiverProcess;
  let workDir: string;

  beforeAll(async () => {
    receiver = await startReceiverProcess();
    workDir = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-action-'));
  });

  afterAll(async () => {
    await receiver.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  test('the bundled action deploys every file byte for byte', async () => {
    const run = await runAction(
      { url: receiver.apiUrl, secret: receiver.secret, path: gallery },
      workDir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The runner learns what to mask from ::add-mask:: lines; no other
    // line may carry the secret.
    const unmasked = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'));
    expect(unmasked.join('\n')).not.toContain(receiver.secret);

    const files = await listFiles(gallery);
    expect(run.outputs['files']).toBe(String(files.length));
    expect(run.outputs['deployment-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(run.outputs['release']).not.toBe('');
    expect(Number(run.outputs['archive-bytes'])).toBeGreaterThan(0);
    expect(Number(run.outputs['duration-ms'])).toBeGreaterThan(0);
    expect(run.summary).toContain('<table>');

    for (const relative of files) {
      const response = await fetch(urlOf(receiver.url, relative));
      expect(response.status).toBe(200);
      const served = Buffer.from(await response.arrayBuffer());
      expect(served.equals(await readFile(path.join(gallery, relative)))).toBe(
        true,
      );
    }

    const peakRss = await receiver.peakRssBytes();
    process.stdout.write(
      `${path.basename(gallery)} deploy: ${Math.round(run.elapsedMs)} ms for the action process, ` +
        `receiver peak RSS ${(peakRss / 1024 / 1024).toFixed(1)} MiB\n`,
    );
  });

  test('a second version replaces the first and drops a removed page', async () => {
    const secondVersion = path.join(workDir, 'second');
    // dereference: a site folder reached through a symbolic link must be
    // copied, not linked, or the edits below would change the original.
    await cp(gallery, secondVersion, { recursive: true, dereference: true });
    const files = await listFiles(gallery);
    const [removed, kept] = files.filter(
      (file) => file.includes('/') && file.endsWith('.html'),
    );
    await rm(path.join(secondVersion, removed));
    await writeFile(
      path.join(secondVersion, 'index.html'),
      '<h1>second version</h1>',
    );

    const run = await runAction(
      { url: receiver.apiUrl, secret: receiver.secret, path: secondVersion },
      workDir,
    );
    expect(run.code).toBe(0);
    expect((await fetch(urlOf(receiver.url, removed))).status).toBe(404);
    expect(await (await fetch(`${receiver.url}/`)).text()).toBe(
      '<h1>second version</h1>',
    );
    expect((await fetch(urlOf(receiver.url, kept))).status).toBe(200);
  });

  test('a wrong secret fails the step and keeps the live site', async () => {
    const run = await runAction(
      {
        url: receiver.apiUrl,
        secret: 'w'.repeat(48),
        path: gallery,
        retries: '0',
      },
      workDir,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::');
    expect(run.stdout).toContain('signature_invalid');
    expect(await (await fetch(`${receiver.url}/`)).text()).toBe(
      '<h1>second version</h1>',
    );
  });

  test('the receiver stops cleanly on SIGTERM', async () => {
    expect(await receiver.stop('SIGTERM')).toBe(0);
    expect(
      receiver.logLines.some((line) => line.includes('"receiver stopped"')),
    ).toBe(true);
  });
});
