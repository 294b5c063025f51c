/**
 * Codes for failures that happen before the receiver sends an error body.
 * Every other `code` is one of the receiver's error codes.
 */
export type ClientErrorCode =
  'network_error' | 'timeout' | 'invalid_response' | 'redirect';

/** Details of a {@link DeployFailedError}. */
export interface DeployFailureDetails {
  /** HTTP status of the response, absent when no response arrived. */
  status?: number;
  /** The receiver's error code, or a {@link ClientErrorCode}. */
  code: string;
  /** The receiver's own `message`, when its error body had one. */
  receiverMessage?: string;
  /** Whether another attempt with the same deployment id may succeed. */
  retryable: boolean;
  /** Seconds the receiver asked the client to wait, from Retry-After. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * A signed request (a deploy, a release list or an activation) that the
 * receiver rejected or that could not reach it. The `code` is stable and
 * machine-readable, and the message is safe to show in a build log.
 */
export class DeployFailedError extends Error {
  readonly status?: number;
  readonly code: string;
  readonly receiverMessage?: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;

  constructor(message: string, details: DeployFailureDetails) {
    super(message, { cause: details.cause });
    this.name = 'DeployFailedError';
    this.status = details.status;
    this.code = details.code;
    this.receiverMessage = details.receiverMessage;
    this.retryable = details.retryable;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
