import { DeployError, isStorageFull } from '../errors.js';
import { quoteEntryName } from './entry-name.js';

/**
 * Error codes of file system calls that mean an entry's path is already
 * taken. Validation rules this out on case-sensitive file systems, but names
 * that differ only in case collide on case-insensitive ones.
 */
const PATH_TAKEN_CODES = new Set(['EEXIST', 'ENOTDIR', 'EISDIR']);

// yauzl 3.4.0 raises this before it returns the entry, so the entry cannot be
// checked for general purpose bit 0 like the others.
const STRONG_ENCRYPTION_MESSAGE = 'strong encryption is not supported';

/**
 * Converts an error raised while reading an archive or writing one of its
 * entries into the DeployError the client is sent. A DeployError passes
 * unchanged. A full disk or quota becomes insufficient_storage. Other file
 * system errors are faults of the receiver rather than of the archive, so
 * they are returned unchanged for the caller to report as internal errors.
 * All other errors come from yauzl or zlib parsing the archive, and become
 * invalid_archive.
 *
 * `nameText` is the name of the entry being written, if any.
 */
export function toExtractError(error: unknown, nameText?: string): unknown {
  if (error instanceof DeployError) return error;
  if (error instanceof IncompatibleYauzlError) return error;
  if (isStorageFull(error)) {
    return new DeployError(
      'insufficient_storage',
      'the receiver ran out of disk space while unpacking the archive. Try ' +
        'again after its operator frees space.',
      { cause: error },
    );
  }
  if (isSystemError(error)) {
    return pathTakenError(error, nameText) ?? error;
  }
  if (errorMessage(error) === STRONG_ENCRYPTION_MESSAGE) {
    return new DeployError(
      'encrypted_entry',
      'archive contains an entry with strong encryption. Create the ' +
        'archive without a password.',
      { cause: error },
    );
  }
  return invalidArchiveError(error, nameText);
}

/**
 * Raised when the installed yauzl lacks an internal this module relies on.
 * It is the receiver's fault, not the archive's, so it stays a 500.
 */
export class IncompatibleYauzlError extends Error {}

/**
 * Node.js system errors carry the failed call in `syscall`, zlib's do not.
 * No `instanceof Error` check, because errors from Node.js internals can
 * come from another realm, as they do under Jest.
 */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return typeof error === 'object' && error !== null && 'syscall' in error;
}

function pathTakenError(
  error: NodeJS.ErrnoException,
  nameText: string | undefined,
): DeployError | undefined {
  if (nameText === undefined || !PATH_TAKEN_CODES.has(error.code ?? '')) {
    return undefined;
  }
  return new DeployError(
    'duplicate_entry',
    `archive entry ${quoteEntryName(nameText)} collides with a path that ` +
      'already exists on the receiver, such as an earlier entry whose name ' +
      'differs only in case on a case-insensitive file system. Rename the ' +
      'entry.',
    { cause: error },
  );
}

function invalidArchiveError(
  error: unknown,
  nameText: string | undefined,
): DeployError {
  const reason = errorMessage(error).replace(/\.$/, '');
  const subject =
    nameText === undefined
      ? 'archive is not a valid zip file'
      : `archive entry ${quoteEntryName(nameText)} could not be read`;
  return new DeployError(
    'invalid_archive',
    `${subject} (${reason}). Check that the upload is complete, or create ` +
      'the archive again with a standard zip tool.',
    { cause: error },
  );
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}
