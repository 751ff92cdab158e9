import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { connectDatabase, openDatabase } from './runtime/database.ts';

/** `npm run migrate`: applies pending migrations (the app does this on start as well). */
try {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const connection = await connectDatabase(config, logger);
  try {
    const db = await openDatabase(connection, config, logger);
    await db.close();
    console.log('Migrations are up to date.');
  } finally {
    await connection.stop();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
