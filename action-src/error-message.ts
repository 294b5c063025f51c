import { types } from 'node:util';

/**
 * Returns an error's message, or the value as a string for anything else
 * that was thrown. Errors are recognized with isNativeError as well as
 * instanceof, because errors from Node's own modules can come from another
 * realm (as they do under Jest's module sandbox).
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error || types.isNativeError(error)) {
    return error.message;
  }
  return String(error);
}
