import { parseArgs } from 'node:util';

import { deployEndpoint } from './endpoint.js';
import { errorMessage } from './error-message.js';
import { parseIntegerSetting } from './integer-input.js';
import {
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_SECONDS,
} from './send-with-retries.js';
import {
  checkReleaseName,
  checkSiteName,
  DEFAULT_SITE,
} from './target-names.js';

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

/** Receiver settings that every command takes, checked and converted. */
export interface ReceiverSettings {
  url: string;
  site: string;
  timeoutSeconds: number;
  retries: number;
}

/** Settings of a `deploy` command, checked and converted. */
export interface DeployCommand extends ReceiverSettings {
  path?: string;
  archivePath?: string;
  exclude: string[];
  dryRun: boolean;
  /** False for `--no-activate`, which stages the release. */
  activate: boolean;
  message?: string;
}

/** Command that a parsed command line requests. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'deploy'; deploy: DeployCommand }
  | { kind: 'releases'; receiver: ReceiverSettings; json: boolean }
  | {
      kind: 'rollback';
      receiver: ReceiverSettings;
      to?: string;
      json: boolean;
    }
  | {
      kind: 'activate';
      receiver: ReceiverSettings;
      release: string;
      json: boolean;
    };

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
  // Declared by name because parseArgs only gained allowNegative in Node
  // 20.16 and 22.4, and this package supports Node 20.15.
  'no-activate': { type: 'boolean' },
  json: { type: 'boolean' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

const COMMAND_NAMES = ['deploy', 'releases', 'rollback', 'activate'] as const;
type CommandName = (typeof COMMAND_NAMES)[number];

/** Options that every command takes. */
const RECEIVER_OPTIONS: readonly OptionName[] = [
  'url',
  'site',
  'timeout-seconds',
  'retries',
];

/** Options that only some commands take. */
const COMMAND_OPTIONS: Record<CommandName, readonly OptionName[]> = {
  deploy: ['path', 'archive', 'exclude', 'dry-run', 'message', 'no-activate'],
  releases: ['json'],
  rollback: ['to', 'json'],
  activate: ['json'],
};

/**
 * Parses the command line (without the node and script paths).
 *
 * @throws UsageError for unknown commands and options, options that the
 *   command does not take, missing or conflicting options, invalid numbers
 *   and invalid release ids.
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
  const [name, ...operands] = positionals;
  const command = checkCommandName(name);
  rejectForeignOptions(command, values);
  return COMMAND_BUILDERS[command](operands, values);
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

function checkCommandName(name: string | undefined): CommandName {
  const expected = 'expected deploy, releases, rollback or activate';
  if (name === undefined) {
    throw new UsageError(`missing command: ${expected}`);
  }
  if (!(COMMAND_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown command "${name}": ${expected}`);
  }
  return name as CommandName;
}

function rejectForeignOptions(command: CommandName, values: ParsedValues) {
  const allowed = [...RECEIVER_OPTIONS, ...COMMAND_OPTIONS[command]];
  for (const option of Object.keys(values) as OptionName[]) {
    if (!allowed.includes(option)) {
      throw new UsageError(`--${option} does not apply to ${command}`);
    }
  }
}

/** Builds each command's settings from its operands and options. */
const COMMAND_BUILDERS: Record<
  CommandName,
  (operands: readonly string[], values: ParsedValues) => Command
> = {
  deploy: (operands, values) => {
    rejectOperands('deploy', operands);
    return { kind: 'deploy', deploy: toDeployCommand(values) };
  },
  releases: (operands, values) => {
    rejectOperands('releases', operands);
    const receiver = toReceiverSettings(values);
    return { kind: 'releases', receiver, json: values.json ?? false };
  },
  rollback: (operands, values) => {
    rejectOperands('rollback', operands);
    const receiver = toReceiverSettings(values);
    const to =
      values.to === undefined ? undefined : releaseName('--to', values.to);
    return { kind: 'rollback', receiver, to, json: values.json ?? false };
  },
  activate: (operands, values) => ({
    kind: 'activate',
    receiver: toReceiverSettings(values),
    release: releaseOperand(operands),
    json: values.json ?? false,
  }),
};

function rejectOperands(command: CommandName, operands: readonly string[]) {
  if (operands.length > 0) {
    throw new UsageError(
      `unexpected argument "${operands[0]}": ${command} takes no arguments`,
    );
  }
}

function releaseOperand(operands: readonly string[]): string {
  if (operands.length === 0) {
    throw new UsageError(
      'missing release: give the release to make live, as in ' +
        '"static-deploy activate RELEASE"; "static-deploy releases" lists them',
    );
  }
  if (operands.length > 1) {
    throw new UsageError(
      `activate takes one release, got ${operands.length} arguments`,
    );
  }
  return releaseName('RELEASE', operands[0]);
}

function releaseName(source: string, value: string): string {
  try {
    return checkReleaseName(value);
  } catch (error) {
    throw new UsageError(`${source}: ${errorMessage(error)}`);
  }
}

function siteName(value: string): string {
  try {
    return checkSiteName(value);
  } catch (error) {
    throw new UsageError(`--site: ${errorMessage(error)}`);
  }
}

function toReceiverSettings(values: ParsedValues): ReceiverSettings {
  if (values.url === undefined) {
    throw new UsageError('missing --url: give the receiver API prefix');
  }
  try {
    deployEndpoint(values.url);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  return {
    url: values.url,
    site: siteName(values.site ?? DEFAULT_SITE),
    timeoutSeconds: integerOption(
      values['timeout-seconds'],
      'timeout-seconds',
      DEFAULT_TIMEOUT_SECONDS,
      1,
    ),
    retries: integerOption(values.retries, 'retries', DEFAULT_RETRIES, 0),
  };
}

function toDeployCommand(values: ParsedValues): DeployCommand {
  const receiver = toReceiverSettings(values);
  if ((values.path === undefined) === (values.archive === undefined)) {
    throw new UsageError('give exactly one of --path DIR and --archive FILE');
  }
  if (values.archive !== undefined && values.exclude !== undefined) {
    throw new UsageError('--exclude applies to --path only, not to --archive');
  }
  return {
    ...receiver,
    path: values.path,
    archivePath: values.archive,
    exclude: values.exclude ?? [],
    dryRun: values['dry-run'] ?? false,
    activate: !(values['no-activate'] ?? false),
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
