import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';

import { createApp } from './app.js';
import type { ReceiverConfig } from './config.js';
import { dataDirAt, prepareDataDir } from './data-dir.js';
import { DeployLock } from './deploy-lock.js';
import { ReleaseStore } from './releases.js';
import { ReplayStore } from './replay-store.js';
import { loadSecrets } from './secret-source.js';

/** A running receiver. */
export interface Receiver {
  server: Server;
  /** Base URL the receiver listens on, such as `http://127.0.0.1:8080`. */
  url: string;
  releases: ReleaseStore;
  close(): Promise<void>;
}

/** Seconds a client may take to send its request headers. */
const HEADERS_TIMEOUT_SECONDS = 20;
/** Seconds of silence after which an idle keep-alive connection is closed. */
const KEEP_ALIVE_TIMEOUT_SECONDS = 5;
/** Interval between sweeps of expired replay records. */
const REPLAY_PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Prepares the data folder, loads the secrets and the live release, and
 * starts listening.
 */
export async function startReceiver(
  config: ReceiverConfig,
  logger: Logger,
): Promise<Receiver> {
  const dataDir = dataDirAt(config.root);
  const leftovers = await prepareDataDir(dataDir);
  if (leftovers.length > 0) {
    logger.warn(
      { removed: leftovers },
      'removed leftovers of an interrupted deploy',
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
  const replay = new ReplayStore({
    dir: dataDir.replay,
    tmpDir: dataDir.tmp,
    toleranceSeconds: config.toleranceSeconds,
  });
  await pruneReplay(replay, logger);
  const pruneTimer = setInterval(
    () => void pruneReplay(replay, logger),
    REPLAY_PRUNE_INTERVAL_MS,
  );
  pruneTimer.unref();

  const app = createApp({
    config,
    secrets: secretSource.secrets,
    dataDir,
    replay,
    lock: new DeployLock(),
    releases,
    logger,
  });
  const handle = app.callback();
  const server = createServer(
    { requestTimeout: config.requestTimeoutSeconds * 1000 },
    handle,
  );
  // Without this listener Node sends 100 Continue at once; with it, the
  // deploy route sends it only after the signature passes.
  server.on('checkContinue', handle);
  server.headersTimeout = HEADERS_TIMEOUT_SECONDS * 1000;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_SECONDS * 1000;

  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
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
    close: () => closeServer(server, pruneTimer),
  };
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

function closeServer(
  server: Server,
  pruneTimer: NodeJS.Timeout,
): Promise<void> {
  clearInterval(pruneTimer);
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
