import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { parseSecrets, type DeploymentMetadata } from '../protocol/index.js';

import { HELP_TEXT } from './cli-help.js';
import { stderrLogger, type CliIo } from './cli-io.js';
import {
  parseCommandLine,
  SECRET_ENV,
  UsageError,
  type Command,
  type DeployCommand,
} from './cli-options.js';
import { runReleaseCommand } from './cli-release-commands.js';
import { deploy, type DeployOutcome } from './deploy.js';
import { errorMessage } from './error-message.js';
import { readGitCommit } from './git-commit.js';

export type { CliIo } from './cli-io.js';

/**
 * Runs the static-deploy command line and returns the exit status: 0 on
 * success, 1 when the command failed, 2 for a usage error. It prints
 * progress and errors to stderr and the result to stdout.
 *
 * @param argv The arguments after the node and script paths.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  let command: Command;
  let secrets: string[] = [];
  try {
    command = parseCommandLine(argv);
    if (command.kind !== 'help' && command.kind !== 'version') {
      secrets = readSecrets(env);
    }
  } catch (error) {
    io.stderr(`static-deploy: ${errorMessage(error)}\n`);
    io.stderr('Run "static-deploy --help" for usage.\n');
    return 2;
  }
  if (command.kind === 'help') {
    io.stdout(HELP_TEXT);
    return 0;
  }
  if (command.kind === 'version') {
    io.stdout(`${readVersion()}\n`);
    return 0;
  }
  return runCommand(command, secrets, io);
}

/** Runs a command that talks to the receiver, and returns 0 or 1. */
async function runCommand(
  command: Exclude<Command, { kind: 'help' | 'version' }>,
  secrets: string[],
  io: CliIo,
): Promise<number> {
  try {
    if (command.kind === 'deploy') {
      await runDeploy(command.deploy, secrets, io);
    } else {
      await runReleaseCommand(command, secrets, io);
    }
    return 0;
  } catch (error) {
    io.stderr(`static-deploy: ${errorMessage(error)}\n`);
    return 1;
  }
}

async function runDeploy(
  command: DeployCommand,
  secrets: string[],
  io: CliIo,
): Promise<void> {
  const outcome = await deploy({
    ...command,
    secrets,
    metadata: await collectMetadata(command),
    log: stderrLogger(io),
  });
  io.stdout(`${summarize(command, outcome)}\n`);
}

function readSecrets(env: NodeJS.ProcessEnv): string[] {
  const value = env[SECRET_ENV];
  if (value === undefined || value.trim() === '') {
    throw new UsageError(
      `missing secret: set the ${SECRET_ENV} environment variable ` +
        "to the receiver's shared secret",
    );
  }
  try {
    return parseSecrets(value, SECRET_ENV);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

/**
 * Records the commit of the site folder (or of the working folder for
 * --archive) and the message.
 */
async function collectMetadata(
  command: DeployCommand,
): Promise<DeploymentMetadata> {
  const metadata: DeploymentMetadata = {};
  const commit = await readGitCommit(command.path ?? '.');
  if (commit !== undefined) {
    metadata.commit = commit;
  }
  if (command.message !== undefined && command.message !== '') {
    metadata.message = command.message;
  }
  return metadata;
}

function summarize(command: DeployCommand, outcome: DeployOutcome): string {
  const size = `${outcome.files} files, ${outcome.archiveBytes}-byte archive`;
  if (outcome.dryRun) {
    const kind =
      outcome.operation === 'stage' ? 'staged deployment' : 'deployment';
    return (
      `dry run: ${kind} ${outcome.deploymentId} of site ${command.site} ` +
      `(${size}, sha256 ${outcome.archiveSha256}) was not sent`
    );
  }
  const details = `${size}, ${outcome.durationMs} ms (deployment ${outcome.deploymentId})`;
  if (!outcome.activated) {
    return (
      `staged release ${outcome.release} of site ${command.site}, which is ` +
      `not live: ${details}; make it live with ` +
      `"static-deploy activate ${outcome.release} --url ${command.url}"`
    );
  }
  return `deployed release ${outcome.release} of site ${command.site}: ${details}`;
}

/** The package version, inlined by scripts/bundle.js into dist/cli.js. */
declare const STATIC_DEPLOY_VERSION: string | undefined;

/**
 * Returns the package version: the one inlined into the bundle, so a copy
 * of dist/cli.js runs on its own, or else the one in package.json beside
 * the source folder.
 */
function readVersion(): string {
  if (typeof STATIC_DEPLOY_VERSION === 'string') {
    return STATIC_DEPLOY_VERSION;
  }
  const packageUrl = new URL('../package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(packageUrl, 'utf8')) as {
    version: string;
  };
  return version;
}

/**
 * Checks whether this module is the script that node was started with, through
 * any symlink.
 */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) {
    return false;
  }
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  process.exitCode = await main(process.argv.slice(2), process.env, io);
}
