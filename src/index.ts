// Composition root: read the configuration once, start the bot, stop cleanly on SIGTERM/SIGINT.

import 'dotenv/config';
import { loadConfig, ConfigError } from './config';
import { composeBot } from './compose';
import { createLogger, LogContext } from './logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logContext = new LogContext();
  const logger = createLogger(config.logLevel, undefined, logContext);
  const bot = await composeBot(config, { logger, logContext });
  logger.info(
    {
      store: config.store.kind,
      authentication: config.bot.authenticationEnabled,
      schools: config.schools.length,
    },
    `meldcode-bot listening on ${bot.server.url}/api/messages`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ error: error instanceof Error ? error.message : 'unknown' }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `meldcode-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
