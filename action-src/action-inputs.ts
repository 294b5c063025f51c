import * as core from '@actions/core';

import { parseSecrets } from '../protocol/index.js';

import { DEFAULT_SITE } from './deploy.js';
import { parseIntegerSetting } from './integer-input.js';
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_SECONDS } from './upload.js';

/** The action's inputs, checked and converted. */
export interface ActionInputs {
  url: string;
  secrets: string[];
  path: string;
  site: string;
  exclude: string[];
  timeoutSeconds: number;
  retries: number;
  dryRun: boolean;
}

/**
 * Reads and checks the action's inputs. The secret is registered with
 * `core.setSecret` before anything else is read or checked, so the runner
 * masks it in any log line that follows, including error messages.
 *
 * @throws Error naming the input when one is missing or invalid.
 */
export function readActionInputs(): ActionInputs {
  const secretValue = core.getInput('secret', { required: true });
  core.setSecret(secretValue);
  const secrets = parseSecrets(secretValue, 'the secret input');
  for (const secret of secrets) {
    if (secret !== secretValue) {
      core.setSecret(secret);
    }
  }

  return {
    url: core.getInput('url', { required: true }),
    secrets,
    path: core.getInput('path') || '.',
    site: core.getInput('site') || DEFAULT_SITE,
    exclude: core
      .getMultilineInput('exclude')
      .filter((pattern) => pattern !== ''),
    timeoutSeconds: integerInput('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 1),
    retries: integerInput('retries', DEFAULT_RETRIES, 0),
    dryRun: booleanInput('dry-run'),
  };
}

function integerInput(name: string, fallback: number, min: 0 | 1): number {
  const value = core.getInput(name);
  return value === '' ? fallback : parseIntegerSetting(name, value, min);
}

/**
 * Reads a boolean input. The runner always passes the default from
 * action.yml, so an empty value only happens when the action runs outside
 * the runner, and it means false.
 */
function booleanInput(name: string): boolean {
  return core.getInput(name) === '' ? false : core.getBooleanInput(name);
}
