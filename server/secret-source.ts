import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { parseSecrets } from '../protocol/index.js';

/** Secrets with their origin, which the start log names. */
export interface SecretSource {
  secrets: string[];
  /** `environment`, or the path of the file that contains them. */
  origin: string;
  generated: boolean;
}

/** File name of the secret the receiver generates when none is configured. */
export const GENERATED_SECRET_FILE = 'secret';

/**
 * Loads the shared secrets: from STATIC_DEPLOY_SECRET, else from the file
 * STATIC_DEPLOY_SECRET_FILE names, else from the data folder's generated
 * secret file, which is created with mode 0600 on first start.
 *
 * @throws Error when a configured secret is empty or shorter than 32 bytes.
 */
export async function loadSecrets(options: {
  secretValue?: string;
  secretFile?: string;
  root: string;
}): Promise<SecretSource> {
  if (options.secretValue !== undefined) {
    return {
      secrets: parseSecrets(options.secretValue, 'STATIC_DEPLOY_SECRET'),
      origin: 'environment',
      generated: false,
    };
  }
  if (options.secretFile !== undefined) {
    const text = await readSecretFile(options.secretFile);
    return {
      secrets: parseSecrets(
        text,
        `STATIC_DEPLOY_SECRET_FILE (${options.secretFile})`,
      ),
      origin: options.secretFile,
      generated: false,
    };
  }
  return loadGeneratedSecret(path.join(options.root, GENERATED_SECRET_FILE));
}

async function readSecretFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read STATIC_DEPLOY_SECRET_FILE ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

async function loadGeneratedSecret(file: string): Promise<SecretSource> {
  const secret = randomBytes(32).toString('hex');
  try {
    // The exclusive flag means two receivers starting at once cannot
    // overwrite each other's secret.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return { secrets: [secret], origin: file, generated: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  const text = await readFile(file, 'utf8');
  return { secrets: parseSecrets(text, file), origin: file, generated: false };
}
