import {
  encodeMetadata,
  METADATA_PATTERN,
  newDeploymentId,
  nowSeconds,
  signedHeaders,
  type DeploymentMetadata,
} from '../protocol/index.js';

import {
  prepareArchive,
  type ArchiveSource,
  type ArchiveToSend,
} from './archive-source.js';
import { deployEndpoint } from './endpoint.js';
import { SILENT_LOGGER, type Logger } from './log.js';
import { checkSiteName, DEFAULT_SITE } from './target-names.js';
import { uploadArchive, type UploadOptions } from './upload.js';

/** Options for {@link deploy}. */
export interface DeployOptions
  extends
    ArchiveSource,
    Pick<
      UploadOptions,
      'timeoutSeconds' | 'retries' | 'sleep' | 'random' | 'clock'
    > {
  /**
   * The receiver's API prefix, such as `https://example.com/_static-deploy`.
   */
  url: string;
  secrets: readonly string[];
  /** Site name on the receiver, `default` when not set. */
  site?: string;
  /**
   * Origin of the deployment (commit, repository, message), which the receiver
   * stores with the release.
   */
  metadata?: DeploymentMetadata;
  /**
   * Whether the receiver makes the new release live, true when not set.
   * False signs the `stage` operation, which only unpacks the release, so
   * it can be activated later by name.
   */
  activate?: boolean;
  /** Packs and signs but sends nothing. */
  dryRun?: boolean;
  log?: Logger;
}

/**
 * Result of a deploy, or for a dry run, a description of the request it would
 * have sent.
 */
export interface DeployOutcome {
  deploymentId: string;
  /** Signed operation: `deploy` makes the release live, `stage` does not. */
  operation: 'deploy' | 'stage';
  /** Release id that the receiver created; absent for a dry run. */
  release?: string;
  /** Whether the receiver made the release live; absent for a dry run. */
  activated?: boolean;
  files: number;
  archiveBytes: number;
  archiveSha256: string;
  /** Wall-clock time of the whole deploy in this process, in milliseconds. */
  durationMs: number;
  dryRun: boolean;
  /** For a dry run, the endpoint and the signed headers of the request. */
  request?: { url: string; headers: Record<string, string> };
}

/** Checked, request-wide values derived from the options. */
interface DeployTarget {
  site: string;
  operation: 'deploy' | 'stage';
  metadata?: string;
  endpoint: URL;
}

/**
 * Packs a site folder (or takes a prebuilt zip), signs it and uploads it
 * to the receiver, which makes it live unless `activate` is false. The
 * temporary archive is always removed afterwards, whether the deploy
 * succeeded or not.
 *
 * @throws TypeError for invalid options, Error when packing fails, and
 *   DeployFailedError when the receiver rejects the deploy or cannot be
 *   reached.
 */
export async function deploy(options: DeployOptions): Promise<DeployOutcome> {
  const startedMs = performance.now();
  const target = checkTarget(options);
  const log = options.log ?? SILENT_LOGGER;

  const archive = await prepareArchive(options, log);
  try {
    const deploymentId = newDeploymentId();
    const sent = options.dryRun
      ? signOnly(options, target, archive, deploymentId)
      : await send(options, target, archive, deploymentId);
    return {
      ...sent,
      deploymentId,
      operation: target.operation,
      files: sent.files ?? archive.files,
      archiveBytes: archive.bytes,
      archiveSha256: archive.sha256,
      durationMs: Math.round(performance.now() - startedMs),
    };
  } finally {
    await archive.remove();
  }
}

/**
 * Parts of the outcome that sending decides. `files` is the receiver's count
 * when it sent one.
 */
type SentFields = Pick<
  DeployOutcome,
  'release' | 'activated' | 'dryRun' | 'request'
> & {
  files?: number;
};

/**
 * Signs the request as a real deploy would, so a dry run checks the signing
 * inputs too.
 */
function signOnly(
  options: DeployOptions,
  target: DeployTarget,
  archive: ArchiveToSend,
  deploymentId: string,
): SentFields {
  const headers = signedHeaders(options.secrets, {
    operation: target.operation,
    target: target.site,
    deploymentId,
    timestampSeconds: (options.clock ?? nowSeconds)(),
    contentSha256: archive.sha256,
    metadata: target.metadata,
  });
  const log = options.log ?? SILENT_LOGGER;
  log.info(`dry run: deployment ${deploymentId} was signed but not sent`);
  return { dryRun: true, request: { url: target.endpoint.href, headers } };
}

async function send(
  options: DeployOptions,
  target: DeployTarget,
  archive: ArchiveToSend,
  deploymentId: string,
): Promise<SentFields> {
  const log = options.log ?? SILENT_LOGGER;
  const { endpoint } = target;
  log.info(
    `uploading deployment ${deploymentId} of site ${target.site} ` +
      `to ${endpoint.origin}${endpoint.pathname}`,
  );
  const result = await uploadArchive({
    ...options,
    site: target.site,
    operation: target.operation,
    metadata: target.metadata,
    deploymentId,
    archivePath: archive.archivePath,
    archiveBytes: archive.bytes,
    archiveSha256: archive.sha256,
  });
  const state = result.activated ? 'live' : 'staged, not live';
  log.info(`receiver created release ${result.release} (${state})`);
  return {
    release: result.release,
    activated: result.activated,
    files: result.files,
    dryRun: false,
  };
}

/** Checks the options that do not depend on the archive, before packing. */
function checkTarget(options: DeployOptions): DeployTarget {
  const site = checkSiteName(options.site ?? DEFAULT_SITE);
  const endpoint = deployEndpoint(options.url);
  return {
    site,
    operation: options.activate === false ? 'stage' : 'deploy',
    endpoint,
    metadata: encodeOptionalMetadata(options.metadata),
  };
}

function encodeOptionalMetadata(
  metadata: DeploymentMetadata | undefined,
): string | undefined {
  if (metadata === undefined || Object.keys(metadata).length === 0) {
    return undefined;
  }
  const encoded = encodeMetadata(metadata);
  if (!METADATA_PATTERN.test(encoded)) {
    throw new TypeError(
      `deployment metadata is ${encoded.length} characters once encoded, ` +
        'more than the header allows (8192); shorten the message',
    );
  }
  return encoded;
}
