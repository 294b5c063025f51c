import type { Logger } from './log.js';

/** Output streams of the CLI. Tests pass their own to capture the output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Returns a logger that writes progress and warnings to stderr. */
export function stderrLogger(io: CliIo): Logger {
  return {
    info: (message) => io.stderr(`${message}\n`),
    warning: (message) => io.stderr(`warning: ${message}\n`),
  };
}
