import Router from '@koa/router';
import Koa from 'koa';

import { DeployError } from './errors.js';
import { deployRoute, type DeployDependencies } from './deploy-route.js';
import { errorResponse } from './error-response.js';
import { RejectionLog } from './logger.js';
import {
  activateReleaseRoute,
  listReleasesRoute,
  showReleaseRoute,
} from './releases-route.js';
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
  const site = staticSite(deps.releases, {
    apiPrefix: prefix,
    releaseHeader: deps.config.releaseHeader,
  });

  app.use(async (ctx, next) => {
    if (ctx.path === prefix || ctx.path.startsWith(`${prefix}/`)) {
      return next();
    }
    await site(ctx);
  });
  app.use(errorResponse(deps.logger, new RejectionLog(deps.logger)));
  // Runs after the router and allowedMethods have had their turn, so a
  // known path with the wrong method still gets 405.
  app.use(async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body == null) {
      throw new DeployError(
        'not_found',
        `no API endpoint at ${ctx.path}; docs/protocol.md lists the endpoints under ${prefix}, ` +
          `and a sender's url is the prefix ${prefix} itself`,
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
  router.get('/releases', listReleasesRoute(deps));
  router.get('/releases/:release', showReleaseRoute(deps));
  router.post('/releases/:release/activate', activateReleaseRoute(deps));
  return router;
}

function methodNotAllowed(): Error {
  return new DeployError(
    'method_not_allowed',
    'this endpoint does not accept that method',
  );
}
