import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { ensureAppLogin } from '../../adapters/db/app-role.ts';
import { Database } from '../../adapters/db/database.ts';
import { startEmbeddedPostgres } from '../../adapters/db/embedded-postgres.ts';
import { createOrm, migrate } from '../../adapters/db/orm.ts';
import { grantQueueAccess, installQueues } from '../../adapters/queue/pg-boss.ts';
import type { Config } from '../config.ts';

export interface DatabaseConnection {
  /** Connection as the schema owner: migrations only. */
  ownerUrl: string;
  /** Connection as the app's role: everything else. */
  appUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'crm';

/** DATABASE_URL when given, otherwise an embedded PostgreSQL whose data stays in DATA_DIR. */
export async function connectDatabase(config: Config, logger: Logger): Promise<DatabaseConnection> {
  if (config.DATABASE_URL && config.DATABASE_APP_URL) {
    return { ownerUrl: config.DATABASE_URL, appUrl: config.DATABASE_APP_URL, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    preferredPort: config.EMBEDDED_PG_PORT,
    onLog: (line) => line && logger.debug({ postgres: line }, 'embedded postgres'),
  });
  await createDatabaseIfMissing(server.superuserUrl('postgres'), EMBEDDED_DATABASE);
  logger.info({ port: server.port, dataDir: config.DATA_DIR }, 'embedded PostgreSQL started');
  return {
    ownerUrl: server.superuserUrl(EMBEDDED_DATABASE),
    appUrl: `postgres://crm_app_login:${encodeURIComponent(server.appPassword)}@127.0.0.1:${server.port}/${EMBEDDED_DATABASE}`,
    embedded: true,
    stop: () => server.stop(),
  };
}

export async function createDatabaseIfMissing(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Migrates as the owner, makes sure the app's role exists, and opens the app's pool. */
export async function openDatabase(connection: DatabaseConnection, config: Pick<Config, 'DATABASE_POOL_MAX'>, logger: Logger): Promise<Database> {
  const applied = await migrate(connection.ownerUrl);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  await installQueues(connection.ownerUrl);
  await grantQueueAccess(connection.ownerUrl);
  await ensureAppLogin(connection.ownerUrl, connection.appUrl);
  return new Database(await createOrm({ url: connection.appUrl, poolMax: config.DATABASE_POOL_MAX }));
}

/** JWT_SECRET, or (outside production) a random secret kept in DATA_DIR so sessions survive restarts. */
export async function sessionSecret(config: Config): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = join(config.DATA_DIR, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
  return (await readFile(file, 'utf8')).trim();
}
