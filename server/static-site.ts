import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

import type { Context } from 'koa';
import mime from 'mime-types';

import type { ReleaseStore } from './releases.js';

const NOT_FOUND_PAGE = '404.html';
const INDEX_PAGE = 'index.html';

/**
 * Serves the live release as a static site: `index.html` for folders,
 * `404.html` from the release root for missing paths when it exists,
 * validators for conditional requests, and `no-cache` so browsers
 * revalidate after every deploy instead of guessing a lifetime.
 */
export function staticSite(
  releases: ReleaseStore,
  options: { apiPrefix: string; releaseHeader: string },
) {
  return async (ctx: Context): Promise<void> => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      ctx.status = 405;
      ctx.body = `Method Not Allowed: this path serves the site; the deploy API is under ${options.apiPrefix}/\n`;
      return;
    }
    // Resolved once, so every file of this response comes from one release.
    const release = releases.current;
    if (release === undefined) {
      ctx.status = 404;
      ctx.body = 'No release has been deployed yet.\n';
      return;
    }
    const root = releases.siteDirOf(release);
    if (options.releaseHeader !== '') {
      ctx.set(options.releaseHeader, release);
    }

    const relative = decodeRequestPath(ctx.path);
    if (relative === undefined) {
      ctx.status = 400;
      ctx.body = 'Bad Request\n';
      return;
    }
    await serveFile(ctx, root, relative);
  };
}

async function serveFile(
  ctx: Context,
  root: string,
  relative: string,
): Promise<void> {
  let file = path.join(root, relative);
  let stats = await statOrUndefined(file);
  if (stats?.isDirectory()) {
    if (!ctx.path.endsWith('/')) {
      // Leading slashes are collapsed: a Location of //host/ would send
      // the browser to another site.
      const location = `/${ctx.path.replace(/^\/+/, '')}/`;
      ctx.status = 301;
      ctx.redirect(
        `${location}${ctx.querystring === '' ? '' : `?${ctx.querystring}`}`,
      );
      return;
    }
    file = path.join(file, INDEX_PAGE);
    stats = await statOrUndefined(file);
  }

  if (stats === undefined || !stats.isFile()) {
    await serveNotFound(ctx, root);
    return;
  }
  sendFile(ctx, file, stats, 200);
}

async function serveNotFound(ctx: Context, root: string): Promise<void> {
  const page = path.join(root, NOT_FOUND_PAGE);
  const stats = await statOrUndefined(page);
  if (stats?.isFile()) {
    sendFile(ctx, page, stats, 404);
    return;
  }
  ctx.status = 404;
  ctx.body = 'Not Found\n';
}

function sendFile(
  ctx: Context,
  file: string,
  stats: Stats,
  status: number,
): void {
  ctx.status = status;
  ctx.type = mime.contentType(path.extname(file)) || 'application/octet-stream';
  ctx.lastModified = stats.mtime;
  ctx.etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  ctx.set('Cache-Control', 'no-cache');
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (status === 200 && ctx.fresh) {
    ctx.status = 304;
    return;
  }
  // Koa sends no body for HEAD, so opening the file for it would only
  // hold a descriptor.
  if (ctx.method !== 'HEAD') {
    ctx.body = createReadStream(file);
  }
  ctx.length = stats.size;
}

/**
 * Turns a URL path into a path relative to the release root, or returns
 * undefined for paths that are malformed or could leave the root.
 */
export function decodeRequestPath(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return undefined;
  }
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..')) {
    return undefined;
  }
  return path.posix.normalize(`.${decoded}`);
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') {
      return undefined;
    }
    throw error;
  }
}
