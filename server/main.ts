import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startReceiver } from './receiver.js';

/** Starts the receiver from environment variables; `npm start` runs this. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(
      `static-deploy receiver: ${(error as Error).message}\n`,
    );
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);

  let receiver;
  try {
    receiver = await startReceiver(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'receiver failed to start');
    process.stderr.write(
      `static-deploy receiver: ${startFailure(error, config)}\n`,
    );
    process.exit(1);
  }

  const stop = (signal: string) => {
    logger.info({ signal }, 'receiver stopping');
    receiver.close().then(
      () => {
        logger.info('receiver stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'receiver failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function startFailure(
  error: unknown,
  config: { host: string; port: number },
): string {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return `${config.host}:${config.port} is already in use; stop the other server or set PORT to a free port`;
  }
  return (error as Error).message;
}

await main();
