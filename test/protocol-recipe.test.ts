import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startTestReceiver, type TestReceiver } from './support/receiver.js';

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, '..');

/** Returns the first `sh` code block after the recipe heading of docs/protocol.md. */
async function recipeScript(): Promise<string> {
  const doc = await readFile(
    path.join(projectRoot, 'docs/protocol.md'),
    'utf8',
  );
  const section = doc.slice(doc.indexOf('## Deploying with curl and openssl'));
  const match = /```sh\n([\s\S]*?)```/.exec(section);
  if (match === null) {
    throw new Error(
      'docs/protocol.md has no sh block after the recipe heading',
    );
  }
  return match[1];
}

describe('docs/protocol.md recipe', () => {
  let receiver: TestReceiver;
  let siteDir: string;

  beforeAll(async () => {
    receiver = await startTestReceiver();
    siteDir = await mkdtemp(path.join(os.tmpdir(), 'recipe-site-'));
    await cp(path.join(projectRoot, 'test/fixtures/small-site'), siteDir, {
      recursive: true,
    });
  });

  afterAll(async () => {
    await receiver.stop();
    await rm(siteDir, { recursive: true, force: true });
  });

  test('deploys a site with zip, openssl and curl', async () => {
    const { stdout } = await run('bash', ['-c', await recipeScript()], {
      env: {
        PATH: process.env.PATH,
        URL: receiver.apiUrl,
        SITE_DIR: siteDir,
        STATIC_DEPLOY_SECRET: receiver.secret,
      },
    });
    const result = JSON.parse(stdout);
    expect(result.activated).toBe(true);
    expect(result.files).toBe(4);

    const page = await fetch(`${receiver.url}/`);
    expect(await page.text()).toBe(
      await readFile(path.join(siteDir, 'index.html'), 'utf8'),
    );
    const nested = await fetch(`${receiver.url}/posts/first.html`);
    expect(nested.status).toBe(200);
  });

  test('reports the receiver error for a wrong secret', async () => {
    const failure = await run('bash', ['-c', await recipeScript()], {
      env: {
        PATH: process.env.PATH,
        URL: receiver.apiUrl,
        SITE_DIR: siteDir,
        STATIC_DEPLOY_SECRET: 'x'.repeat(40),
      },
    }).catch((error: { stdout: string; code: number }) => error);
    expect('code' in failure).toBe(true);
    expect((failure as { code: number }).code).toBe(22);
    expect(JSON.parse((failure as { stdout: string }).stdout).code).toBe(
      'signature_invalid',
    );
  });
});
