import type { Entry } from 'yauzl';

import { DeployError } from '../errors.js';
import { quoteEntryName, type EntryName } from './entry-name.js';

/** Size in bytes of a local file header with an empty name and extra field. */
const LOCAL_HEADER_MIN_BYTES = 30;

/** An entry that passed validation, ready to extract. */
export interface PlannedEntry {
  name: EntryName;
  entry: Entry;
}

/** Returns a copy of `entries` sorted by the offset of their local header. */
export function sortByOffset(entries: readonly PlannedEntry[]): PlannedEntry[] {
  return entries.toSorted(
    (a, b) =>
      a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader,
  );
}

/**
 * Checks that each entry's local header and data end before the next entry
 * starts. `sorted` must be ordered by offset. Overlapping entries let many
 * central directory records share one block of compressed data, which
 * multiplies the unpacked size without growing the archive. Throws
 * DeployError with code invalid_archive.
 */
export function checkOverlaps(sorted: readonly PlannedEntry[]): void {
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    const next = sorted[i];
    const start = previous.entry.relativeOffsetOfLocalHeader;
    const minimumEnd =
      start + LOCAL_HEADER_MIN_BYTES + previous.entry.compressedSize;
    if (minimumEnd <= next.entry.relativeOffsetOfLocalHeader) continue;

    throw new DeployError(
      'invalid_archive',
      `archive entries ${quoteEntryName(previous.name.text)} and ` +
        `${quoteEntryName(next.name.text)} overlap. The entry at byte ` +
        `${start} needs at least ${minimumEnd - start} bytes, but the next ` +
        `entry starts at byte ${next.entry.relativeOffsetOfLocalHeader}. ` +
        'Create the archive again with a standard zip tool.',
    );
  }
}
