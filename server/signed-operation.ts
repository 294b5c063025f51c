import type { Context } from 'koa';

import type { Operation } from '../protocol/index.js';
import { authenticate, type SignedRequest } from './authenticate.js';
import type { DeployDependencies } from './deploy-route.js';
import { DeployError } from './errors.js';

/** Retry-After seconds sent while another deploy is running. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** Checks a request's signature for one of `operations` on `target`. */
export function authenticateOperation(
  ctx: Context,
  deps: DeployDependencies,
  operations: readonly Operation[],
  target: string,
): SignedRequest {
  return authenticate(ctx.req, {
    operations,
    target,
    secrets: deps.secrets,
    toleranceSeconds: deps.config.toleranceSeconds,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
}

/**
 * Records a state-changing request's deployment id and takes the deploy
 * lock. A retry of a finished request gets its stored response written to
 * `ctx` instead, and then this returns false: the caller has nothing left
 * to do. When this returns true the caller holds the lock and must settle
 * the replay record and release the lock.
 *
 * @throws DeployError 409 when the id was used for other content or its
 *   request is still running, or when another deploy holds the lock.
 */
export async function claimOperation(
  ctx: Context,
  deps: DeployDependencies,
  signed: SignedRequest,
): Promise<boolean> {
  const decision = await deps.replay.begin(
    signed.deploymentId,
    signed.contentSha256,
    signed.timestampSeconds,
  );
  if (decision.kind === 'replay') {
    ctx.status = decision.response.status;
    ctx.body = decision.response.body;
    ctx.set('X-Static-Deploy-Replayed', 'true');
    return false;
  }
  if (decision.kind === 'conflict') {
    throw new DeployError(
      'deployment_id_reused',
      'this deployment id was already used for a different request; send every request with a new random id',
    );
  }
  if (decision.kind === 'in_progress') {
    throw busy('this request is still being handled; retry in a few seconds');
  }
  if (!deps.lock.tryAcquire(signed.deploymentId)) {
    await deps.replay.abandon(signed.deploymentId);
    throw busy('another deploy is running; retry in a few seconds');
  }
  return true;
}

function busy(message: string): DeployError {
  return new DeployError('deploy_in_progress', message, {
    retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
  });
}
