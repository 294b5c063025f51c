import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import {
  startReceiverProcess,
  type ReceiverProcess,
} from './support/receiver-process.js';

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, '..');

describe('release history through the CLI', () => {
  let receiver: ReceiverProcess;
  let workDir: string;

  /** Runs the bundled CLI the way the README shows. */
  const cli = async (...args: string[]) => {
    const { stdout } = await run(
      process.execPath,
      [path.join(projectRoot, 'dist/cli.js'), ...args],
      {
        env: { PATH: process.env.PATH, STATIC_DEPLOY_SECRET: receiver.secret },
      },
    );
    return stdout;
  };

  const siteFolder = async (label: string) => {
    const folder = path.join(workDir, label);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'index.html'), `<h1>${label}</h1>`);
    return folder;
  };

  const livePage = async () => (await fetch(`${receiver.url}/`)).text();

  beforeAll(async () => {
    receiver = await startReceiverProcess();
    workDir = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-history-'));
  });

  afterAll(async () => {
    await receiver.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  test('three deploys, a list and a rollback to the first', async () => {
    for (const label of ['first', 'second', 'third']) {
      await cli(
        'deploy',
        '--url',
        receiver.apiUrl,
        '--path',
        await siteFolder(label),
      );
    }
    expect(await livePage()).toBe('<h1>third</h1>');

    const listed = JSON.parse(
      await cli('releases', '--url', receiver.apiUrl, '--json'),
    ) as {
      current: string;
      releases: Array<{ release: string; live: boolean }>;
    };
    expect(listed.releases).toHaveLength(3);
    expect(listed.releases[0].live).toBe(true);
    const [third, second, first] = listed.releases.map(
      (entry) => entry.release,
    );
    expect(listed.current).toBe(third);

    const table = await cli('releases', '--url', receiver.apiUrl);
    expect(table).toContain(first);
    expect(table).toContain(third);

    await cli('rollback', '--url', receiver.apiUrl);
    expect(await livePage()).toBe('<h1>second</h1>');
    expect(
      (await fetch(`${receiver.url}/`)).headers.get('x-static-deploy-release'),
    ).toBe(second);

    await cli('rollback', '--url', receiver.apiUrl, '--to', first);
    expect(await livePage()).toBe('<h1>first</h1>');

    await cli('activate', third, '--url', receiver.apiUrl);
    expect(await livePage()).toBe('<h1>third</h1>');
  });

  test('a staged deploy is listed but not served until activated', async () => {
    const output = await cli(
      'deploy',
      '--url',
      receiver.apiUrl,
      '--path',
      await siteFolder('staged'),
      '--no-activate',
    );
    expect(await livePage()).toBe('<h1>third</h1>');
    const listed = JSON.parse(
      await cli('releases', '--url', receiver.apiUrl, '--json'),
    ) as {
      releases: Array<{ release: string; live: boolean }>;
    };
    const staged = listed.releases[0];
    expect(staged.live).toBe(false);
    expect(output).toContain(staged.release);

    await cli('activate', staged.release, '--url', receiver.apiUrl);
    expect(await livePage()).toBe('<h1>staged</h1>');
  });

  test('rollback skips a staged release that never went live', async () => {
    await cli(
      'deploy',
      '--url',
      receiver.apiUrl,
      '--path',
      await siteFolder('before'),
    );
    await cli(
      'deploy',
      '--url',
      receiver.apiUrl,
      '--path',
      await siteFolder('unused'),
      '--no-activate',
    );
    await cli(
      'deploy',
      '--url',
      receiver.apiUrl,
      '--path',
      await siteFolder('after'),
    );
    await cli('rollback', '--url', receiver.apiUrl);
    expect(await livePage()).toBe('<h1>before</h1>');
  });
});
