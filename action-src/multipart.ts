import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

import { ARCHIVE_FIELD } from '../protocol/index.js';

/** File name that the archive part carries; the receiver does not use it. */
const ARCHIVE_FILE_NAME = 'site.zip';

/** A multipart/form-data body whose size is known before it is sent. */
export interface MultipartBody {
  contentType: string;
  /** Exact size of the body in bytes, for the Content-Length header. */
  contentLength: number;
  /** Opens a fresh stream of the body, so each attempt can send it again. */
  open(): Readable;
}

/**
 * Describes a multipart/form-data body (RFC 7578) with a single file part
 * named `archive` that contains the zip file. The body is streamed from
 * disk on each `open()`, so the archive is never held in memory.
 *
 * @param archiveBytes Size of the file at `archivePath`, which must not
 *   change until the body is sent, since Content-Length is computed from it.
 */
export function multipartArchiveBody(
  archivePath: string,
  archiveBytes: number,
): MultipartBody {
  // The boundary has 192 random bits, so the chance that it also occurs in
  // the archive bytes is negligible and the archive is not scanned for it.
  const boundary = `static-deploy-${randomBytes(24).toString('hex')}`;
  const preamble = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${ARCHIVE_FIELD}"; ` +
      `filename="${ARCHIVE_FILE_NAME}"\r\n` +
      'Content-Type: application/zip\r\n' +
      '\r\n',
  );
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`);

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: preamble.length + archiveBytes + epilogue.length,
    open: () =>
      Readable.from(bodyChunks(archivePath, preamble, epilogue), {
        objectMode: false,
      }),
  };
}

async function* bodyChunks(
  archivePath: string,
  preamble: Buffer,
  epilogue: Buffer,
): AsyncGenerator<Buffer> {
  yield preamble;
  yield* createReadStream(archivePath);
  yield epilogue;
}
