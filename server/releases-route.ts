import type { Context } from 'koa';

import {
  EMPTY_SHA256,
  HEADER,
  TARGET_PATTERN,
  type ActivateResult,
  type ReleaseList,
  type ReleaseSummary,
} from '../protocol/index.js';
import { activateRelease } from './activation.js';
import type { DeployDependencies } from './deploy-route.js';
import { DeployError } from './errors.js';
import type { ReleaseRecord } from './releases.js';
import { authenticateOperation, claimOperation } from './signed-operation.js';

/** Handles `GET <prefix>/releases`: the kept releases, newest first. */
export function listReleasesRoute(deps: DeployDependencies) {
  return async (ctx: Context): Promise<void> => {
    authenticateOperation(ctx, deps, ['list'], deps.config.site);
    const current = deps.releases.current ?? null;
    const records = await deps.releases.list();
    const body: ReleaseList = {
      site: deps.config.site,
      current,
      releases: records.map((record) => summarize(record, current)),
    };
    ctx.body = body;
  };
}

/** Handles `GET <prefix>/releases/<release>`. */
export function showReleaseRoute(deps: DeployDependencies) {
  return async (ctx: Context): Promise<void> => {
    authenticateOperation(ctx, deps, ['list'], deps.config.site);
    const record = await findRelease(deps, releaseParam(ctx));
    ctx.body = summarize(record, deps.releases.current ?? null);
  };
}

/**
 * Handles `POST <prefix>/releases/<release>/activate`, the rollback: the
 * same atomic switch as a deploy, under the same lock and replay rules.
 */
export function activateReleaseRoute(deps: DeployDependencies) {
  return async (ctx: Context): Promise<void> => {
    const release = releaseParam(ctx);
    const signed = authenticateOperation(ctx, deps, ['activate'], release);
    if (signed.contentSha256 !== EMPTY_SHA256) {
      throw new DeployError(
        'invalid_header',
        `${HEADER.contentSha256} must be the SHA-256 of zero bytes, ${EMPTY_SHA256}, because activation has no body`,
      );
    }
    if (!(await claimOperation(ctx, deps, signed))) {
      return;
    }
    try {
      const result = await activate(deps, release);
      await deps.replay.finish(signed.deploymentId, {
        status: 200,
        body: result,
      });
      ctx.body = result;
      deps.logger.info(
        { deploymentId: signed.deploymentId, ...result, outcome: 'activated' },
        'activate',
      );
    } catch (error) {
      if (error instanceof DeployError && error.status < 500) {
        await deps.replay.finish(signed.deploymentId, {
          status: error.status,
          body: { code: error.code, message: error.message },
        });
      } else {
        await deps.replay.abandon(signed.deploymentId);
      }
      throw error;
    } finally {
      deps.lock.release(signed.deploymentId);
    }
  };
}

async function activate(
  deps: DeployDependencies,
  release: string,
): Promise<ActivateResult> {
  await findRelease(deps, release);
  const previous = await activateRelease(deps.releases, release, {
    keepReleases: deps.config.keepReleases,
    trash: deps.trash,
    logger: deps.logger,
  });
  return { release, previous, activatedAt: new Date().toISOString() };
}

async function findRelease(
  deps: DeployDependencies,
  release: string,
): Promise<ReleaseRecord> {
  const record = TARGET_PATTERN.test(release)
    ? await deps.releases.get(release)
    : undefined;
  if (record === undefined) {
    throw new DeployError(
      'release_not_found',
      `release ${JSON.stringify(release)} is not kept on this receiver; list the releases to see which ones are`,
    );
  }
  return record;
}

function releaseParam(ctx: Context): string {
  return String((ctx.params as Record<string, string>).release ?? '');
}

function summarize(
  record: ReleaseRecord,
  current: string | null,
): ReleaseSummary {
  return {
    ...record,
    lastActivatedAt: record.lastActivatedAt ?? null,
    live: record.release === current,
  };
}
