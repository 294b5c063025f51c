import Router from '@koa/router';
import Koa from 'koa';

import { DeployError } from './errors.js';
import { deployRoute, type DeployDependencies } from './deploy-route.js';
import { errorResponse } from './error-response.js';
import { RejectionLog } from './logger.js';
import { staticSite } from './static-site.js';

const CLIENT_GONE_CODES = new Set([
  'ERR_STREAM_PREMATURE_CLOSE',
  'ECONNRESET',
  'EPIPE',
]);

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
    await staticSite(deps.releases, prefix)(ctx);
  });
  app.use(errorResponse(deps.logger, new RejectionLog(deps.logger)));
  // Runs after the router and allowedMethods have had their turn, so a
  // known path with the wrong method still gets 405.
  app.use(async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body == null) {
      throw new DeployError(
        'not_found',
        `no API endpoint at ${ctx.path}; the endpoints are ${prefix}/deploy ` +
          `and ${prefix}/healthz, and a sender's url is the prefix ${prefix}`,
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
    // A client that goes away while a file streams out is routine.
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && CLIENT_GONE_CODES.has(code)) {
      deps.logger.debug({ code }, 'client closed the connection early');
      return;
    }
    deps.logger.error({ err: error }, 'unhandled application error');
  });
  return app;
}

function apiRouter(deps: DeployDependencies): Router {
  const router = new Router({ prefix: deps.config.apiPrefix });
  router.get('/healthz', (ctx) => {
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
