import yauzl, { type ZipFile } from 'yauzl';

import { toExtractError } from './archive-errors.js';
import { readEntries } from './central-directory.js';
import type { ExtractLimits } from './limits.js';
import { writeEntries, type ExtractSummary } from './write-entries.js';

/**
 * Extracts the zip archive at `archivePath` into `stagingDir`, which must be
 * an empty folder that the caller created and deletes if this rejects.
 *
 * The whole central directory is validated against `limits` before the first
 * byte is written, then the entries are extracted one at a time. Rejections
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
  const zipfile = await openArchive(archivePath);
  let summary: ExtractSummary;
  try {
    const entries = await readEntries(zipfile, archivePath, limits);
    summary = await writeEntries(zipfile, entries, stagingDir, limits);
  } catch (error) {
    // The first error is the one to report, so a failure to close is dropped.
    await closeArchive(zipfile).catch(() => undefined);
    throw toExtractError(error);
  }
  await closeArchive(zipfile);
  return summary;
}

async function openArchive(archivePath: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(archivePath, {
      lazyEntries: true,
      // Raw name bytes, so that names are decoded as strict UTF-8 here
      // rather than guessed as CP437 and cleaned up by yauzl.
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
      strictFileNames: false,
    });
  } catch (error) {
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
