import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  canonicalString,
  EMPTY_SHA256,
  HEADER,
  verifySignature,
  type ActivateResult,
  type DeployResult,
  type Operation,
  type ReleaseList,
} from '../../protocol/index.js';

/** A request as the stub received it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Empty until the body arrives, and stays empty when an `early` reply skips it. */
  body: Buffer;
}

/** How the stub responds to one request. */
export interface Reply {
  status?: number;
  /** Sent as JSON with content type application/json. */
  json?: unknown;
  /** Sent as is with content type text/html, in place of `json`. */
  text?: string;
  headers?: Record<string, string>;
  /** Never respond, to provoke a client timeout. */
  hang?: boolean;
  /**
   * Respond as soon as the headers arrive, without reading the body, and
   * close the connection. Takes effect only with `recordOn: 'headers'`.
   */
  early?: boolean;
}

/** Chooses the reply to a request from the request and its 0-based index. */
export type Responder = (request: RecordedRequest, index: number) => Reply;

export interface StubReceiverOptions {
  /**
   * When the stub records a request and chooses its reply. With `'end'`, the
   * default, both happen once the body has arrived, so the responder receives
   * the body. With `'headers'` both happen as soon as the headers arrive, so a
   * request whose body never finishes is still recorded and an `early` reply
   * can skip the body.
   */
  recordOn?: 'headers' | 'end';
}

/** A receiver stand-in listening on 127.0.0.1. */
export interface StubReceiver {
  /** The receiver's API base, `http://127.0.0.1:<port>/_static-deploy`. */
  apiUrl: string;
  /** Every request so far, in the order the stub recorded them. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a receiver stand-in on 127.0.0.1 and a free port that records every
 * request and responds with `replies` in order, repeating the last one, or
 * with what a responder function returns.
 */
export async function startStubReceiver(
  replies: Reply[] | Responder,
  options: StubReceiverOptions = {},
): Promise<StubReceiver> {
  const respond: Responder = Array.isArray(replies)
    ? (_request, index) => replies[Math.min(index, replies.length - 1)]
    : replies;
  const recordOn = options.recordOn ?? 'end';
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const record: RecordedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.alloc(0),
    };
    let reply: Reply | undefined;
    if (recordOn === 'headers') {
      reply = respond(record, requests.length);
      requests.push(record);
      if (reply.early) {
        send(response, reply, { connection: 'close' });
        return;
      }
    }

    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      record.body = Buffer.concat(chunks);
      if (reply === undefined) {
        reply = respond(record, requests.length);
        requests.push(record);
      }
      if (!reply.hang) {
        send(response, reply);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/_static-deploy`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function send(
  response: http.ServerResponse,
  reply: Reply,
  extraHeaders: Record<string, string> = {},
): void {
  const body =
    reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
  const contentType =
    reply.text === undefined ? 'application/json' : 'text/html';
  response.writeHead(reply.status ?? 200, {
    'content-type': contentType,
    ...extraHeaders,
    ...reply.headers,
  });
  response.end(body);
}

/**
 * Builds a responder that routes like a receiver that keeps `releases`. A URL
 * ending in `/releases` gets the list, and one ending in
 * `/releases/<release>/activate` gets an activation result. Any other request
 * gets the deploy result that `deployResult` builds from its headers. The
 * method is not checked.
 */
export function releaseRoutes(
  releases: ReleaseList,
  deployResult: (headers: IncomingHttpHeaders) => DeployResult,
): Responder {
  return (request) => {
    if (request.url.endsWith('/releases')) {
      return { json: releases };
    }
    const activate = /\/releases\/([^/]+)\/activate$/.exec(request.url);
    if (activate !== null) {
      const result: ActivateResult = {
        release: activate[1],
        previous: releases.current,
        activatedAt: '2026-12-05T08:00:00.000Z',
      };
      return { json: result };
    }
    return { json: deployResult(request.headers) };
  };
}

/**
 * Checks a recorded request's signature for `operation` against `secrets`,
 * rebuilding the canonical string from the signed headers it carries. With
 * `withBody` the content hash and metadata come from the request's headers.
 * Without it the content hash is EMPTY_SHA256 and there is no metadata, so
 * the check also fails when a request without a body signed another hash.
 */
export function signatureVerifies(
  request: Pick<RecordedRequest, 'headers'>,
  operation: Operation,
  secrets: readonly string[],
  options: { withBody?: boolean } = {},
): boolean {
  const header = (name: string) => request.headers[name] as string;
  const canonical = canonicalString({
    operation,
    target: header(HEADER.target),
    deploymentId: header(HEADER.id),
    timestampSeconds: Number(header(HEADER.timestamp)),
    contentSha256: options.withBody
      ? header(HEADER.contentSha256)
      : EMPTY_SHA256,
    metadata: options.withBody
      ? (request.headers[HEADER.metadata] as string | undefined)
      : undefined,
  });
  return verifySignature(secrets, canonical, header(HEADER.signature));
}
