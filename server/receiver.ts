import { mkdir } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';

import { createApp } from './app.js';
import type { ReceiverConfig } from './config.js';
import { dataDirAt, prepareDataDir, type DataDir } from './data-dir.js';
import { lockDataDir } from './data-dir-lock.js';
import { DeployLock } from './deploy-lock.js';
import { ReleaseTrash } from './release-trash.js';
import { ReleaseStore } from './releases.js';
import { ReplayStore } from './replay-store.js';
import { loadSecrets } from './secret-source.js';

/** A running receiver. */
export interface Receiver {
  server: Server;
  /** Base URL the receiver listens on, such as `http://127.0.0.1:8080`. */
  url: string;
  releases: ReleaseStore;
  trash: ReleaseTrash;
  close(): Promise<void>;
}

/** Seconds a client may take to send its request headers. */
const HEADERS_TIMEOUT_SECONDS = 20;
/** Seconds of silence after which an idle keep-alive connection is closed. */
const KEEP_ALIVE_TIMEOUT_SECONDS = 5;
/** Interval between sweeps of expired replay records. */
const REPLAY_PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Claims and prepares the data folder, loads the secrets and the live
 * release, and starts listening. A failure after the folder was claimed
 * gives it up again.
 */
export async function startReceiver(
  config: ReceiverConfig,
  logger: Logger,
): Promise<Receiver> {
  const dataDir = dataDirAt(config.root);
  await mkdir(dataDir.root, { recursive: true, mode: 0o755 });
  const unlock = await lockDataDir(dataDir.root);
  try {
    return await startOnLockedDataDir(config, dataDir, logger, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function startOnLockedDataDir(
  config: ReceiverConfig,
  dataDir: DataDir,
  logger: Logger,
  unlock: () => Promise<void>,
): Promise<Receiver> {
  const leftovers = await prepareDataDir(dataDir);
  if (leftovers.length > 0) {
    logger.warn(
      { removed: leftovers },
      'removed leftovers of an interrupted deploy or deletion',
    );
  }
  const secretSource = await loadSecrets({ ...config });
  if (secretSource.generated) {
    logger.warn(
      { secretFile: secretSource.origin },
      'generated a new secret; give its contents to the sender',
    );
  }
  const releases = new ReleaseStore(dataDir);
  await releases.load();
  const trash = new ReleaseTrash(dataDir.trash, logger);
  const replay = new ReplayStore({
    dir: dataDir.replay,
    tmpDir: dataDir.tmp,
    toleranceSeconds: config.toleranceSeconds,
  });
  await pruneReplay(replay, logger);

  const app = createApp({
    config,
    secrets: secretSource.secrets,
    dataDir,
    replay,
    lock: new DeployLock(),
    releases,
    trash,
    logger,
  });
  const server = createHttpServer(app.callback(), config);
  await listen(server, config.port, config.host);
  const pruneTimer = setInterval(
    () => void pruneReplay(replay, logger),
    REPLAY_PRUNE_INTERVAL_MS,
  );
  pruneTimer.unref();

  const url = urlOf(server, config.host);
  logger.info(
    {
      url,
      apiPrefix: config.apiPrefix,
      root: config.root,
      site: config.site,
      release: releases.current ?? null,
      secretSource: secretSource.origin,
    },
    'receiver started',
  );
  return {
    server,
    url,
    releases,
    trash,
    close: async () => {
      clearInterval(pruneTimer);
      // Stopped first, so a deploy that finishes while the server closes
      // leaves its pruned releases for the next start instead of starting
      // a deletion that shutdown would have to wait for.
      await trash.close();
      await closeServer(server);
      await unlock();
    },
  };
}

function createHttpServer(
  handle: RequestListener,
  config: ReceiverConfig,
): Server {
  const server = createServer(
    { requestTimeout: config.requestTimeoutSeconds * 1000 },
    handle,
  );
  // Without this listener Node sends 100 Continue at once; with it, the
  // deploy route sends it only after the signature passes.
  server.on('checkContinue', handle);
  server.headersTimeout = HEADERS_TIMEOUT_SECONDS * 1000;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_SECONDS * 1000;
  return server;
}

function urlOf(server: Server, configuredHost: string): string {
  const { port } = server.address() as AddressInfo;
  const host = configuredHost.includes(':')
    ? `[${configuredHost}]`
    : configuredHost;
  return `http://${host}:${port}`;
}

async function pruneReplay(replay: ReplayStore, logger: Logger): Promise<void> {
  try {
    await replay.prune(Math.floor(Date.now() / 1000));
  } catch (error) {
    logger.error(
      { err: error },
      'failed to prune expired replay records; retrying at the next sweep',
    );
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
