import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import {
  canonicalString,
  encodeMetadata,
  HEADER,
  hmacSha256Hex,
  signedHeaders,
  type SignedFields,
} from '../protocol/index.js';
import {
  authenticate,
  type AuthenticateOptions,
} from '../server/authenticate.js';
import { DeployError } from '../server/errors.js';

const secret = randomBytes(32).toString('hex');
const now = 1_760_000_000;

const fields: SignedFields = {
  operation: 'deploy',
  target: 'default',
  deploymentId: randomBytes(16).toString('hex'),
  timestampSeconds: now,
  contentSha256: 'cd'.repeat(32),
};

const options: AuthenticateOptions = {
  operations: ['deploy', 'stage'],
  target: 'default',
  secrets: [secret],
  toleranceSeconds: 300,
  nowSeconds: now,
};

/** Builds the parts of an IncomingMessage that authenticate reads. */
function requestWith(headers: Array<[string, string]>): IncomingMessage {
  const joined: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    joined[key] =
      joined[key] === undefined ? value : `${joined[key]}, ${value}`;
  }
  return {
    headers: joined,
    rawHeaders: headers.flat(),
  } as unknown as IncomingMessage;
}

function signedRequest(
  change: Partial<SignedFields> = {},
  secrets = [secret],
): IncomingMessage {
  return requestWith(
    Object.entries(signedHeaders(secrets, { ...fields, ...change })),
  );
}

function rejectionOf(
  request: IncomingMessage,
  change: Partial<AuthenticateOptions> = {},
) {
  try {
    authenticate(request, { ...options, ...change });
  } catch (error) {
    expect(error).toBeInstanceOf(DeployError);
    return error as DeployError;
  }
  throw new Error('authenticate accepted the request');
}

function replaceHeader(
  request: IncomingMessage,
  name: string,
  value: string | undefined,
): IncomingMessage {
  const headers = (request.rawHeaders as string[])
    .reduce<Array<[string, string]>>((pairs, item, index, all) => {
      if (index % 2 === 0) pairs.push([item, all[index + 1]]);
      return pairs;
    }, [])
    .filter(([header]) => header !== name);
  return requestWith(
    value === undefined ? headers : [...headers, [name, value]],
  );
}

describe('authenticate', () => {
  test('accepts a correctly signed request', () => {
    const signed = authenticate(signedRequest(), options);
    expect(signed.deploymentId).toBe(fields.deploymentId);
    expect(signed.contentSha256).toBe(fields.contentSha256);
  });

  test('accepts any operation the endpoint performs', () => {
    expect(
      authenticate(signedRequest({ operation: 'stage' }), options).operation,
    ).toBe('stage');
  });

  test('accepts a signature from a rotation list', () => {
    const request = signedRequest({}, [
      randomBytes(32).toString('hex'),
      secret,
    ]);
    expect(authenticate(request, options).target).toBe('default');
  });

  test('accepts a receiver secret list with the sender secret second', () => {
    const change = { secrets: [randomBytes(32).toString('hex'), secret] };
    expect(
      authenticate(signedRequest(), { ...options, ...change }).operation,
    ).toBe('deploy');
  });

  test('decodes signed metadata', () => {
    const metadata = encodeMetadata({ commit: 'abc123', actor: 'octocat' });
    expect(authenticate(signedRequest({ metadata }), options).metadata).toEqual(
      {
        commit: 'abc123',
        actor: 'octocat',
      },
    );
  });

  test('rejects a missing signature with signature_missing', () => {
    const request = replaceHeader(signedRequest(), HEADER.signature, undefined);
    expect(rejectionOf(request).code).toBe('signature_missing');
    expect(rejectionOf(request).status).toBe(401);
  });

  const malformed: Array<[string, (digest: string) => string]> = [
    ['a short digest', (digest) => `sha256=${digest.slice(2)}`],
    ['a long digest', (digest) => `sha256=${digest}ab`],
    ['characters appended', (digest) => `sha256=${digest}x`],
    ['non-hex characters', () => `sha256=${'z'.repeat(64)}`],
    ['upper-case hex', (digest) => `sha256=${digest.toUpperCase()}`],
    ['another algorithm name', (digest) => `sha512=${digest}`],
    ['a wrong digest', () => `sha256=${'0'.repeat(64)}`],
  ];

  test.each(malformed)('rejects %s with signature_invalid', (_name, mutate) => {
    const digest = hmacSha256Hex(secret, canonicalString(fields));
    const request = replaceHeader(
      signedRequest(),
      HEADER.signature,
      mutate(digest),
    );
    expect(rejectionOf(request).code).toBe('signature_invalid');
    expect(rejectionOf(request).status).toBe(401);
  });

  test('rejects a repeated signature header with signature_invalid', () => {
    const request = signedRequest();
    const digest = (request.headers[HEADER.signature] as string).slice(
      'sha256='.length,
    );
    const repeated = requestWith([
      ...Object.entries(signedHeaders([secret], fields)),
      [HEADER.signature, `sha256=${digest}`],
    ]);
    expect(rejectionOf(repeated).code).toBe('signature_invalid');
  });

  test('rejects a signature under another secret with signature_invalid', () => {
    const request = signedRequest({}, [randomBytes(32).toString('hex')]);
    expect(rejectionOf(request).code).toBe('signature_invalid');
  });

  test('rejects a changed archive hash with signature_invalid', () => {
    const request = replaceHeader(
      signedRequest(),
      HEADER.contentSha256,
      'ef'.repeat(32),
    );
    expect(rejectionOf(request).code).toBe('signature_invalid');
  });

  test('rejects forged metadata with signature_invalid', () => {
    const signed = signedRequest({
      metadata: encodeMetadata({ actor: 'octocat' }),
    });
    const forged = replaceHeader(
      signed,
      HEADER.metadata,
      encodeMetadata({ actor: 'mallory' }),
    );
    expect(rejectionOf(forged).code).toBe('signature_invalid');
  });

  test('rejects added metadata with signature_invalid', () => {
    const request = replaceHeader(
      signedRequest(),
      HEADER.metadata,
      encodeMetadata({ actor: 'mallory' }),
    );
    expect(rejectionOf(request).code).toBe('signature_invalid');
  });

  test('rejects a stale timestamp with timestamp_outside_tolerance', () => {
    const request = signedRequest({ timestampSeconds: now - 301 });
    expect(rejectionOf(request).code).toBe('timestamp_outside_tolerance');
    expect(rejectionOf(request).status).toBe(401);
  });

  test('rejects a future timestamp with timestamp_outside_tolerance', () => {
    const request = signedRequest({ timestampSeconds: now + 301 });
    expect(rejectionOf(request).code).toBe('timestamp_outside_tolerance');
  });

  test('accepts timestamps at the edges of the tolerance', () => {
    expect(() =>
      authenticate(signedRequest({ timestampSeconds: now - 300 }), options),
    ).not.toThrow();
    expect(() =>
      authenticate(signedRequest({ timestampSeconds: now + 300 }), options),
    ).not.toThrow();
  });

  test('rejects another site with target_mismatch', () => {
    expect(rejectionOf(signedRequest({ target: 'blog' })).code).toBe(
      'target_mismatch',
    );
  });

  test('rejects another operation with operation_mismatch', () => {
    expect(rejectionOf(signedRequest({ operation: 'list' })).code).toBe(
      'operation_mismatch',
    );
  });

  test('rejects another version with unsupported_version', () => {
    const request = replaceHeader(signedRequest(), HEADER.version, '2');
    expect(rejectionOf(request).code).toBe('unsupported_version');
  });

  const invalidHeaders: Array<[string, string | undefined]> = [
    [HEADER.id, undefined],
    [HEADER.id, 'not-hex'],
    [HEADER.timestamp, '-5'],
    [HEADER.timestamp, '0x10'],
    [HEADER.contentSha256, 'CD'.repeat(32)],
    [HEADER.target, '../etc'],
    [HEADER.metadata, 'not base64url!'],
  ];

  test.each(invalidHeaders)(
    'rejects %s set to %p with invalid_header',
    (name, value) => {
      const request = replaceHeader(signedRequest(), name, value);
      expect(rejectionOf(request).code).toBe('invalid_header');
      expect(rejectionOf(request).status).toBe(400);
    },
  );

  test('rejects a repeated id header with invalid_header', () => {
    const request = requestWith([
      ...Object.entries(signedHeaders([secret], fields)),
      [HEADER.id, fields.deploymentId],
    ]);
    expect(rejectionOf(request).code).toBe('invalid_header');
  });

  test('rejects signed metadata that is not JSON with invalid_metadata', () => {
    const metadata = Buffer.from('not json').toString('base64url');
    expect(rejectionOf(signedRequest({ metadata })).code).toBe(
      'invalid_metadata',
    );
  });
});
