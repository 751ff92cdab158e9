import { ConfigError, loadConfig } from './config.ts';
import { createGateway } from './app.ts';
import { createLogger } from './logger.ts';
import { connectDatabase, openDatabase, sessionSecret } from './runtime/database.ts';
import { DEMO_LOGIN, seedDemo } from './runtime/demo-seed.ts';

/** `npm start`: database (embedded unless DATABASE_URL), migrations, demo seed, gateway. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const connection = await connectDatabase(config, logger);
  const stopping: Array<() => Promise<void>> = [() => connection.stop()];
  const shutdown = async (signal: string, exitCode = 0) => {
    logger.info({ signal }, 'shutting down');
    for (const stop of stopping.splice(0).reverse()) await stop().catch((error) => logger.error({ err: error }, 'error while stopping'));
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    const db = await openDatabase(connection, config, logger);
    stopping.push(() => db.close());
    const gateway = await createGateway({ config, db, logger, sessionSecret: await sessionSecret(config) });
    const seeded = config.DEMO_SEED ? await seedDemo(db, gateway.services) : false;
    const url = await gateway.listen(config.PORT, config.HOST);
    stopping.push(() => gateway.close());
    logger.info({ url }, 'gateway listening');
    const base = config.PUBLIC_URL;
    console.log(
      [
        '',
        `  CRM AutoPilot is running${connection.embedded ? ` (embedded PostgreSQL, data in ${config.DATA_DIR}/)` : ''}.`,
        `  GraphQL:   ${base}/graphql`,
        `  Health:    ${base}/healthz   Ready: ${base}/readyz`,
        config.DEMO_SEED ? `  Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}${seeded ? ' (just created)' : ''}` : '',
        '  Press Ctrl-C to stop.',
        '',
      ]
        .filter((line) => line !== '')
        .join('\n'),
    );
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await shutdown('startup-failure', 1);
  }
}

await main();
