import type { Context, Next } from 'koa';
import type { Logger } from 'pino';

import type { ErrorBody } from '../protocol/index.js';
import { DeployError } from './errors.js';
import type { RejectionLog } from './logger.js';
import { UploadAbortedError } from './receive-upload.js';

/**
 * Turns every error under the API prefix into a JSON `{ code, message }`
 * body. A DeployError's message is meant for the client; any other error
 * is logged with its stack and gets a generic 500, so nothing
 * internal leaks.
 */
export function errorResponse(logger: Logger, rejections: RejectionLog) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      if (error instanceof UploadAbortedError) {
        // The client is gone, so no response can be read.
        ctx.req.socket.destroy();
        return;
      }
      const rejection = error instanceof DeployError ? error : undefined;
      if (rejection === undefined) {
        logger.error(
          { err: error, method: ctx.method, path: ctx.path },
          'request failed',
        );
      } else if (ctx.state.logged !== true) {
        rejections.write(
          rejection.code,
          {
            status: rejection.status,
            method: ctx.method,
            path: ctx.path,
            remoteAddress: ctx.request.ip,
          },
          'request rejected',
        );
      }
      sendError(ctx, rejection);
    }
  };
}

function sendError(ctx: Context, rejection: DeployError | undefined): void {
  const body: ErrorBody =
    rejection === undefined
      ? {
          code: 'internal_error',
          message:
            'the receiver failed to handle the request; its log has the details',
        }
      : { code: rejection.code, message: rejection.message };
  ctx.status = rejection?.status ?? 500;
  ctx.body = body;
  if (rejection?.retryAfterSeconds !== undefined) {
    ctx.set('Retry-After', String(rejection.retryAfterSeconds));
  }
  if (!ctx.req.complete) {
    closeAfterLinger(ctx);
  }
}

/** How long a connection with an unread body stays open after the response. */
const LINGER_MS = 2000;
/** How much of an unread body is read and dropped before the connection is cut. */
const LINGER_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Closes the connection of a request whose body was not read, after giving
 * the client time to read the response. Closing at once would make the
 * kernel reply to the client's next body bytes with a reset, and a reset can
 * discard the response before the client reads it, so the client would see
 * ECONNRESET instead of the error code. Node drops the body bytes that
 * still arrive, so none of them reach the disk.
 */
function closeAfterLinger(ctx: Context): void {
  const { req, res } = ctx;
  res.once('finish', () => {
    let dropped = 0;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_MAX_BYTES) {
        req.socket.destroy();
      }
    });
    req.socket.once('close', () => clearTimeout(timer));
  });
}
