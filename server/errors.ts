import { ERROR_STATUS, type ErrorCode } from '../protocol/index.js';

/**
 * A rejected request: the receiver responds to it with `{ code, message }` and
 * the status that belongs to `code`. The message is shown to the client, so
 * it names the problem and the fix but nothing internal.
 */
export class DeployError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Seconds after which the client may try again, sent as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DeployError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Error codes of the operating system that mean the disk or quota is full. */
const STORAGE_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Returns whether `error` is a file system error for a full disk or quota.
 * It checks the `code` property rather than `instanceof Error`, because
 * errors from another realm (a VM context, a worker) fail `instanceof`.
 */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_FULL_CODES.has(code);
}
