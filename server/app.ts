import Router from '@koa/router';
import Koa from 'koa';

import { DeployError } from './errors.js';
import { deployRoute, type DeployDependencies } from './deploy-route.js';
import { errorResponse } from './error-response.js';
import { RejectionLog } from './logger.js';
import { staticSite } from './static-site.js';

/**
 * Builds the receiver's Koa application: the deploy API under the
 * configured prefix, and the live release as a static site everywhere else.
 */
export function createApp(deps: DeployDependencies): Koa {
  const app = new Koa({ proxy: false });
  const api = apiRouter(deps);
  const prefix = deps.config.apiPrefix;

  app.use(async (ctx, next) => {
    if (ctx.path === prefix || ctx.path.startsWith(`${prefix}/`)) {
      return next();
    }
    writeContinueIfExpected(ctx);
    await staticSite(deps.releases)(ctx);
  });
  app.use(errorResponse(deps.logger, new RejectionLog(deps.logger)));
  // Runs after the router and allowedMethods have had their turn, so a
  // known path with the wrong method still gets 405.
  app.use(async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body == null) {
      throw new DeployError(
        'not_found',
        'no such API endpoint; see docs/protocol.md',
      );
    }
  });
  app.use(api.routes());
  app.use(
    api.allowedMethods({
      throw: true,
      methodNotAllowed: methodNotAllowed,
      notImplemented: methodNotAllowed,
    }),
  );
  app.on('error', (error: unknown) => {
    deps.logger.error({ err: error }, 'unhandled application error');
  });
  return app;
}

function apiRouter(deps: DeployDependencies): Router {
  const router = new Router({ prefix: deps.config.apiPrefix });
  router.get('/healthz', (ctx) => {
    writeContinueIfExpected(ctx);
    ctx.body = { status: 'ok', release: deps.releases.current ?? null };
  });
  router.post('/deploy', deployRoute(deps));
  return router;
}

function methodNotAllowed(): Error {
  return new DeployError(
    'method_not_allowed',
    'this endpoint does not accept that method',
  );
}

/**
 * The server answers Expect: 100-continue itself only where the route says
 * so; the deploy route does it after the signature passes, so a rejected
 * client never sends its body.
 */
function writeContinueIfExpected(ctx: Koa.Context): void {
  if (
    ctx.get('expect').toLowerCase() === '100-continue' &&
    !ctx.res.headersSent
  ) {
    ctx.res.writeContinue();
  }
}
