import { loadConfig } from '../server/config.js';

describe('loadConfig', () => {
  test('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.root).toBe('/srv/data');
    expect(config.apiPrefix).toBe('/_static-deploy');
    expect(config.site).toBe('default');
    expect(config.toleranceSeconds).toBe(300);
    expect(config.maxArchiveBytes).toBe(1024 ** 3);
    expect(config.keepReleases).toBe(10);
    expect(config.releaseHeader).toBe('X-Static-Deploy-Release');
  });

  test('reads every variable', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      STATIC_DEPLOY_ROOT: '/var/lib/static-deploy',
      STATIC_DEPLOY_PREFIX: '/deploy-api/',
      STATIC_DEPLOY_SITE: 'blog',
      STATIC_DEPLOY_TOLERANCE_SECONDS: '60',
      STATIC_DEPLOY_MAX_ARCHIVE_BYTES: '1000',
      STATIC_DEPLOY_MAX_ENTRIES: '10',
      STATIC_DEPLOY_MAX_UNPACKED_BYTES: '2000',
      STATIC_DEPLOY_MAX_COMPRESSION_RATIO: '50',
    });
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(9000);
    expect(config.root).toBe('/var/lib/static-deploy');
    expect(config.apiPrefix).toBe('/deploy-api');
    expect(config.site).toBe('blog');
    expect(config.toleranceSeconds).toBe(60);
    expect(config.maxArchiveBytes).toBe(1000);
    expect(config.extractLimits).toEqual({
      maxEntries: 10,
      maxUnpackedBytes: 2000,
      maxCompressionRatio: 50,
    });
  });

  test.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['STATIC_DEPLOY_TOLERANCE_SECONDS', '0'],
    ['STATIC_DEPLOY_MAX_ARCHIVE_BYTES', '1e9'],
    ['STATIC_DEPLOY_MAX_ENTRIES', '-1'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  test('turns the release header off with an empty value', () => {
    expect(loadConfig({ STATIC_DEPLOY_RELEASE_HEADER: '' }).releaseHeader).toBe(
      '',
    );
  });

  test('rejects a release header name with a space', () => {
    expect(() =>
      loadConfig({ STATIC_DEPLOY_RELEASE_HEADER: 'X Release' }),
    ).toThrow('STATIC_DEPLOY_RELEASE_HEADER');
  });

  test('rejects a prefix that is not a URL path', () => {
    expect(() => loadConfig({ STATIC_DEPLOY_PREFIX: 'api' })).toThrow(
      'STATIC_DEPLOY_PREFIX',
    );
  });

  test('rejects a site name with a slash', () => {
    expect(() => loadConfig({ STATIC_DEPLOY_SITE: 'a/b' })).toThrow(
      'STATIC_DEPLOY_SITE',
    );
  });
});
