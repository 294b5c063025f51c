import type { Command } from './cli-options.js';
import { stderrLogger, type CliIo } from './cli-io.js';
import { formatReleaseTable } from './release-table.js';
import {
  activateRelease,
  describeActivation,
  listReleases,
} from './releases-api.js';
import { rollback } from './rollback.js';

/** A parsed `releases`, `rollback` or `activate` command. */
export type ReleaseCommand = Extract<
  Command,
  { kind: 'releases' | 'rollback' | 'activate' }
>;

/**
 * Runs a release history command and prints its result to stdout: the
 * receiver's JSON with `--json`, otherwise a table or a sentence. Progress
 * and warnings go to stderr.
 *
 * @throws DeployFailedError when the receiver rejects a request or cannot
 *   be reached, and Error when no release qualifies for a rollback.
 */
export async function runReleaseCommand(
  command: ReleaseCommand,
  secrets: readonly string[],
  io: CliIo,
): Promise<void> {
  const options = { ...command.receiver, secrets, log: stderrLogger(io) };
  if (command.kind === 'releases') {
    const list = await listReleases(options);
    io.stdout(command.json ? formatJson(list) : formatReleaseTable(list));
    return;
  }

  const result =
    command.kind === 'rollback'
      ? await rollback({ ...options, to: command.to })
      : await activateRelease(options, command.release);
  io.stdout(
    command.json ? formatJson(result) : `${describeActivation(result)}\n`,
  );
}

function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
