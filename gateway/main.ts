import { getPriority, setPriority } from 'node:os';
import { createGateway } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';
import { connectDatabase, openDatabase, sessionSecret } from './runtime/database.ts';
import { DEMO_LOGIN, seedDemo } from './runtime/demo-seed.ts';
import { encryptionKey, startRuntime } from './runtime/runtime.ts';

/**
 * `npm start` (gateway and workers), `npm run gateway` (HTTP only) and `npm run worker` (jobs only):
 * database (embedded unless DATABASE_URL), migrations, demo seed, then the roles asked for.
 *
 * The first two run with `--max-semi-space-size=32` (package.json): V8's default young generation
 * (2 × 64 MB on Node's 64-bit builds) becomes resident under any steady allocation, such as millions
 * of short-lived CSV rows, and took a 1,000,000-row import past 300 MB. 2 × 32 MB keeps it near
 * 240 MB (an import's batches are held as bytes, so almost nothing survives a collection), while the
 * GraphQL API keeps the nursery its 50 concurrent requests need: with 2 × 16 MB their data was
 * promoted mid-request and p99 latency suffered.
 */
async function main(role: 'all' | 'gateway' | 'worker'): Promise<void> {
  let config: Config;
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
  if (role === 'worker') yieldToGateways(config.WORKER_NICENESS, logger);
  const connection = await connectDatabase(config, logger);
  const stopping: Array<() => Promise<void>> = [() => connection.stop()];
  const shutdown = async (signal: string, exitCode = 0) => {
    logger.info({ signal }, 'shutting down');
    for (const stop of stopping.splice(0).reverse()) await stop().catch((error) => logger.error({ err: error }, 'error while stopping'));
    process.exit(exitCode);
  };
  // Listeners that stay (not `once`): a library that re-raises a signal when it sees no other
  // listener (signal-exit does) would otherwise kill the process mid-shutdown. A second signal
  // ends the process at once.
  let shuttingDown = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (shuttingDown) process.exit(1);
      shuttingDown = true;
      void shutdown(signal);
    });
  }
  try {
    const db = await openDatabase(connection, config, logger);
    stopping.push(() => db.close());
    const secret = await sessionSecret(config);
    const runtime = await startRuntime({ config, db, appUrl: connection.appUrl, logger, sessionSecret: secret, encryptionKey: await encryptionKey(config), workers: role !== 'gateway' && config.WORKERS });
    stopping.push(() => runtime.close());
    if (role === 'worker') {
      logger.info('worker running');
      console.log('  CRM AutoPilot worker is running. Press Ctrl-C to stop.');
      return;
    }
    const gateway = await createGateway({ config, services: runtime.services, logger, sessionSecret: secret, listenUrl: connection.appUrl });
    const seeded = config.DEMO_SEED ? await seedDemo(runtime.services) : false;
    const url = await gateway.listen(config.PORT, config.HOST);
    stopping.push(() => gateway.close());
    logger.info({ url }, 'gateway listening');
    const base = config.PUBLIC_URL;
    console.log(
      [
        '',
        `  CRM AutoPilot is running${connection.embedded ? ` (embedded PostgreSQL, data in ${config.DATA_DIR}/)` : ''}${runtime.stopWorkers ? ', autopilot workers included' : ''}.`,
        `  Dashboard: ${base}/`,
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

/**
 * A worker process runs at a lower CPU priority: its jobs are background work, while a gateway on
 * the same machine answers people (API requests, live updates). Under load the gateway's events
 * then wait less for the cores; on a machine of its own the worker loses nothing.
 */
function yieldToGateways(niceness: number, logger: ReturnType<typeof createLogger>): void {
  try {
    // Only ever lower it: a process started at a lower priority (`nice -n 15`) keeps it.
    if (getPriority() < niceness) setPriority(niceness);
  } catch (error) {
    logger.warn({ err: error, niceness }, 'the worker could not lower its CPU priority');
  }
}

const role = process.argv[2] === 'gateway' || process.argv[2] === 'worker' ? process.argv[2] : 'all';
await main(role);
