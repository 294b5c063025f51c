import { randomBytes } from 'node:crypto';

import {
  DEPLOYMENT_ID_PATTERN,
  EMPTY_SHA256,
  HEADER,
  type ActivateResult,
  type ReleaseList,
  type ReleaseSummary,
} from '../protocol/index.js';
import { DeployFailedError } from '../action-src/deploy-error.js';
import {
  activateRelease,
  listReleases,
  showRelease,
  type ReleaseRequestOptions,
} from '../action-src/releases-api.js';
import { chooseRollbackTarget, rollback } from '../action-src/rollback.js';
import {
  signatureVerifies,
  startStubReceiver,
  type RecordedRequest,
  type Reply,
  type Responder,
  type StubReceiver,
} from './support/stub-receiver.js';

function summary(release: string, live: boolean): ReleaseSummary {
  return {
    release,
    deploymentId: randomBytes(16).toString('hex'),
    createdAt: '2026-12-04T10:15:00.123Z',
    archiveSha256: 'a'.repeat(64),
    archiveBytes: 300,
    files: 3,
    bytes: 1200,
    metadata: { commit: 'c'.repeat(40), message: `build ${release}` },
    live,
    lastActivatedAt: release.endsWith('-staged')
      ? null
      : '2026-12-04T10:15:01.000Z',
  };
}

/** Builds a newest-first release list of `names` with `live` marked. */
function listOf(names: string[], live: string | null): ReleaseList {
  return {
    site: 'docs',
    current: live,
    releases: names.map((name) => summary(name, name === live)),
  };
}

function activation(release: string, previous: string | null): ActivateResult {
  return { release, previous, activatedAt: '2026-12-05T08:00:00.000Z' };
}

let stub: StubReceiver | undefined;

afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

function stubRequests(): RecordedRequest[] {
  if (stub === undefined) {
    throw new Error('the stub is not running');
  }
  return stub.requests;
}

interface Harness {
  options: ReleaseRequestOptions;
  secrets: string[];
  delays: number[];
  warnings: string[];
  infos: string[];
}

/** Starts the stub and builds options with a fake clock and sleep. */
async function harness(replies: Reply[] | Responder): Promise<Harness> {
  stub = await startStubReceiver(replies);
  const secrets = [randomBytes(32).toString('hex')];
  const delays: number[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  let now = 1_700_000_000;
  const options: ReleaseRequestOptions = {
    url: stub.apiUrl,
    secrets,
    site: 'docs',
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    clock: () => now++,
    log: {
      info: (message) => infos.push(message),
      warning: (message) => warnings.push(message),
    },
  };
  return { options, secrets, delays, warnings, infos };
}

async function failure(promise: Promise<unknown>): Promise<DeployFailedError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DeployFailedError);
  return error as DeployFailedError;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/** Routes the release endpoints like a receiver that keeps `list`. */
function receiverFor(list: ReleaseList): Responder {
  return (request) => {
    if (
      request.method === 'GET' &&
      request.url === '/_static-deploy/releases'
    ) {
      return { json: list };
    }
    const activate = /^\/_static-deploy\/releases\/([^/]+)\/activate$/.exec(
      request.url,
    );
    if (request.method === 'POST' && activate !== null) {
      return { json: activation(activate[1], list.current) };
    }
    return { status: 404, json: { code: 'not_found', message: 'no route' } };
  };
}

describe('listReleases', () => {
  test('sends a signed GET without a body', async () => {
    const list = listOf(['r3', 'r2', 'r1'], 'r3');
    const { options, secrets } = await harness([{ json: list }]);

    const result = await listReleases(options);

    expect(result).toEqual(list);
    const [request] = stubRequests();
    expect(stubRequests()).toHaveLength(1);
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/_static-deploy/releases');
    expect(request.body).toHaveLength(0);
    expect(request.headers['transfer-encoding']).toBeUndefined();
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers[HEADER.version]).toBe('1');
    expect(request.headers[HEADER.operation]).toBe('list');
    expect(request.headers[HEADER.target]).toBe('docs');
    expect(request.headers[HEADER.contentSha256]).toBe(EMPTY_SHA256);
    expect(request.headers[HEADER.id]).toMatch(DEPLOYMENT_ID_PATTERN);
    expect(request.headers[HEADER.metadata]).toBeUndefined();
    expect(signatureVerifies(request, 'list', secrets)).toBe(true);
    expect(signatureVerifies(request, 'activate', secrets)).toBe(false);
    expect(
      signatureVerifies(request, 'list', [randomBytes(32).toString('hex')]),
    ).toBe(false);
  });

  test('every call sends a new id', async () => {
    const { options } = await harness([{ json: listOf([], null) }]);

    await listReleases(options);
    await listReleases(options);

    const [first, second] = stubRequests();
    expect(second.headers[HEADER.id]).not.toBe(first.headers[HEADER.id]);
  });

  test('site defaults to default', async () => {
    const list = { ...listOf([], null), site: 'default' };
    const { options } = await harness([{ json: list }]);

    await listReleases({ ...options, site: undefined });

    expect(stubRequests()[0].headers[HEADER.target]).toBe('default');
  });

  test('retries 503 with the same id and re-signs', async () => {
    const { options, secrets, delays, warnings } = await harness([
      {
        status: 503,
        json: { code: 'internal_error', message: 'restarting' },
        headers: { 'retry-after': '4' },
      },
      { json: listOf(['r1'], 'r1') },
    ]);

    await listReleases(options);

    const [first, second] = stubRequests();
    expect(stubRequests()).toHaveLength(2);
    expect(delays).toEqual([4000]);
    expect(second.headers[HEADER.id]).toBe(first.headers[HEADER.id]);
    expect(second.headers[HEADER.timestamp]).not.toBe(
      first.headers[HEADER.timestamp],
    );
    expect(second.headers[HEADER.signature]).not.toBe(
      first.headers[HEADER.signature],
    );
    expect(signatureVerifies(first, 'list', secrets)).toBe(true);
    expect(signatureVerifies(second, 'list', secrets)).toBe(true);
    expect(warnings).toEqual([
      'attempt 1 of 4 failed: receiver rejected the release list request (503 internal_error): restarting; retrying in 4.0 s',
    ]);
  });

  test('401 is final', async () => {
    const { options, delays } = await harness([
      {
        status: 401,
        json: { code: 'signature_invalid', message: 'no secret matches' },
      },
    ]);

    const error = await failure(listReleases(options));

    expect(stubRequests()).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.status).toBe(401);
    expect(error.code).toBe('signature_invalid');
    expect(error.message).toBe(
      'receiver rejected the release list request (401 signature_invalid): no secret matches',
    );
  });

  test('list of another site is rejected', async () => {
    const { options } = await harness([
      { json: { ...listOf([], null), site: 'blog' } },
    ]);

    const error = await failure(listReleases(options));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe(
      'receiver returned HTTP 200 but the release list is for site blog, not docs',
    );
  });

  test.each([
    ['a bare array', []],
    ['releases missing', { site: 'docs', current: null }],
    [
      'a release id with a line break',
      {
        ...listOf([], null),
        releases: [summary('r1\n::add-mask::x', false)],
      },
    ],
    [
      'an entry without live',
      {
        ...listOf([], null),
        releases: [{ ...summary('r1', false), live: undefined }],
      },
    ],
  ])('body with %s is rejected', async (_label, body) => {
    const { options } = await harness([{ json: body }]);

    const error = await failure(listReleases(options));

    expect(error.code).toBe('invalid_response');
    expect(error.retryable).toBe(false);
    expect(stubRequests()).toHaveLength(1);
  });

  test('invalid site is rejected before sending', async () => {
    const { options } = await harness([{ json: listOf([], null) }]);

    await expect(listReleases({ ...options, site: 'a/b' })).rejects.toThrow(
      'invalid site "a/b"',
    );
    expect(stubRequests()).toHaveLength(0);
  });

  test('timeout is retried, then succeeds', async () => {
    const { options, warnings } = await harness([
      { hang: true },
      { json: listOf(['r1'], 'r1') },
    ]);

    const result = await listReleases({ ...options, timeoutSeconds: 0.3 });

    expect(result.current).toBe('r1');
    expect(stubRequests()).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^attempt 1 of 4 failed: request to http:\/\/127\.0\.0\.1:\d+\/_static-deploy\/releases timed out after 0\.3 s;/,
    );
  });

  test('connection refused names the request', async () => {
    const { options } = await harness([{}]);
    const closedUrl = stub?.apiUrl as string;
    await stub?.close();
    stub = undefined;

    const error = await failure(
      listReleases({ ...options, url: closedUrl, retries: 1 }),
    );

    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(
      /^could not send the release list request to http:\/\/127\.0\.0\.1:\d+\/_static-deploy\/releases: connect ECONNREFUSED .* \(gave up after 2 attempts\)$/,
    );
  });
});

describe('showRelease', () => {
  test('sends a signed GET for one release', async () => {
    const release = summary('20261204T101500Z-4f0c5d1e9b2a', true);
    const { options, secrets } = await harness([{ json: release }]);

    const result = await showRelease(options, release.release);

    expect(result).toEqual(release);
    const [request] = stubRequests();
    expect(request.method).toBe('GET');
    expect(request.url).toBe(
      '/_static-deploy/releases/20261204T101500Z-4f0c5d1e9b2a',
    );
    expect(request.body).toHaveLength(0);
    expect(request.headers[HEADER.operation]).toBe('list');
    expect(request.headers[HEADER.target]).toBe('docs');
    expect(request.headers[HEADER.contentSha256]).toBe(EMPTY_SHA256);
    expect(signatureVerifies(request, 'list', secrets)).toBe(true);
  });

  test('404 release_not_found is final', async () => {
    const { options, delays } = await harness([
      {
        status: 404,
        json: {
          code: 'release_not_found',
          message: 'release "r9" is not kept on this receiver',
        },
      },
    ]);

    const error = await failure(showRelease(options, 'r9'));

    expect(stubRequests()).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.code).toBe('release_not_found');
    expect(error.message).toBe(
      'receiver rejected the request for release r9 (404 release_not_found): release "r9" is not kept on this receiver',
    );
  });

  test('summary of another release is rejected', async () => {
    const { options } = await harness([{ json: summary('r2', false) }]);

    const error = await failure(showRelease(options, 'r1'));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe(
      'receiver returned HTTP 200 but for release r2, not r1',
    );
  });
});

describe('activateRelease', () => {
  test('sends a signed POST with an empty body', async () => {
    const { options, secrets } = await harness([
      { json: activation('r2', 'r3') },
    ]);

    const result = await activateRelease(options, 'r2');

    expect(result).toEqual(activation('r2', 'r3'));
    const [request] = stubRequests();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/_static-deploy/releases/r2/activate');
    expect(request.body).toHaveLength(0);
    expect(request.headers['content-length']).toBe('0');
    expect(request.headers['transfer-encoding']).toBeUndefined();
    expect(request.headers.expect).toBeUndefined();
    expect(request.headers[HEADER.operation]).toBe('activate');
    expect(request.headers[HEADER.target]).toBe('r2');
    expect(request.headers[HEADER.contentSha256]).toBe(EMPTY_SHA256);
    expect(request.headers[HEADER.id]).toMatch(DEPLOYMENT_ID_PATTERN);
    expect(signatureVerifies(request, 'activate', secrets)).toBe(true);
    expect(signatureVerifies(request, 'list', secrets)).toBe(false);
  });

  test.each([
    [503, 'internal_error'],
    [409, 'deploy_in_progress'],
    [429, 'internal_error'],
  ])('retries %i %s with the same id', async (status, code) => {
    const { options, secrets, delays } = await harness([
      { status, json: { code, message: 'busy' } },
      { json: activation('r2', 'r3') },
    ]);

    await activateRelease(options, 'r2');

    const [first, second] = stubRequests();
    expect(stubRequests()).toHaveLength(2);
    expect(delays).toEqual([500]);
    expect(second.headers[HEADER.id]).toBe(first.headers[HEADER.id]);
    expect(second.headers[HEADER.timestamp]).not.toBe(
      first.headers[HEADER.timestamp],
    );
    expect(signatureVerifies(first, 'activate', secrets)).toBe(true);
    expect(signatureVerifies(second, 'activate', secrets)).toBe(true);
  });

  test('404 release_not_found is final with a clear message', async () => {
    const { options, delays } = await harness([
      {
        status: 404,
        json: {
          code: 'release_not_found',
          message:
            'release "r0" is not kept on this receiver; list the releases to see which ones are',
        },
      },
    ]);

    const error = await failure(activateRelease(options, 'r0'));

    expect(stubRequests()).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.status).toBe(404);
    expect(error.code).toBe('release_not_found');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'receiver rejected the activation of release r0 (404 release_not_found): release "r0" is not kept on this receiver; list the releases to see which ones are',
    );
  });

  test('gives up after the configured retries', async () => {
    const { options } = await harness([
      { status: 500, json: { code: 'internal_error', message: 'boom' } },
    ]);

    const error = await failure(
      activateRelease({ ...options, retries: 1 }, 'r2'),
    );

    expect(stubRequests()).toHaveLength(2);
    expect(error.message).toBe(
      'receiver rejected the activation of release r2 (500 internal_error): boom (gave up after 2 attempts)',
    );
  });

  test('result for another release is rejected', async () => {
    const { options } = await harness([{ json: activation('r1', 'r3') }]);

    const error = await failure(activateRelease(options, 'r2'));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe(
      'receiver returned HTTP 200 but activated release r1, not r2',
    );
  });

  test('redirect is not followed', async () => {
    const { options } = await harness([
      { status: 308, headers: { location: 'https://example.com/api' } },
    ]);

    const error = await failure(activateRelease(options, 'r2'));

    expect(stubRequests()).toHaveLength(1);
    expect(error.code).toBe('redirect');
    expect(error.message).toBe(
      'receiver redirected the activation of release r2 (308) to https://example.com/api; set the url to the address it redirects to',
    );
  });

  test.each(['../deploy', 'r2/activate', '', '.hidden'])(
    'release id %j is rejected before sending',
    async (release) => {
      const { options } = await harness([{ json: activation('r2', null) }]);

      await expect(activateRelease(options, release)).rejects.toThrow(
        `invalid release "${release}"`,
      );
      expect(stubRequests()).toHaveLength(0);
    },
  );
});

describe('rollback', () => {
  test('activates the release after the live one', async () => {
    const { options, secrets, infos } = await harness(
      receiverFor(listOf(['r3', 'r2', 'r1'], 'r3')),
    );

    const result = await rollback(options);

    expect(result).toEqual(activation('r2', 'r3'));
    const [list, activate] = stubRequests();
    expect(stubRequests()).toHaveLength(2);
    expect(list.method).toBe('GET');
    expect(list.url).toBe('/_static-deploy/releases');
    expect(activate.method).toBe('POST');
    expect(activate.url).toBe('/_static-deploy/releases/r2/activate');
    expect(activate.headers[HEADER.target]).toBe('r2');
    expect(signatureVerifies(activate, 'activate', secrets)).toBe(true);
    expect(activate.headers[HEADER.id]).not.toBe(list.headers[HEADER.id]);
    expect(infos).toEqual([
      'rolling back site docs from release r3 to release r2',
    ]);
  });

  test('skips a staged release newer than the live one', async () => {
    const { options } = await harness(
      receiverFor(listOf(['r4-staged', 'r3', 'r2'], 'r3')),
    );

    const result = await rollback(options);

    expect(result.release).toBe('r2');
    expect(stubRequests()[1].url).toBe('/_static-deploy/releases/r2/activate');
  });

  test('only one release fails without activating', async () => {
    const { options } = await harness(receiverFor(listOf(['r1'], 'r1')));

    const error = await rejection(rollback(options));

    expect(error.message).toBe(
      'no release that was live before r1 is kept for site docs, so there is nothing to roll back to; list the releases and pass one with --to (the release input in the action)',
    );
    expect(stubRequests()).toHaveLength(1);
  });

  test('no live release fails without activating', async () => {
    const { options } = await harness(receiverFor(listOf(['r2', 'r1'], null)));

    const error = await rejection(rollback(options));

    expect(error.message).toBe(
      'no release of site docs is live, so there is nothing to roll back from; deploy first, or activate a staged release by name',
    );
    expect(stubRequests()).toHaveLength(1);
  });

  test('to picks the given release', async () => {
    const { options } = await harness(
      receiverFor(listOf(['r3', 'r2', 'r1'], 'r3')),
    );

    const result = await rollback({ ...options, to: 'r1' });

    expect(result.release).toBe('r1');
    expect(stubRequests()[1].url).toBe('/_static-deploy/releases/r1/activate');
  });

  test('to works without a live release', async () => {
    const { options, infos } = await harness(
      receiverFor(listOf(['r2', 'r1'], null)),
    );

    const result = await rollback({ ...options, to: 'r2' });

    expect(result.release).toBe('r2');
    expect(infos).toEqual([
      'activating release r2 of site docs, which has no live release',
    ]);
  });

  test('to that is not kept fails without activating', async () => {
    const { options } = await harness(receiverFor(listOf(['r3', 'r2'], 'r3')));

    const error = await rejection(rollback({ ...options, to: 'r1' }));

    expect(error.message).toBe(
      'release r1 is not kept for site docs; the kept releases are: r3, r2',
    );
    expect(stubRequests()).toHaveLength(1);
  });

  test('list failure stops the rollback', async () => {
    const { options } = await harness([
      {
        status: 401,
        json: { code: 'signature_invalid', message: 'no secret matches' },
      },
    ]);

    const error = await failure(rollback(options));

    expect(error.code).toBe('signature_invalid');
    expect(stubRequests()).toHaveLength(1);
  });
});

describe('chooseRollbackTarget', () => {
  test.each([
    [['r3', 'r2', 'r1'], 'r3', undefined, 'r2'],
    [['r3', 'r2', 'r1'], 'r2', undefined, 'r1'],
    [['r3', 'r2', 'r1'], 'r3', 'r1', 'r1'],
    [['r3', 'r2', 'r1'], 'r2', 'r3', 'r3'],
    [['r3', 'r2', 'r1'], 'r3', 'r3', 'r3'],
  ])('releases %j live %s to %s picks %s', (names, live, to, expected) => {
    expect(chooseRollbackTarget(listOf(names, live), to)).toBe(expected);
  });

  test('empty list names no kept releases', () => {
    expect(() => chooseRollbackTarget(listOf([], null), 'r1')).toThrow(
      'release r1 is not kept for site docs; the kept releases are: none',
    );
  });

  test('live oldest release has nothing older', () => {
    expect(() => chooseRollbackTarget(listOf(['r2', 'r1'], 'r1'))).toThrow(
      'no release that was live before r1 is kept',
    );
  });
});
