import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { ZipArchive, type ZipEntryData } from 'archiver';

import { HashTap } from './hash.js';
import type { SiteFile } from './site-files.js';

/** Deflate level: zlib's default trade-off between size and speed. */
const DEFLATE_LEVEL = 6;

/**
 * Extensions of formats that are already compressed. Deflating them again
 * costs time and saves next to nothing, so they are stored as they are.
 * `.ico` is absent on purpose: icon files are mostly raw bitmaps and
 * deflate well.
 */
const STORED_EXTENSIONS = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.avif',
  '.woff',
  '.woff2',
  '.zip',
  '.gz',
  '.br',
  '.zst',
  '.mp4',
  '.webm',
  '.mp3',
  '.ogg',
  '.pdf',
]);

/**
 * Returns whether a file name has the extension of an already-compressed
 * format.
 */
export function isPrecompressed(name: string): boolean {
  return STORED_EXTENSIONS.has(path.posix.extname(name).toLowerCase());
}

/**
 * Writes `files` into a new zip archive at `archivePath`, hashing the bytes
 * on their way to disk. The promise settles only after the file is closed.
 *
 * Any archiver warning or error, such as a file that cannot be read or has
 * disappeared since it was listed, fails the whole write, so a partial
 * archive is never reported as complete.
 *
 * @returns The SHA-256 (lowercase hex) and size in bytes of the archive.
 */
export async function writeZip(
  files: readonly SiteFile[],
  archivePath: string,
): Promise<{ sha256: string; bytes: number }> {
  const archive = new ZipArchive({ zlib: { level: DEFLATE_LEVEL } });
  const tap = new HashTap();
  archive.on('warning', (warning) => {
    archive.abort();
    archive.destroy(warning);
  });
  const written = pipeline(
    archive,
    tap,
    createWriteStream(archivePath, { flags: 'wx' }),
  );

  for (const file of files) {
    const entry: ZipEntryData = {
      name: file.name,
      stats: file.stats,
      store: isPrecompressed(file.name),
    };
    archive.file(file.sourcePath, entry);
  }
  // finalize() rejects on the same errors that fail the pipeline, and it
  // never settles after abort(), so only the pipeline is awaited.
  archive.finalize().catch(() => {});

  await written;
  return { sha256: tap.digest(), bytes: tap.bytes };
}
