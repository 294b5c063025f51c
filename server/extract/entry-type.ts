import type { Entry } from 'yauzl';

import { DeployError } from '../errors.js';
import { quoteEntryName, type EntryName } from './entry-name.js';

/** General purpose bit 0: the entry data is encrypted. */
const ENCRYPTED_FLAG = 0x1;
/**
 * Hosts in "version made by" (APPNOTE 4.4.2) whose external attributes
 * carry a Unix mode in the high 16 bits: 3 is Unix and 19 is OS X.
 */
const UNIX_MODE_HOSTS = new Set([3, 19]);

const STORED = 0;
const DEFLATED = 8;

/** Names of compression methods, numbered as in the .ZIP specification. */
const METHOD_NAMES: Readonly<Record<number, string>> = {
  1: 'Shrink',
  6: 'Implode',
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
  99: 'AES encryption',
};

const FILE_TYPE_MASK = 0o170000;
const REGULAR_FILE = 0o100000;
const FOLDER = 0o040000;

/** Names of the Unix file types that the receiver rejects. */
const REJECTED_TYPE_NAMES: Readonly<Record<number, string>> = {
  0o010000: 'a FIFO',
  0o020000: 'a character device',
  0o060000: 'a block device',
  0o120000: 'a symbolic link',
  0o140000: 'a socket',
};

/**
 * Checks that an entry is an unencrypted regular file or folder, stored or
 * deflated. Throws DeployError with code encrypted_entry,
 * unsupported_compression, unsupported_entry_type or invalid_archive.
 */
export function checkEntryType(entry: Entry, name: EntryName): void {
  if (entry.generalPurposeBitFlag & ENCRYPTED_FLAG) {
    throw new DeployError(
      'encrypted_entry',
      `archive entry ${quoteEntryName(name.text)} is encrypted. Create the ` +
        'archive without a password.',
    );
  }
  checkCompressionMethod(entry, name);
  checkFileType(entry, name);
  if (name.isFolder && entry.uncompressedSize !== 0) {
    throw new DeployError(
      'invalid_archive',
      `folder entry ${quoteEntryName(name.text)} declares ` +
        `${entry.uncompressedSize} bytes of content, but folder entries ` +
        'must be empty.',
    );
  }
}

function checkCompressionMethod(entry: Entry, name: EntryName): void {
  const method = entry.compressionMethod;
  if (method === STORED || method === DEFLATED) return;

  const methodName = METHOD_NAMES[method];
  const described = methodName ? `${method} (${methodName})` : `${method}`;
  throw new DeployError(
    'unsupported_compression',
    `archive entry ${quoteEntryName(name.text)} uses compression method ` +
      `${described}. Only methods 0 (stored) and 8 (deflate) are supported.`,
  );
}

/**
 * Rejects special files. The mode is read only from Unix hosts, and a mode
 * of 0 is accepted because many tools write no mode at all. The permission
 * bits are ignored, because the receiver sets its own.
 */
function checkFileType(entry: Entry, name: EntryName): void {
  if (!UNIX_MODE_HOSTS.has(entry.versionMadeBy >> 8)) return;
  const fileType = (entry.externalFileAttributes >>> 16) & FILE_TYPE_MASK;
  if (fileType === 0) return;
  if (fileType === REGULAR_FILE && !name.isFolder) return;
  if (fileType === FOLDER && name.isFolder) return;

  throw new DeployError(
    'unsupported_entry_type',
    `archive entry ${quoteEntryName(name.text)} is ${describeFileType(fileType, name)}. ` +
      'Archives may contain only regular files and folders, and folder ' +
      'names must end with "/".',
  );
}

function describeFileType(fileType: number, name: EntryName): string {
  if (fileType === REGULAR_FILE) return 'a regular file with a folder name';
  if (fileType === FOLDER && !name.isFolder) {
    return 'a folder whose name does not end with "/"';
  }
  const typeName = REJECTED_TYPE_NAMES[fileType];
  return typeName ?? `of unknown Unix file type 0o${fileType.toString(8)}`;
}
