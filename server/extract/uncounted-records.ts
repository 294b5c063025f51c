import { open } from 'node:fs/promises';
import type { ZipFile } from 'yauzl';

import { DeployError } from '../errors.js';
import { IncompatibleYauzlError } from './archive-errors.js';

const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const SIGNATURE_BYTES = 4;

/**
 * Checks that no central directory record follows the last record that the
 * end of central directory record counts. yauzl 3.4.0 stops after that
 * count, so without this check an archive that counts too few entries would
 * deploy without the rest, although Python 3.11's zipfile lists them and
 * Info-ZIP UnZip 6.00 lists them with an error. Call it after every counted
 * entry has been read. Throws DeployError with code invalid_archive.
 */
export async function checkNoUncountedRecords(
  zipfile: ZipFile,
  archivePath: string,
): Promise<void> {
  const signature = await readSignature(archivePath, directoryEnd(zipfile));
  if (signature !== CENTRAL_HEADER_SIGNATURE) return;
  throw new DeployError(
    'invalid_archive',
    `archive's end of central directory record counts ` +
      `${zipfile.entryCount} entries, but the central directory contains ` +
      'more records. The archive is corrupt, so create it again with a ' +
      'standard zip tool.',
  );
}

/**
 * Returns the offset just past the last central directory record read.
 * NOTE: readEntryCursor is internal to yauzl 3.4.0 and mistyped as a boolean
 * in @types/yauzl. Without it every extraction fails with a 500.
 */
function directoryEnd(zipfile: ZipFile): number {
  const cursor: unknown = (zipfile as unknown as { readEntryCursor: unknown })
    .readEntryCursor;
  if (typeof cursor !== 'number') {
    throw new IncompatibleYauzlError(
      'yauzl ZipFile has no numeric readEntryCursor, so the central ' +
        'directory end cannot be checked. Update checkNoUncountedRecords ' +
        'for the installed yauzl version.',
    );
  }
  return cursor;
}

/** Reads the 4-byte signature at `position`, or undefined past the end. */
async function readSignature(
  archivePath: string,
  position: number,
): Promise<number | undefined> {
  const buffer = Buffer.alloc(SIGNATURE_BYTES);
  const handle = await open(archivePath, 'r');
  try {
    const { bytesRead } = await handle.read(
      buffer,
      0,
      SIGNATURE_BYTES,
      position,
    );
    return bytesRead < SIGNATURE_BYTES ? undefined : buffer.readUInt32LE(0);
  } finally {
    await handle.close();
  }
}
