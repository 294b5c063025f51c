import yauzl from 'yauzl';

import { errorMessage } from './error-message.js';
import { hashFile } from './hash.js';
import type { Logger } from './log.js';
import { packSite } from './pack.js';

/** The archive that a deploy sends, whether packed here or built elsewhere. */
export interface ArchiveToSend {
  archivePath: string;
  sha256: string;
  bytes: number;
  files: number;
  /**
   * Deletes the archive if this process created it, and keeps a prebuilt one.
   */
  remove(): Promise<void>;
}

/**
 * Source of the archive to send, with exactly one of `path` and `archivePath`
 * set.
 */
export interface ArchiveSource {
  /** Site folder to pack. */
  path?: string;
  /** Globs of paths to leave out when packing `path`. */
  exclude?: readonly string[];
  /** A zip archive built elsewhere, sent as it is. */
  archivePath?: string;
}

/**
 * Packs the site folder, or hashes and checks a prebuilt archive.
 *
 * @throws TypeError unless exactly one of `path` and `archivePath` is set,
 *   and Error when packing fails or the prebuilt file is not a zip archive.
 */
export async function prepareArchive(
  source: ArchiveSource,
  log: Logger,
): Promise<ArchiveToSend> {
  if ((source.path === undefined) === (source.archivePath === undefined)) {
    throw new TypeError('set either a site folder path or an archivePath');
  }
  if (source.archivePath !== undefined) {
    return inspectPrebuilt(source.archivePath, log);
  }

  const startedMs = performance.now();
  const packed = await packSite(source.path as string, {
    exclude: source.exclude,
  });
  const ms = Math.round(performance.now() - startedMs);
  log.info(
    `packed ${packed.files} files from ${source.path} ` +
      `into a ${packed.bytes}-byte archive in ${ms} ms`,
  );
  return packed;
}

async function inspectPrebuilt(
  archivePath: string,
  log: Logger,
): Promise<ArchiveToSend> {
  const files = await countZipFiles(archivePath);
  const { sha256, bytes } = await hashFile(archivePath);
  log.info(
    `sending the prebuilt archive ${archivePath}: ` +
      `${files} files, ${bytes} bytes`,
  );
  return { archivePath, sha256, bytes, files, remove: async () => {} };
}

/**
 * Counts the file entries of a zip archive from its central directory,
 * without reading any file data. Folder entries are not counted.
 */
async function countZipFiles(archivePath: string): Promise<number> {
  let zipFile: yauzl.ZipFile;
  try {
    zipFile = await yauzl.openPromise(archivePath, { lazyEntries: true });
  } catch (error) {
    throw new Error(`invalid archive ${archivePath}: ${errorMessage(error)}`, {
      cause: error,
    });
  }

  return new Promise((resolve, reject) => {
    let files = 0;
    zipFile.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) {
        files += 1;
      }
      zipFile.readEntry();
    });
    zipFile.on('end', () => resolve(files));
    zipFile.on('error', (error: Error) =>
      reject(new Error(`invalid archive ${archivePath}: ${error.message}`)),
    );
    zipFile.readEntry();
  });
}
