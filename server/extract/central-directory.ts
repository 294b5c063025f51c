import { setImmediate as nextTurn } from 'node:timers/promises';

import yauzl, { type Entry, type ZipFile } from 'yauzl';

import { DeployError } from '../errors.js';
import { checkNameConflicts } from './entry-conflicts.js';
import {
  checkOverlaps,
  sortByOffset,
  type PlannedEntry,
} from './entry-layout.js';
import { parseEntryName, quoteEntryName } from './entry-name.js';
import { checkEntryType } from './entry-type.js';
import { RATIO_CHECK_MIN_BYTES, type ExtractLimits } from './limits.js';
import { checkNoUncountedRecords } from './uncounted-records.js';

/**
 * Records parsed between two turns of the event loop. Records come from
 * cached blocks, so without a pause the loop ran 10,000 of them as one
 * chain of microtasks and held up requests to the live site for up to
 * 95 ms.
 */
const RECORDS_PER_TURN = 500;

/** Zip compression method 0: the data is stored as it is. */
const COMPRESSION_METHOD_STORED = 0;
/** General purpose bit 0: the entry is encrypted. */
const ENCRYPTED_FLAG = 0x1;

/**
 * Reads the whole central directory and validates every entry against
 * `limits` before anything is written: entry count, names, types, compression
 * methods, encryption, declared sizes, compression ratios, name conflicts and
 * overlapping entries. It also rejects records that the end of central
 * directory record does not count. `archivePath` is the file that `zipfile`
 * was opened from. Returns the entries sorted by the offset of their local
 * header. Throws DeployError for the first entry that fails, and lets
 * yauzl's errors for a malformed archive through.
 */
export async function readEntries(
  zipfile: ZipFile,
  archivePath: string,
  limits: ExtractLimits,
): Promise<PlannedEntry[]> {
  checkEntryCount(zipfile.entryCount, limits);

  const entries: PlannedEntry[] = [];
  let declaredBytes = 0;
  let compressedBytes = 0;
  for await (const entry of zipfile.eachEntry()) {
    checkEntryCount(entries.length + 1, limits);
    const planned = planEntry(entry, limits);
    declaredBytes += entry.uncompressedSize;
    compressedBytes += entry.compressedSize;
    checkDeclaredBytes(declaredBytes, planned, limits);
    entries.push(planned);
    if (entries.length % RECORDS_PER_TURN === 0) await nextTurn();
  }

  await checkNoUncountedRecords(zipfile, archivePath);
  checkHasFiles(entries);
  checkArchiveRatio(declaredBytes, compressedBytes, limits);
  await nextTurn();
  checkNameConflicts(entries.map((planned) => planned.name));
  await nextTurn();
  const sorted = sortByOffset(entries);
  checkOverlaps(sorted);
  return sorted;
}

function planEntry(entry: Entry, limits: ExtractLimits): PlannedEntry {
  const name = parseEntryName(entry.fileNameRaw, entry.generalPurposeBitFlag);
  checkStoredSizes(entry, name.text);
  checkEntryType(entry, name);
  checkCompressionRatio(entry, name.text, limits);
  return { name, entry: copyEntryFields(entry) };
}

// A yauzl Entry keeps subarrays of one buffer that contains the name, extra field
// and comment, up to 192 KiB per entry. Keeping a copy with only the fields
// that openReadStream() (yauzl 3.4.0) and the CRC-32 check read keeps memory
// proportional to maxEntries.
function copyEntryFields(entry: Entry): Entry {
  return Object.assign(new yauzl.Entry(), {
    generalPurposeBitFlag: entry.generalPurposeBitFlag,
    compressionMethod: entry.compressionMethod,
    crc32: entry.crc32,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
  });
}

/**
 * Checks that a stored entry's compressed size equals its uncompressed size,
 * plus the 12-byte header of traditional encryption when its flag is set.
 * It is the check of yauzl 3.4.0's validateEntrySizes option, which is off
 * because yauzl raises it before returning the entry, so its message could
 * not name the entry. Throws DeployError with code invalid_archive.
 */
function checkStoredSizes(entry: Entry, nameText: string): void {
  if (entry.compressionMethod !== COMPRESSION_METHOD_STORED) return;
  const encrypted = (entry.generalPurposeBitFlag & ENCRYPTED_FLAG) !== 0;
  const expected = entry.uncompressedSize + (encrypted ? 12 : 0);
  if (entry.compressedSize === expected) return;
  throw new DeployError(
    'invalid_archive',
    `archive entry ${quoteEntryName(nameText)} is stored without ` +
      `compression but declares ${entry.compressedSize} compressed and ` +
      `${entry.uncompressedSize} uncompressed bytes (size mismatch for ` +
      'stored file). The archive is corrupt, so create it again with a ' +
      'standard zip tool.',
  );
}

function checkEntryCount(count: number, limits: ExtractLimits): void {
  if (count <= limits.maxEntries) return;
  throw new DeployError(
    'too_many_entries',
    `archive lists at least ${count} entries, more than the limit of ` +
      `${limits.maxEntries}. Deploy fewer files, or ask the receiver's ` +
      'operator to raise the limit.',
  );
}

function checkCompressionRatio(
  entry: Entry,
  nameText: string,
  limits: ExtractLimits,
): void {
  if (entry.uncompressedSize <= RATIO_CHECK_MIN_BYTES) return;
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (ratio <= limits.maxCompressionRatio) return;

  throw new DeployError(
    'compression_ratio_exceeded',
    `archive entry ${quoteEntryName(nameText)} expands from ` +
      `${entry.compressedSize} to ${entry.uncompressedSize} bytes, a ` +
      `compression ratio of ${Math.round(ratio)}:1, more than the limit of ` +
      `${limits.maxCompressionRatio}:1. Such entries are rejected as likely ` +
      'zip bombs, so store this file without compression if it is genuine.',
  );
}

// Entries under RATIO_CHECK_MIN_BYTES skip the per-entry check, so many
// small, highly compressed entries are bounded by the ratio of the whole.
function checkArchiveRatio(
  declaredBytes: number,
  compressedBytes: number,
  limits: ExtractLimits,
): void {
  if (declaredBytes <= RATIO_CHECK_MIN_BYTES) return;
  const ratio = declaredBytes / Math.max(compressedBytes, 1);
  if (ratio <= limits.maxCompressionRatio) return;
  throw new DeployError(
    'compression_ratio_exceeded',
    `archive entries expand from ${compressedBytes} to ${declaredBytes} ` +
      `bytes in all, a compression ratio of ${Math.round(ratio)}:1, more ` +
      `than the limit of ${limits.maxCompressionRatio}:1. Such archives are ` +
      'rejected as likely zip bombs.',
  );
}

function checkDeclaredBytes(
  declaredBytes: number,
  planned: PlannedEntry,
  limits: ExtractLimits,
): void {
  if (declaredBytes <= limits.maxUnpackedBytes) return;
  throw new DeployError(
    'unpacked_too_large',
    `archive entries up to ${quoteEntryName(planned.name.text)} declare ` +
      `${declaredBytes} bytes of uncompressed data, more than the limit of ` +
      `${limits.maxUnpackedBytes} bytes. Deploy a ` +
      "smaller site, or ask the receiver's operator to raise the limit.",
  );
}

function checkHasFiles(entries: readonly PlannedEntry[]): void {
  if (entries.some((planned) => !planned.name.isFolder)) return;
  throw new DeployError(
    'invalid_archive',
    'archive contains no files. A deploy needs at least one file, because ' +
      'an empty release would blank the site.',
  );
}
