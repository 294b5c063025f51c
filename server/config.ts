import path from 'node:path';

import { TARGET_PATTERN } from '../protocol/index.js';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract/index.js';

/** Everything the receiver reads from its environment. */
export interface ReceiverConfig {
  host: string;
  port: number;
  /** Data folder holding releases, the `current` link, temp files and records. */
  root: string;
  /** URL path prefix of the deploy API; every other path serves the site. */
  apiPrefix: string;
  /** Site name that deploy signatures must name as their target. */
  site: string;
  /** Secrets from STATIC_DEPLOY_SECRET; empty when the file or generated secret is used. */
  secretValue?: string;
  secretFile?: string;
  toleranceSeconds: number;
  maxArchiveBytes: number;
  extractLimits: ExtractLimits;
  /** Maximum time for one request to arrive in full. */
  requestTimeoutSeconds: number;
  /** Window in which an upload must deliver at least 1 KiB or be cut off. */
  uploadIdleTimeoutSeconds: number;
  /** How many releases to keep besides the live one. */
  keepReleases: number;
  /** Response header naming the release that served a file; empty for none. */
  releaseHeader: string;
  logLevel: string;
}

type Environment = Record<string, string | undefined>;

const GIB = 1024 ** 3;

/**
 * Reads the receiver's configuration from environment variables, applying
 * the documented defaults.
 *
 * @throws Error naming the variable when a value is invalid.
 */
export function loadConfig(
  env: Environment,
  cwd = process.cwd(),
): ReceiverConfig {
  const site = env.STATIC_DEPLOY_SITE ?? 'default';
  if (!TARGET_PATTERN.test(site)) {
    throw new Error(
      `STATIC_DEPLOY_SITE is invalid: ${JSON.stringify(site)}; use letters, digits, ".", "_" and "-"`,
    );
  }

  return {
    host: env.HOST ?? '127.0.0.1',
    port: readInteger(env, 'PORT', 8080, 0, 65535),
    root: path.resolve(cwd, env.STATIC_DEPLOY_ROOT ?? 'data'),
    apiPrefix: readPrefix(env.STATIC_DEPLOY_PREFIX ?? '/_static-deploy'),
    site,
    secretValue: env.STATIC_DEPLOY_SECRET,
    secretFile: env.STATIC_DEPLOY_SECRET_FILE,
    toleranceSeconds: readInteger(
      env,
      'STATIC_DEPLOY_TOLERANCE_SECONDS',
      300,
      1,
      86400,
    ),
    maxArchiveBytes: readInteger(
      env,
      'STATIC_DEPLOY_MAX_ARCHIVE_BYTES',
      GIB,
      1,
    ),
    extractLimits: {
      maxEntries: readInteger(
        env,
        'STATIC_DEPLOY_MAX_ENTRIES',
        DEFAULT_EXTRACT_LIMITS.maxEntries,
        1,
      ),
      maxUnpackedBytes: readInteger(
        env,
        'STATIC_DEPLOY_MAX_UNPACKED_BYTES',
        DEFAULT_EXTRACT_LIMITS.maxUnpackedBytes,
        1,
      ),
      maxCompressionRatio: readInteger(
        env,
        'STATIC_DEPLOY_MAX_COMPRESSION_RATIO',
        DEFAULT_EXTRACT_LIMITS.maxCompressionRatio,
        1,
      ),
    },
    requestTimeoutSeconds: readInteger(
      env,
      'STATIC_DEPLOY_REQUEST_TIMEOUT_SECONDS',
      600,
      1,
    ),
    uploadIdleTimeoutSeconds: readInteger(
      env,
      'STATIC_DEPLOY_UPLOAD_IDLE_TIMEOUT_SECONDS',
      30,
      1,
    ),
    keepReleases: readInteger(env, 'STATIC_DEPLOY_KEEP_RELEASES', 10, 1),
    releaseHeader: readHeaderName(env.STATIC_DEPLOY_RELEASE_HEADER),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

function readInteger(
  env: Environment,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (
    !/^[0-9]+$/.test(raw) ||
    !Number.isSafeInteger(value) ||
    value < min ||
    value > max
  ) {
    throw new Error(
      `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

function readHeaderName(raw: string | undefined): string {
  const name = raw ?? 'X-Static-Deploy-Release';
  if (name !== '' && !/^[A-Za-z0-9-]+$/.test(name)) {
    throw new Error(
      `STATIC_DEPLOY_RELEASE_HEADER must be a header name such as X-Release, or empty to send none; got ${JSON.stringify(raw)}`,
    );
  }
  return name;
}

function readPrefix(raw: string): string {
  const prefix = raw.replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(prefix)) {
    throw new Error(
      `STATIC_DEPLOY_PREFIX must be a URL path such as /_static-deploy, got ${JSON.stringify(raw)}`,
    );
  }
  return prefix;
}
