import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Maximum size of a response body that is read, in bytes. Receiver
 * responses are small JSON objects, and the cap keeps a misbehaving server
 * from filling memory.
 */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** A complete HTTP response with its body decoded as UTF-8. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Raised when a request did not complete within its timeout. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs / 1000} s`);
    this.name = 'RequestTimeoutError';
  }
}

/** Options for {@link postStream}. */
export interface PostOptions {
  headers: OutgoingHttpHeaders;
  body: Readable;
  /**
   * Limit for the whole exchange, from connecting to the last response byte.
   */
  timeoutMs: number;
}

/**
 * Sends one POST request with a streamed body over HTTP or HTTPS and reads
 * the whole response. Redirects are not followed. Every request opens its
 * own connection, so no idle socket keeps the process alive afterwards.
 *
 * @throws RequestTimeoutError when the timeout passes first, or the
 *   network error from Node (for example ECONNREFUSED).
 */
export async function postStream(
  url: URL,
  options: PostOptions,
): Promise<HttpResponse> {
  return withTimeout(options.timeoutMs, (signal) =>
    exchange(url, options, signal),
  );
}

/** Options for {@link sendWithoutBody}. */
export interface RequestWithoutBodyOptions {
  method: 'GET' | 'POST';
  headers: OutgoingHttpHeaders;
  /**
   * Limit for the whole exchange, from connecting to the last response byte.
   */
  timeoutMs: number;
}

/**
 * Sends one request without a body over HTTP or HTTPS and reads the whole
 * response. Redirects are not followed, and every request opens its own
 * connection, as with {@link postStream}. A POST goes out with
 * `Content-Length: 0`.
 *
 * @throws RequestTimeoutError when the timeout passes first, or the
 *   network error from Node (for example ECONNREFUSED).
 */
export async function sendWithoutBody(
  url: URL,
  options: RequestWithoutBodyOptions,
): Promise<HttpResponse> {
  const headers =
    options.method === 'POST'
      ? { ...options.headers, 'content-length': '0' }
      : options.headers;
  return withTimeout(options.timeoutMs, (signal) =>
    exchangeWithoutBody(url, options.method, headers, signal),
  );
}

/**
 * Runs one exchange with an abort signal that fires after `timeoutMs`, and
 * turns the abort into a {@link RequestTimeoutError}.
 */
async function withTimeout(
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<HttpResponse>,
): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await run(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      throw new RequestTimeoutError(timeoutMs);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function exchangeWithoutBody(
  url: URL,
  method: string,
  headers: OutgoingHttpHeaders,
  signal: AbortSignal,
): Promise<HttpResponse> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method,
      headers,
      signal,
      agent: false,
    });
    request.on('response', (response) => {
      readResponse(response).then(resolve, reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * How long to wait for `100 Continue` before sending the body anyway, for
 * servers and proxies that ignore `Expect`.
 */
const CONTINUE_TIMEOUT_MS = 2000;

function exchange(
  url: URL,
  options: PostOptions,
  signal: AbortSignal,
): Promise<HttpResponse> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // With Expect: 100-continue the receiver checks the signature, the
    // declared size and its deploy lock first, so a rejected deploy costs
    // no upload.
    const request = transport.request(url, {
      method: 'POST',
      headers: { ...options.headers, expect: '100-continue' },
      signal,
      agent: false,
    });
    let responded = false;
    let sending = false;
    const sendBody = () => {
      if (sending || responded) {
        return;
      }
      sending = true;
      clearTimeout(continueTimer);
      // A receiver may respond before it has read the whole body, for
      // example with 413 for an oversized archive, and then close the
      // connection. The send then fails, but the response is what counts,
      // so send errors only matter through the request's 'error' event.
      pipeline(options.body, request).catch(() => {});
    };
    const continueTimer = setTimeout(sendBody, CONTINUE_TIMEOUT_MS);

    request.on('continue', sendBody);
    request.on('response', (response) => {
      responded = true;
      clearTimeout(continueTimer);
      if (!sending) {
        options.body.destroy();
        request.end();
      }
      readResponse(response).then(resolve, reject);
    });
    request.on('error', (error) => {
      clearTimeout(continueTimer);
      if (!responded) {
        reject(error);
      }
    });
    request.flushHeaders();
  });
}

async function readResponse(response: IncomingMessage): Promise<HttpResponse> {
  const body = await readBody(response);
  return { status: response.statusCode ?? 0, headers: response.headers, body };
}

async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_RESPONSE_BYTES) {
      response.destroy();
      throw new Error(
        `response body is larger than ${MAX_RESPONSE_BYTES} bytes`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
