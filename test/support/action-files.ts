import { readFile } from 'node:fs/promises';

/**
 * Parses a GITHUB_OUTPUT file as @actions/core writes it: `name<<DELIMITER`,
 * the value's lines, then the delimiter, or plain `name=value` lines.
 */
export async function readActionOutputs(
  file: string,
): Promise<Record<string, string>> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const outputs: Record<string, string> = {};
  for (let index = 0; index < lines.length; index += 1) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[index]);
    if (heredoc !== null) {
      const end = lines.indexOf(heredoc[2], index + 1);
      outputs[heredoc[1]] = lines.slice(index + 1, end).join('\n');
      index = end;
      continue;
    }
    const plain = /^([^=]+)=(.*)$/.exec(lines[index]);
    if (plain !== null) {
      outputs[plain[1]] = plain[2];
    }
  }
  return outputs;
}
