import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import { loadConfig, type ReceiverConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startReceiver, type Receiver } from '../../server/receiver.js';

/** A receiver started in this process on 127.0.0.1 and a free port. */
export interface TestReceiver extends Receiver {
  apiUrl: string;
  secret: string;
  root: string;
  config: ReceiverConfig;
  /** Every log line written so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Every log line written so far, as raw text. */
  logText(): string;
  stop(): Promise<void>;
}

/** Starts a receiver on a fresh data folder with a generated secret. */
export async function startTestReceiver(
  env: Record<string, string> = {},
): Promise<TestReceiver> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-test-'));
  const secret = env.STATIC_DEPLOY_SECRET ?? randomBytes(32).toString('hex');
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    STATIC_DEPLOY_ROOT: root,
    STATIC_DEPLOY_SECRET: secret,
    ...env,
  });
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const receiver = await startReceiver(
    config,
    createLogger('info', destination),
  );
  return {
    ...receiver,
    apiUrl: `${receiver.url}${config.apiPrefix}`,
    secret,
    root: config.root,
    config,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join('\n'),
    async stop() {
      await receiver.close();
      await rm(root, { recursive: true, force: true });
      await rm(config.root, { recursive: true, force: true });
    },
  };
}
