import { get as httpGet } from 'node:http';

import { decodeRequestPath } from '../server/static-site.js';
import { sendDeploy } from './support/deploy-request.js';
import { startTestReceiver, type TestReceiver } from './support/receiver.js';
import { zipOf } from './support/zip.js';

describe('staticSite', () => {
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await startTestReceiver();
    const archive = zipOf({
      'index.html': '<h1>home</h1>',
      'docs/index.html': 'docs',
      'style.css': 'body{}',
      'data.json': '{}',
      '404.html': 'custom not found',
      '.well-known/security.txt': 'Contact: mailto:security@example.com',
      'caf\u00e9.html': 'accent',
    });
    const response = await sendDeploy(receiver.apiUrl, {
      secrets: [receiver.secret],
      archive,
    });
    expect(response.status).toBe(200);
  });

  afterAll(async () => {
    await receiver.stop();
  });

  const get = (path: string, init?: RequestInit) =>
    fetch(`${receiver.url}${path}`, { redirect: 'manual', ...init });

  test('serves index.html for the root', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'text/html; charset=utf-8',
    );
    expect(await response.text()).toBe('<h1>home</h1>');
  });

  test('redirects a folder without a trailing slash', async () => {
    const response = await get('/docs?x=1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/docs/?x=1');
  });

  test('redirects //folder to a path on this site', async () => {
    const response = await get('//docs');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/docs/');
  });

  test('serves index.html for a folder', async () => {
    expect(await (await get('/docs/')).text()).toBe('docs');
  });

  test.each([
    ['/style.css', 'text/css; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
  ])('sends the content type of %s', async (path, type) => {
    expect((await get(path)).headers.get('content-type')).toBe(type);
  });

  test('serves dotfolders such as .well-known', async () => {
    expect(await (await get('/.well-known/security.txt')).text()).toContain(
      'Contact',
    );
  });

  test('serves percent-encoded names', async () => {
    expect(await (await get('/caf%C3%A9.html')).text()).toBe('accent');
  });

  test('serves the site 404 page with status 404', async () => {
    const response = await get('/missing.html');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('custom not found');
  });

  test('answers a matching If-None-Match with 304', async () => {
    const first = await get('/style.css');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    // fetch adds Cache-Control: no-cache to conditional requests, which
    // rules out a 304, so this request goes through node:http.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      httpGet(
        `${receiver.url}/style.css`,
        { headers: { 'if-none-match': etag! } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      ).on('error', reject);
    });
    expect(status).toBe(304);
  });

  test('sends Last-Modified and no-cache', async () => {
    const response = await get('/style.css');
    expect(response.headers.get('last-modified')).not.toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  test('answers HEAD with the length and no body', async () => {
    const response = await get('/style.css', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('6');
    expect(await response.text()).toBe('');
  });

  test('rejects POST with 405', async () => {
    const response = await get('/', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  test('rejects an encoded traversal with 400', async () => {
    expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(400);
  });

  test('rejects a malformed percent escape with 400', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });
});

describe('staticSite before the first deploy', () => {
  test('returns 404', async () => {
    const receiver = await startTestReceiver();
    try {
      const response = await fetch(`${receiver.url}/`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('No release');
    } finally {
      await receiver.stop();
    }
  });
});

describe('decodeRequestPath', () => {
  test.each([
    ['/', './'],
    ['/a/b.html', 'a/b.html'],
    ['/a//b', 'a/b'],
    ['/%2e%2e/x', undefined],
    ['/a/../../x', undefined],
    ['/a%00b', undefined],
    ['/a%5cb', undefined],
  ])('maps %s to %p', (input, expected) => {
    expect(decodeRequestPath(input)).toBe(expected);
  });
});
