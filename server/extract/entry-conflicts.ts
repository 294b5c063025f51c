import { DeployError } from '../errors.js';
import {
  escapeCharacter,
  quoteEntryName,
  type EntryName,
} from './entry-name.js';

interface KeyedName {
  name: EntryName;
  key: string;
}

/**
 * Checks that every entry has a path of its own. Rejects a path that occurs
 * twice (with or without the trailing slash), two names that are equal after
 * NFC normalization, and a file that is also the parent folder of another
 * entry. Throws DeployError with code duplicate_entry.
 */
export function checkNameConflicts(names: readonly EntryName[]): void {
  const keyed = names.map((name) => ({ name, key: sortKey(name.path) }));
  // Sorting keeps memory at one key per entry. Because the key maps "/" to
  // NUL, which valid names never contain, the order compares paths segment by
  // segment, and every entry's descendants directly follow it.
  keyed.sort(compareKeys);
  for (let i = 1; i < keyed.length; i += 1) {
    checkPair(keyed[i - 1], keyed[i]);
  }
}

// Names that differ only in case are both accepted, because the receiver runs
// on Linux, where file systems and so the served URLs are case-sensitive.
// Names that are equal after NFC normalization but differ in bytes look the
// same to people and to some tools, so one of them is rejected.
function sortKey(path: string): string {
  return path.normalize('NFC').replaceAll('/', '\0');
}

function compareKeys(a: KeyedName, b: KeyedName): number {
  if (a.key < b.key) return -1;
  if (a.key > b.key) return 1;
  return 0;
}

function checkPair(previous: KeyedName, next: KeyedName): void {
  if (previous.key === next.key) {
    throw new DeployError('duplicate_entry', describeDuplicate(previous, next));
  }
  if (!previous.name.isFolder && next.key.startsWith(previous.key + '\0')) {
    throw new DeployError(
      'duplicate_entry',
      `archive entry ${quoteEntryName(next.name.text)} is inside ` +
        `${quoteEntryName(previous.name.text)}, which is a file. A path ` +
        'cannot be both a file and a folder.',
    );
  }
}

function describeDuplicate(previous: KeyedName, next: KeyedName): string {
  const first = previous.name;
  const second = next.name;
  if (first.path !== second.path) {
    return (
      `archive entries ${escapeNonAscii(first.text)} and ` +
      `${escapeNonAscii(second.text)} are the same name in different ` +
      'Unicode normalization forms. Rename one of them, or normalize all ' +
      'names to NFC before packing.'
    );
  }
  if (first.isFolder !== second.isFolder) {
    return (
      `archive contains ${quoteEntryName(first.path)} both as a file and ` +
      'as a folder. A path cannot be both.'
    );
  }
  return (
    `archive contains the entry ${quoteEntryName(first.text)} more than ` +
    'once. Each path may occur only once.'
  );
}

// Names in different normalization forms look identical when printed, so
// the message shows their non-ASCII characters as \u escapes.
function escapeNonAscii(name: string): string {
  return quoteEntryName(name).replace(/[^\x20-\x7e]/g, (character) =>
    escapeCharacter(character),
  );
}
