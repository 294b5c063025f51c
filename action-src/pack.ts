import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { errorMessage } from './error-message.js';
import { listSiteFiles } from './site-files.js';
import { writeZip } from './zip.js';

/** Options for {@link packSite}. */
export interface PackOptions {
  /** Globs of paths to leave out, relative to the site folder. */
  exclude?: readonly string[];
}

/** A site packed into a temporary zip archive. */
export interface PackedSite {
  archivePath: string;
  /** SHA-256 of the archive bytes, lowercase hex. */
  sha256: string;
  /** Size of the archive in bytes. */
  bytes: number;
  /** Number of files in the archive. */
  files: number;
  /** Deletes the archive and its temporary folder. */
  remove(): Promise<void>;
}

/**
 * Packs a built site folder into a zip archive in a new temporary folder.
 * See {@link listSiteFiles} for which files are included and in what
 * order. The caller must call `remove()` when done with the archive. On
 * failure the temporary folder is removed before the error is thrown.
 *
 * @throws Error when the folder has no files to deploy or a file cannot be
 *   listed or read.
 */
export async function packSite(
  dir: string,
  options: PackOptions = {},
): Promise<PackedSite> {
  const files = await listSiteFiles(dir, options.exclude);
  if (files.length === 0) {
    throw new Error(
      `site folder ${dir} contains no files to deploy after leaving out ` +
        '.git and the exclude patterns',
    );
  }

  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-'));
  const remove = () => rm(tempDir, { recursive: true, force: true });
  const archivePath = path.join(tempDir, 'site.zip');
  try {
    const { sha256, bytes } = await writeZip(files, archivePath);
    return { archivePath, sha256, bytes, files: files.length, remove };
  } catch (error) {
    await remove();
    throw new Error(`failed to pack ${dir}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}
