import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Creates the receiver's JSON logger. Request headers are never logged
 * whole, and the redact list is a second guard for fields that could carry
 * a secret or a signature.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service: 'static-deploy' },
      redact: {
        paths: [
          'secret',
          'secrets',
          'signature',
          'headers',
          '*.headers',
          'req.headers',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * Limits how many lines one kind of rejection writes per minute, so a flood
 * of bad requests cannot flood the log. The number left out is logged with
 * the next line of that kind.
 */
export class RejectionLog {
  readonly #logger: Logger;
  readonly #maxPerMinute: number;
  readonly #windows = new Map<
    string,
    { startedAt: number; logged: number; suppressed: number }
  >();

  constructor(logger: Logger, maxPerMinute = 30) {
    this.#logger = logger;
    this.#maxPerMinute = maxPerMinute;
  }

  write(code: string, fields: Record<string, unknown>, message: string): void {
    const now = Date.now();
    let window = this.#windows.get(code);
    if (window === undefined || now - window.startedAt >= 60_000) {
      const suppressed = window?.suppressed ?? 0;
      window = { startedAt: now, logged: 0, suppressed: 0 };
      this.#windows.set(code, window);
      if (suppressed > 0) {
        fields = { ...fields, suppressedSinceLastLine: suppressed };
      }
    }
    if (window.logged >= this.#maxPerMinute) {
      window.suppressed += 1;
      return;
    }
    window.logged += 1;
    this.#logger.warn({ ...fields, code }, message);
  }
}
