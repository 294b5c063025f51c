import * as core from '@actions/core';

import { parseSecrets } from '../protocol/index.js';

import { parseIntegerSetting } from './integer-input.js';
import {
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_SECONDS,
} from './send-with-retries.js';
import { checkReleaseName, DEFAULT_SITE } from './target-names.js';

/** Values of the `command` input. */
export const ACTION_COMMANDS = ['deploy', 'rollback', 'activate'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

/** Inputs that every command reads. */
interface ReceiverInputs {
  url: string;
  secrets: string[];
  site: string;
  timeoutSeconds: number;
  retries: number;
}

/** Inputs of the `deploy` command. */
export interface DeployInputs extends ReceiverInputs {
  command: 'deploy';
  path: string;
  exclude: string[];
  dryRun: boolean;
  /** False stages the release without making it live. */
  activate: boolean;
}

/**
 * Inputs of the `rollback` and `activate` commands, with the release to
 * make live: required for `activate`, optional for `rollback`.
 */
export type ReleaseInputs = ReceiverInputs & ReleaseCommandInputs;

type ReleaseCommandInputs =
  | { command: 'rollback'; release?: string }
  | { command: 'activate'; release: string };

/** The action's inputs, checked and converted. */
export type ActionInputs = DeployInputs | ReleaseInputs;

/**
 * Reads and checks the action's inputs. The secret is registered with
 * `core.setSecret` before anything else is read or checked, so the runner
 * masks it in any log line that follows, including error messages.
 *
 * @throws Error naming the input when one is missing or invalid, or when
 *   an input is set that the command does not use.
 */
export function readActionInputs(): ActionInputs {
  const secrets = readSecretInput();
  const receiver: ReceiverInputs = {
    url: core.getInput('url', { required: true }),
    secrets,
    site: core.getInput('site') || DEFAULT_SITE,
    timeoutSeconds: integerInput('timeout-seconds', DEFAULT_TIMEOUT_SECONDS, 1),
    retries: integerInput('retries', DEFAULT_RETRIES, 0),
  };
  const command = readCommandInput();
  if (command === 'deploy') {
    return { ...receiver, ...readDeployInputs() };
  }
  return { ...receiver, ...readReleaseInputs(command) };
}

function readSecretInput(): string[] {
  const secretValue = core.getInput('secret', { required: true });
  core.setSecret(secretValue);
  const secrets = parseSecrets(secretValue, 'the secret input');
  for (const secret of secrets) {
    if (secret !== secretValue) {
      core.setSecret(secret);
    }
  }
  return secrets;
}

function readCommandInput(): ActionCommand {
  const command = core.getInput('command') || 'deploy';
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    throw new Error(
      `invalid command input "${command}": expected deploy, rollback or activate`,
    );
  }
  return command as ActionCommand;
}

function readDeployInputs(): Omit<DeployInputs, keyof ReceiverInputs> {
  if (core.getInput('release') !== '') {
    throw new Error(
      'the release input applies only to the rollback and activate ' +
        'commands; remove it, or set command to activate',
    );
  }
  return {
    command: 'deploy',
    path: core.getInput('path') || '.',
    exclude: core
      .getMultilineInput('exclude')
      .filter((pattern) => pattern !== ''),
    dryRun: booleanInput('dry-run', false),
    activate: booleanInput('activate', true),
  };
}

/**
 * Reads the `release` input of `rollback` and `activate`, and rejects the
 * deploy inputs `dry-run: true` and `activate: false`, because ignoring
 * them would change the live site when the workflow asked for no change.
 */
function readReleaseInputs(
  command: 'rollback' | 'activate',
): ReleaseCommandInputs {
  if (booleanInput('dry-run', false)) {
    throw new Error(`dry-run applies only to deploy, not to ${command}`);
  }
  if (!booleanInput('activate', true)) {
    throw new Error(
      `activate: false applies only to deploy, not to ${command}`,
    );
  }
  const value = core.getInput('release');
  const release = value === '' ? undefined : checkReleaseName(value);
  if (command === 'rollback') {
    return { command, release };
  }
  if (release === undefined) {
    throw new Error(
      'missing release input: the activate command needs the release to make live',
    );
  }
  return { command, release };
}

function integerInput(name: string, fallback: number, min: 0 | 1): number {
  const value = core.getInput(name);
  return value === '' ? fallback : parseIntegerSetting(name, value, min);
}

/**
 * Reads a boolean input. The runner always passes the default from
 * action.yml, so an empty value only happens when the action runs outside
 * the runner, and then `fallback` applies.
 */
function booleanInput(name: string, fallback: boolean): boolean {
  return core.getInput(name) === '' ? fallback : core.getBooleanInput(name);
}
