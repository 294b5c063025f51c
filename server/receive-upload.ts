import formidable, { type Fields, type Files, type Part } from 'formidable';
import type { Context } from 'koa';

import { ARCHIVE_FIELD } from '../protocol/index.js';
import { DeployError } from './errors.js';

/** The archive file as it arrived: where formidable wrote it and its hash. */
export interface ReceivedArchive {
  path: string;
  bytes: number;
  sha256: string;
}

/** Room for multipart boundaries and part headers on top of the archive. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** formidable's internal error codes, from formidable/src/FormidableError.js (3.5). */
const FORMIDABLE = {
  aborted: 1002,
  maxFieldsSizeExceeded: 1006,
  maxFieldsExceeded: 1007,
  biggerThanTotalMaxFileSize: 1009,
  noEmptyFiles: 1010,
  malformedMultipart: 1012,
  missingMultipartBoundary: 1013,
  maxFilesExceeded: 1015,
  unknownTransferEncoding: 1014,
  biggerThanMaxFileSize: 1016,
} as const;

/** Raised when the client went away mid-upload, so no response can be sent. */
export class UploadAbortedError extends Error {}

/**
 * Rejects a body that cannot be a valid upload before any of it is read:
 * the wrong media type, or a declared length over the archive limit.
 */
export function checkUploadHeaders(
  ctx: Context,
  maxArchiveBytes: number,
): void {
  if (!ctx.is('multipart/form-data')) {
    throw new DeployError(
      'unsupported_media_type',
      `the body must be multipart/form-data with the archive in a file part named "${ARCHIVE_FIELD}"`,
    );
  }
  const declared = Number(ctx.get('content-length'));
  if (declared > maxArchiveBytes + MULTIPART_OVERHEAD_BYTES) {
    throw tooLarge(maxArchiveBytes);
  }
}

/**
 * Streams the multipart body into `uploadDir` with formidable, hashing the
 * archive bytes as they are written, and returns the archive part.
 * formidable names the file itself, so the client's filename is never used
 * for a path.
 */
export async function receiveArchive(
  ctx: Context,
  options: {
    uploadDir: string;
    maxArchiveBytes: number;
    idleTimeoutMs: number;
  },
): Promise<ReceivedArchive> {
  const form = formidable({
    uploadDir: options.uploadDir,
    maxFiles: 1,
    maxFields: 16,
    maxFieldsSize: 64 * 1024,
    maxFileSize: options.maxArchiveBytes,
    maxTotalFileSize: options.maxArchiveBytes,
    allowEmptyFiles: false,
    hashAlgorithm: 'sha256',
  });
  // Overriding onPart and handing the part on to _handlePart is the hook
  // that formidable 3.5's README documents for inspecting parts.
  form.onPart = (part) => {
    normalizeTransferEncoding(part);
    form._handlePart(part);
  };
  const files: formidable.File[] = [];
  form.on('fileBegin', (_name, file) => files.push(file));

  const stopGuards = guardUpload(ctx, files, options.idleTimeoutMs);
  let parsed: [Fields, Files];
  try {
    parsed = await form.parse(ctx.req);
  } catch (error) {
    throw translateParseError(error, options.maxArchiveBytes);
  } finally {
    stopGuards();
  }
  return pickArchive(...parsed);
}

/**
 * formidable 3.5 builds a StringDecoder from a text field's
 * Content-Transfer-Encoding, and for the standard values 7bit and 8bit that
 * throws inside an async listener, which would end the process. Both mean
 * plain bytes, so they are read as UTF-8 like a field without the header.
 * formidable rejects unknown encodings itself before this runs.
 */
function normalizeTransferEncoding(part: Part): void {
  const encoding = (part as { transferEncoding?: string }).transferEncoding;
  if (part.mimetype === null && (encoding === '7bit' || encoding === '8bit')) {
    (part as { transferEncoding?: string }).transferEncoding = 'utf-8';
  }
}

/** Maximum body bytes outside the archive: boundaries, part headers, fields. */
const MAX_NON_ARCHIVE_BYTES = 1024 * 1024;

/**
 * Minimum data an upload must deliver in each idle-timeout window. A client
 * that trickles a byte a second never goes idle, but it would still hold
 * the deploy lock until the whole-request timeout.
 */
const MIN_BYTES_PER_WINDOW = 1024;

/**
 * Bounds what formidable's limits leave open while the body streams in: a
 * client that stalls or trickles is cut off, and formidable keeps part
 * headers in memory with no limit of its own. Returns a function that
 * removes the guards.
 */
function guardUpload(
  ctx: Context,
  files: readonly formidable.File[],
  idleTimeoutMs: number,
): () => void {
  const { req } = ctx;
  let receivedBytes = 0;
  let bytesAtWindowStart = 0;
  const slowTimer = setInterval(() => {
    if (receivedBytes - bytesAtWindowStart < MIN_BYTES_PER_WINDOW) {
      // Destroying the socket aborts the parse as a client disconnect.
      req.socket.destroy();
    }
    bytesAtWindowStart = receivedBytes;
  }, idleTimeoutMs);

  const onData = (chunk: Buffer) => {
    receivedBytes += chunk.length;
    const archiveBytes = files.reduce((sum, file) => sum + file.size, 0);
    // One chunk may still be on its way to the file, hence the slack.
    if (receivedBytes - archiveBytes > MAX_NON_ARCHIVE_BYTES + chunk.length) {
      req.off('data', onData);
      // formidable listens for request errors and fails the parse with this
      // one; the socket stays open for the 400 response.
      req.emit(
        'error',
        new DeployError(
          'invalid_multipart',
          `the multipart headers and text fields exceed ${MAX_NON_ARCHIVE_BYTES} bytes; send only the "${ARCHIVE_FIELD}" file part`,
        ),
      );
    }
  };
  req.on('data', onData);

  return () => {
    clearInterval(slowTimer);
    req.off('data', onData);
  };
}

/** Returns the archive part, which maxFiles makes the only file part. */
function pickArchive(fields: Fields, files: Files): ReceivedArchive {
  const archives = files[ARCHIVE_FIELD];
  const otherFile = Object.keys(files).find((name) => name !== ARCHIVE_FIELD);

  if (otherFile !== undefined) {
    throw new DeployError(
      'invalid_multipart',
      `unexpected file part ${JSON.stringify(otherFile)}; send the archive as the only file part, named "${ARCHIVE_FIELD}"`,
    );
  }
  const archive = archives?.length === 1 ? archives[0] : undefined;
  if (archive === undefined) {
    const asText = fields[ARCHIVE_FIELD] !== undefined;
    throw new DeployError(
      'missing_archive',
      asText
        ? `"${ARCHIVE_FIELD}" arrived as a text field, because its part has no Content-Type header; send it as a file part with a filename and Content-Type: application/zip (curl -F ${ARCHIVE_FIELD}=@site.zip)`
        : `the body has no file part named "${ARCHIVE_FIELD}"`,
    );
  }
  return {
    path: archive.filepath,
    bytes: archive.size,
    sha256: String(archive.hash),
  };
}

function translateParseError(error: unknown, maxArchiveBytes: number): Error {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case FORMIDABLE.aborted:
      return new UploadAbortedError(
        'the client closed the connection during the upload',
        { cause: error },
      );
    case FORMIDABLE.biggerThanMaxFileSize:
    case FORMIDABLE.biggerThanTotalMaxFileSize:
      return tooLarge(maxArchiveBytes);
    case FORMIDABLE.noEmptyFiles:
      return new DeployError(
        'missing_archive',
        `the "${ARCHIVE_FIELD}" file part is empty`,
      );
    case FORMIDABLE.maxFilesExceeded:
      return new DeployError(
        'invalid_multipart',
        `the body has more than one file part; send only the "${ARCHIVE_FIELD}" part`,
      );
    case FORMIDABLE.maxFieldsExceeded:
    case FORMIDABLE.maxFieldsSizeExceeded:
      return new DeployError(
        'invalid_multipart',
        'the body has too many or too large text fields',
      );
    case FORMIDABLE.unknownTransferEncoding:
      return new DeployError(
        'invalid_multipart',
        'a part has a Content-Transfer-Encoding other than binary, 7bit, 8bit or base64; send the archive as plain binary',
      );
    case FORMIDABLE.malformedMultipart:
    case FORMIDABLE.missingMultipartBoundary:
      return new DeployError(
        'invalid_multipart',
        `the multipart body is malformed: ${(error as Error).message}`,
      );
  }
  if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') {
    return new UploadAbortedError(
      'the connection was reset during the upload',
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function tooLarge(maxArchiveBytes: number): DeployError {
  return new DeployError(
    'archive_too_large',
    `the archive is larger than the receiver's limit of ${maxArchiveBytes} bytes (STATIC_DEPLOY_MAX_ARCHIVE_BYTES)`,
  );
}
