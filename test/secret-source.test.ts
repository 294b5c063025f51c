import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { loadSecrets } from '../server/secret-source.js';

describe('loadSecrets', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'secret-source-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('reads a list of secrets from the environment value', async () => {
    const first = randomBytes(32).toString('hex');
    const second = randomBytes(32).toString('hex');
    const source = await loadSecrets({
      secretValue: ` ${first} ,${second}\n`,
      root,
    });
    expect(source.secrets).toEqual([first, second]);
    expect(source.origin).toBe('environment');
  });

  test('reads one secret per line from the secret file', async () => {
    const file = path.join(root, 'secrets');
    const first = randomBytes(32).toString('hex');
    const second = randomBytes(32).toString('hex');
    await writeFile(file, `${first}\n${second}\n`);
    expect((await loadSecrets({ secretFile: file, root })).secrets).toEqual([
      first,
      second,
    ]);
  });

  test('generates a 0600 secret file on first start', async () => {
    const source = await loadSecrets({ root });
    const file = path.join(root, 'secret');
    expect(source.generated).toBe(true);
    expect(source.origin).toBe(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(source.secrets[0]);
    expect(Buffer.byteLength(source.secrets[0])).toBeGreaterThanOrEqual(32);
  });

  test('reuses the generated secret on the next start', async () => {
    const first = await loadSecrets({ root });
    const second = await loadSecrets({ root });
    expect(second.generated).toBe(false);
    expect(second.secrets).toEqual(first.secrets);
  });

  test.each([
    ['empty', ''],
    ['whitespace', '  \n\t '],
    ['31 bytes', 'x'.repeat(31)],
  ])('rejects a secret that is %s', async (_name, value) => {
    await expect(loadSecrets({ secretValue: value, root })).rejects.toThrow(
      'STATIC_DEPLOY_SECRET',
    );
  });

  test('keeps the secret out of the error message', async () => {
    const short = 'short-secret-value';
    await expect(loadSecrets({ secretValue: short, root })).rejects.toThrow(
      /^(?!.*short-secret-value)/,
    );
  });

  test('names the secret file it cannot read', async () => {
    const file = path.join(root, 'missing');
    await expect(loadSecrets({ secretFile: file, root })).rejects.toThrow(file);
  });
});
