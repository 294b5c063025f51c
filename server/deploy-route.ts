import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

import type { Context } from 'koa';
import type { Logger } from 'pino';

import type { DeployResult } from '../protocol/index.js';
import type { SignedRequest } from './authenticate.js';
import type { ReceiverConfig } from './config.js';
import type { DataDir } from './data-dir.js';
import type { DeployLock } from './deploy-lock.js';
import { DeployError, isStorageFull } from './errors.js';
import { extractArchive } from './extract/index.js';
import { activateRelease } from './activation.js';
import type { ReleaseTrash } from './release-trash.js';
import { ReleaseStore, SITE_FOLDER } from './releases.js';
import {
  checkUploadHeaders,
  receiveArchive,
  UploadAbortedError,
} from './receive-upload.js';
import type { ReplayStore } from './replay-store.js';
import { authenticateOperation, claimOperation } from './signed-operation.js';

export interface DeployDependencies {
  config: ReceiverConfig;
  secrets: readonly string[];
  dataDir: DataDir;
  replay: ReplayStore;
  lock: DeployLock;
  releases: ReleaseStore;
  trash: ReleaseTrash;
  logger: Logger;
}

/**
 * Handles `POST <prefix>/deploy`. Everything that can be decided from the
 * headers (signature, timestamp, replay, media type, declared size, the
 * deploy lock) is decided before the body is read, so a rejected request
 * costs no disk.
 */
export function deployRoute(deps: DeployDependencies) {
  return async (ctx: Context): Promise<void> => {
    const startedAt = performance.now();
    const signed = authenticateOperation(
      ctx,
      deps,
      ['deploy', 'stage'],
      deps.config.site,
    );
    checkUploadHeaders(ctx, deps.config.maxArchiveBytes);
    if (!(await claimOperation(ctx, deps, signed))) {
      logOutcome(deps.logger, ctx, signed, startedAt, { outcome: 'replayed' });
      return;
    }

    const progress: DeployProgress = { archiveVerified: false, stepsMs: {} };
    try {
      const result = await runDeploy(ctx, deps, signed, startedAt, progress);
      await deps.replay.finish(signed.deploymentId, {
        status: 200,
        body: result,
      });
      ctx.body = result;
      logOutcome(deps.logger, ctx, signed, startedAt, {
        outcome: result.activated ? 'deployed' : 'staged',
        ...result,
        stepsMs: progress.stepsMs,
      });
    } catch (error) {
      await settleFailure(
        deps.replay,
        signed.deploymentId,
        error,
        progress.archiveVerified,
      );
      logOutcome(deps.logger, ctx, signed, startedAt, {
        ...failureFields(error),
        stepsMs: progress.stepsMs,
      });
      throw error;
    } finally {
      deps.lock.release(signed.deploymentId);
    }
  };
}

/** Progress of one deploy, for the replay record and the log line. */
interface DeployProgress {
  /** Whether the received archive matched the signed SHA-256. */
  archiveVerified: boolean;
  /** Wall time of each finished step in ms, logged as `stepsMs`. */
  stepsMs: Partial<Record<DeployStep, number>>;
}

type DeployStep = 'receive' | 'extract' | 'publish' | 'activate';

/** Runs `step` and records its wall time in `progress.stepsMs`. */
async function timed<T>(
  progress: DeployProgress,
  step: DeployStep,
  run: () => Promise<T>,
): Promise<T> {
  const stepStartedAt = performance.now();
  const result = await run();
  progress.stepsMs[step] = Math.round(performance.now() - stepStartedAt);
  return result;
}

async function runDeploy(
  ctx: Context,
  deps: DeployDependencies,
  signed: SignedRequest,
  startedAt: number,
  progress: DeployProgress,
): Promise<DeployResult> {
  // The client held back the body until now if it sent Expect: 100-continue.
  if (ctx.get('expect').toLowerCase() === '100-continue') {
    ctx.res.writeContinue();
  }
  const uploadDir = await mkdtemp(path.join(deps.dataDir.tmp, 'upload-'));
  const stagingDir = path.join(deps.dataDir.staging, signed.deploymentId);
  try {
    const archive = await timed(progress, 'receive', () =>
      receiveArchive(ctx, {
        uploadDir,
        maxArchiveBytes: deps.config.maxArchiveBytes,
        idleTimeoutMs: deps.config.uploadIdleTimeoutSeconds * 1000,
      }),
    );
    if (archive.sha256 !== signed.contentSha256) {
      throw new DeployError(
        'content_hash_mismatch',
        `the archive's SHA-256 is ${archive.sha256}, but the request was signed for ${signed.contentSha256}; ` +
          'the upload was altered or cut short, so send it again',
      );
    }
    progress.archiveVerified = true;

    await mkdir(path.join(stagingDir, SITE_FOLDER), {
      recursive: true,
      mode: 0o755,
    });
    const summary = await timed(progress, 'extract', () =>
      extractArchive(
        archive.path,
        path.join(stagingDir, SITE_FOLDER),
        deps.config.extractLimits,
      ),
    );
    await rm(uploadDir, { recursive: true, force: true });

    const createdAt = new Date();
    const release = ReleaseStore.nameFor(signed.deploymentId, createdAt);
    await timed(progress, 'publish', () =>
      deps.releases.publish(stagingDir, {
        release,
        deploymentId: signed.deploymentId,
        createdAt: createdAt.toISOString(),
        archiveSha256: archive.sha256,
        archiveBytes: archive.bytes,
        files: summary.files,
        bytes: summary.bytes,
        metadata: signed.metadata,
      }),
    );
    const activated = signed.operation === 'deploy';
    if (activated) {
      await timed(progress, 'activate', () =>
        activateRelease(deps.releases, release, {
          keepReleases: deps.config.keepReleases,
          trash: deps.trash,
          logger: deps.logger,
        }),
      );
    }

    return {
      deploymentId: signed.deploymentId,
      release,
      files: summary.files,
      bytes: summary.bytes,
      archiveBytes: archive.bytes,
      archiveSha256: archive.sha256,
      activated,
      durationMs: Math.round(performance.now() - startedAt),
    };
  } catch (error) {
    throw isStorageFull(error)
      ? new DeployError(
          'insufficient_storage',
          'the receiver ran out of disk space; free space and deploy again',
          {
            cause: error,
          },
        )
      : error;
  } finally {
    await rm(uploadDir, { recursive: true, force: true });
    await rm(stagingDir, { recursive: true, force: true });
  }
}

/**
 * Stores a final response for rejections of the signed archive itself, which
 * a retry of the same archive would get again. Anything that went wrong
 * before the received bytes matched the signed hash (a broken or hostile
 * multipart body, an upload cut short) reveals nothing about the archive, so
 * the id stays open for a retry; otherwise anyone holding a captured
 * request could block its deploy with a bad body.
 */
async function settleFailure(
  replay: ReplayStore,
  deploymentId: string,
  error: unknown,
  archiveVerified: boolean,
): Promise<void> {
  if (archiveVerified && error instanceof DeployError && error.status < 500) {
    await replay.finish(deploymentId, {
      status: error.status,
      body: { code: error.code, message: error.message },
    });
  } else {
    await replay.abandon(deploymentId);
  }
}

function failureFields(error: unknown): Record<string, unknown> {
  if (error instanceof DeployError) {
    return { outcome: 'rejected', code: error.code, status: error.status };
  }
  if (error instanceof UploadAbortedError) {
    return { outcome: 'aborted' };
  }
  return { outcome: 'failed', code: 'internal_error' };
}

function logOutcome(
  logger: Logger,
  ctx: Context,
  signed: SignedRequest,
  startedAt: number,
  fields: Record<string, unknown>,
): void {
  ctx.state.logged = true;
  logger.info(
    {
      deploymentId: signed.deploymentId,
      site: signed.target,
      remoteAddress: ctx.request.ip,
      durationMs: Math.round(performance.now() - startedAt),
      ...fields,
    },
    'deploy',
  );
}
