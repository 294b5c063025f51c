/**
 * Progress reporting for a deploy. The action passes `@actions/core`'s
 * `info` and `warning`, and the CLI writes to stderr, so the deploy code
 * itself stays free of either.
 */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
}

/** A logger that discards everything, for callers that pass none. */
export const SILENT_LOGGER: Logger = {
  info: () => {},
  warning: () => {},
};
