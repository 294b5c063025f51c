import { open } from 'node:fs/promises';

import yauzl, { type ZipFile } from 'yauzl';

import { toExtractError } from './archive-errors.js';
import { BlockCachedReader } from './archive-reader.js';
import { readEntries } from './central-directory.js';
import type { ExtractLimits } from './limits.js';
import {
  writeEntries,
  type ArchiveSource,
  type ExtractSummary,
} from './write-entries.js';

/**
 * Extracts the zip archive at `archivePath` into `stagingDir`, which must be
 * an empty folder that the caller created and deletes if this rejects.
 *
 * The whole central directory is validated against `limits` before the first
 * byte is written, then the entries are extracted several at a time. Rejections
 * for the archive's content are DeployErrors with a message that names the
 * entry and the fix. File system faults of the receiver other than a full
 * disk are rethrown as they are. Every file written into `stagingDir` is
 * closed before the promise settles, and so is the archive once yauzl has
 * opened it.
 */
export async function extractArchive(
  archivePath: string,
  stagingDir: string,
  limits: ExtractLimits,
): Promise<ExtractSummary> {
  const source = await openArchive(archivePath);
  const { zipfile } = source;
  let summary: ExtractSummary;
  try {
    const entries = await readEntries(zipfile, archivePath, limits);
    summary = await writeEntries(source, entries, stagingDir, limits);
  } catch (error) {
    // The first error is the one to report, so a failure to close is dropped.
    await closeArchive(zipfile).catch(() => undefined);
    throw toExtractError(error);
  }
  await closeArchive(zipfile);
  return summary;
}

async function openArchive(archivePath: string): Promise<ArchiveSource> {
  const handle = await open(archivePath, 'r');
  try {
    const reader = new BlockCachedReader(handle, (await handle.stat()).size);
    const zipfile = await yauzl.fromRandomAccessReaderPromise(
      reader,
      reader.fileBytes,
      {
        // Raw name bytes, so that names are decoded as strict UTF-8 here
        // rather than guessed as CP437 and cleaned up by yauzl.
        decodeStrings: false,
        // Stored sizes are checked with the entry's name in
        // central-directory.ts, and inflated sizes by the byte counter.
        validateEntrySizes: false,
        autoClose: false,
        strictFileNames: false,
      },
    );
    return { zipfile, reader };
  } catch (error) {
    // yauzl closes the reader only through a ZipFile it returned.
    await handle.close().catch(() => undefined);
    throw toExtractError(error);
  }
}

/**
 * Closes the archive and waits until yauzl has closed its file descriptor,
 * which it does once every read stream has ended or been destroyed.
 */
function closeArchive(zipfile: ZipFile): Promise<void> {
  return new Promise((resolve, reject) => {
    zipfile.once('close', () => resolve());
    zipfile.once('error', reject);
    zipfile.close();
  });
}
