import { parseArgs } from 'node:util';

import { DEFAULT_SITE } from './deploy.js';
import { errorMessage } from './error-message.js';
import { parseIntegerSetting } from './integer-input.js';
import {
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_SECONDS,
  deployEndpoint,
} from './upload.js';

/** Environment variable that carries the shared secret to the CLI. */
export const SECRET_ENV = 'STATIC_DEPLOY_SECRET';

/**
 * Error for a command line that cannot be run as written, which makes the CLI
 * exit with 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Settings of a `deploy` command, checked and converted. */
export interface DeployCommand {
  url: string;
  path?: string;
  archivePath?: string;
  site: string;
  exclude: string[];
  timeoutSeconds: number;
  retries: number;
  dryRun: boolean;
  message?: string;
}

/** Command that a parsed command line requests. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'deploy'; deploy: DeployCommand };

/** Text that `--help` prints: every option with its unit and default. */
export const HELP_TEXT = `\
Usage: static-deploy deploy --url URL (--path DIR | --archive FILE) [options]

Packs a built static site into a zip archive, signs it with HMAC-SHA256 and
uploads it to a static-deploy receiver.

Options:
  --url URL              receiver API prefix, for example
                         https://example.com/_static-deploy (required)
  --path DIR             site folder to pack; .git is always left out
  --archive FILE         send a zip archive built elsewhere instead of --path
  --site NAME            site name on the receiver (default: ${DEFAULT_SITE})
  --exclude GLOB         leave out paths matching GLOB, relative to DIR; repeat
                         for several globs; use **/ to match at any depth
  --timeout-seconds N    limit for each upload attempt, in seconds
                         (default: ${DEFAULT_TIMEOUT_SECONDS})
  --retries N            retries after a failed attempt, with backoff
                         (default: ${DEFAULT_RETRIES})
  --dry-run              pack and sign, print the deployment id and archive
                         size, and send nothing
  --message TEXT         note stored with the release, such as a change summary
  -h, --help             print this help and exit
  --version              print the version and exit

Environment:
  ${SECRET_ENV}   shared secret of the receiver, at least 32 bytes;
                         several secrets separated by commas while a key is
                         rotated. It is read only from the environment, never
                         from an option, so it stays out of shell history
                         and the process list.

Exit status: 0 on success, 1 when the deploy failed, 2 for a usage error.
`;

const OPTIONS = {
  url: { type: 'string' },
  path: { type: 'string' },
  archive: { type: 'string' },
  site: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'timeout-seconds': { type: 'string' },
  retries: { type: 'string' },
  'dry-run': { type: 'boolean' },
  message: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/**
 * Parses the command line (without the node and script paths).
 *
 * @throws UsageError for unknown options, missing or conflicting options,
 *   and invalid numbers.
 */
export function parseCommandLine(argv: readonly string[]): Command {
  rejectSecretOption(argv);
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) {
    return { kind: 'help' };
  }
  if (values.version) {
    return { kind: 'version' };
  }
  if (positionals[0] !== 'deploy' || positionals.length > 1) {
    throw new UsageError(
      'expected the command "deploy" and no other arguments',
    );
  }
  return { kind: 'deploy', deploy: toDeployCommand(values) };
}

type ParsedValues = ReturnType<typeof parseOrExplain>['values'];

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(explainParseError(error));
  }
}

/**
 * Rewords Node's parseArgs errors, which suggest `--` tricks that do not apply
 * here.
 */
function explainParseError(error: unknown): string {
  const message = errorMessage(error);
  const code = (error as NodeJS.ErrnoException).code;
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== null) {
    return `unknown option ${unknown[1]}`;
  }
  const missing = /^Option '([^ ']+)[^']*' argument missing/.exec(message);
  if (missing !== null) {
    return `option ${missing[1]} needs a value`;
  }
  return message;
}

/**
 * Rejects `--secret` before parsing, with advice, because a secret on the
 * command line is visible to other users in the process list.
 */
function rejectSecretOption(argv: readonly string[]): void {
  if (argv.some((arg) => arg === '--secret' || arg.startsWith('--secret='))) {
    throw new UsageError(
      `there is no --secret option: set the ${SECRET_ENV} environment ` +
        'variable instead, so the secret stays out of the process list ' +
        'and shell history',
    );
  }
}

function toDeployCommand(values: ParsedValues): DeployCommand {
  if (values.url === undefined) {
    throw new UsageError('missing --url: give the receiver API prefix');
  }
  try {
    deployEndpoint(values.url);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  if ((values.path === undefined) === (values.archive === undefined)) {
    throw new UsageError('give exactly one of --path DIR and --archive FILE');
  }
  if (values.archive !== undefined && values.exclude !== undefined) {
    throw new UsageError('--exclude applies to --path only, not to --archive');
  }
  return {
    url: values.url,
    path: values.path,
    archivePath: values.archive,
    site: values.site ?? DEFAULT_SITE,
    exclude: values.exclude ?? [],
    timeoutSeconds: integerOption(
      values['timeout-seconds'],
      'timeout-seconds',
      DEFAULT_TIMEOUT_SECONDS,
      1,
    ),
    retries: integerOption(values.retries, 'retries', DEFAULT_RETRIES, 0),
    dryRun: values['dry-run'] ?? false,
    message: values.message,
  };
}

function integerOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: 0 | 1,
): number {
  if (value === undefined) {
    return fallback;
  }
  try {
    return parseIntegerSetting(`--${name}`, value, min);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}
