import type { File } from 'formidable';
import type { Context } from 'koa';
import { koaBody } from 'koa-body';

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
  biggerThanMaxFileSize: 1016,
} as const;

/** Thrown when the client went away mid-upload; there is nobody to answer. */
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
 * Streams the multipart body into `uploadDir` with koa-body (formidable),
 * hashing the archive bytes as they are written, and returns the archive
 * part. formidable names the file itself, so the client's filename is
 * never used for a path.
 */
export async function receiveArchive(
  ctx: Context,
  options: {
    uploadDir: string;
    maxArchiveBytes: number;
    idleTimeoutMs: number;
  },
): Promise<ReceivedArchive> {
  const parse = koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    patchKoa: true,
    patchNode: false,
    formidable: {
      uploadDir: options.uploadDir,
      maxFiles: 1,
      maxFields: 16,
      maxFieldsSize: 64 * 1024,
      maxFileSize: options.maxArchiveBytes,
      maxTotalFileSize: options.maxArchiveBytes,
      allowEmptyFiles: false,
      hashAlgorithm: 'sha256',
    },
  });
  // A client that stops sending would otherwise hold the deploy lock until
  // the whole-request timeout; destroying the socket aborts the parse.
  const socket = ctx.req.socket;
  const onIdle = () => socket.destroy();
  socket.setTimeout(options.idleTimeoutMs, onIdle);
  try {
    await parse(ctx, async () => {});
  } catch (error) {
    throw translateParseError(error, options.maxArchiveBytes);
  } finally {
    socket.setTimeout(0);
    socket.off('timeout', onIdle);
  }
  return pickArchive(ctx);
}

function pickArchive(ctx: Context): ReceivedArchive {
  const files = (ctx.request.files ?? {}) as Record<
    string,
    File | File[] | undefined
  >;
  const fields = (ctx.request.body ?? {}) as Record<string, unknown>;
  const archive = files[ARCHIVE_FIELD];
  const otherFile = Object.keys(files).find((name) => name !== ARCHIVE_FIELD);

  if (otherFile !== undefined) {
    throw new DeployError(
      'invalid_multipart',
      `unexpected file part ${JSON.stringify(otherFile)}; send the archive as the only file part, named "${ARCHIVE_FIELD}"`,
    );
  }
  if (archive === undefined || Array.isArray(archive)) {
    const asText = fields[ARCHIVE_FIELD] !== undefined;
    throw new DeployError(
      'missing_archive',
      asText
        ? `"${ARCHIVE_FIELD}" arrived as a text field; send it as a file part (curl -F ${ARCHIVE_FIELD}=@site.zip)`
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
