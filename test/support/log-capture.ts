import { Writable } from 'node:stream';

import type { Logger } from 'pino';

import { createLogger } from '../../server/logger.js';

/** A receiver logger that keeps every line it writes in memory. */
export interface CapturedLogger {
  logger: Logger;
  /** Every log line written so far, parsed. */
  entries(): Array<Record<string, unknown>>;
  /** The lines whose message is `message`. */
  withMessage(message: string): Array<Record<string, unknown>>;
}

/** Creates a logger at level info that writes into memory. */
export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const entries = () =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    logger: createLogger('info', destination),
    entries,
    withMessage: (message) =>
      entries().filter((entry) => entry.msg === message),
  };
}
