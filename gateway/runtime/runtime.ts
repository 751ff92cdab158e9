import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SecretBox } from '../../adapters/crypto/secret-box.ts';
import type { Database } from '../../adapters/db/database.ts';
import { createBoss } from '../../adapters/queue/pg-boss.ts';
import { UnsubscribeLinks } from '../autopilot/links.ts';
import { checkDefaultProviders } from '../autopilot/providers.ts';
import type { Config } from '../config.ts';
import { createServices, type Services } from '../services.ts';
import { startWorkers } from '../worker/worker.ts';

export interface Runtime {
  services: Services;
  stopWorkers: (() => Promise<void>) | null;
  close(): Promise<void>;
}

/** ENCRYPTION_KEY, or (outside production) a random key kept in DATA_DIR. */
export async function encryptionKey(config: Pick<Config, 'ENCRYPTION_KEY' | 'DATA_DIR'>): Promise<Buffer> {
  if (config.ENCRYPTION_KEY) return Buffer.from(config.ENCRYPTION_KEY, 'base64');
  const file = join(config.DATA_DIR, 'encryption-key');
  if (!existsSync(file)) {
    await mkdir(config.DATA_DIR, { recursive: true });
    await writeFile(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' }).catch(() => undefined);
  }
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
}

/** The services over an open database, plus the job workers when this process runs them. */
export async function startRuntime(options: {
  config: Config;
  db: Database;
  appUrl: string;
  logger: Logger;
  sessionSecret: string;
  encryptionKey: Buffer;
  workers: boolean;
  now?: () => Date;
}): Promise<Runtime> {
  const { config, logger } = options;
  checkDefaultProviders(config);
  const boss = createBoss(options.appUrl, { max: Math.max(4, config.WORKER_CONCURRENCY + 2) });
  boss.on('error', (error) => logger.error({ err: error }, 'pg-boss error'));
  await boss.start();
  const services = createServices({
    db: options.db,
    boss,
    box: new SecretBox(options.encryptionKey),
    links: new UnsubscribeLinks(options.sessionSecret, config.PUBLIC_URL),
    config,
    linkSecret: options.sessionSecret,
    mailLog: (fields, message) => logger.info(fields, message),
    now: options.now,
  });
  const stopWorkers = options.workers ? await startWorkers(services, logger, { concurrency: config.WORKER_CONCURRENCY, pollingIntervalSeconds: 1 }) : null;
  return {
    services,
    stopWorkers,
    async close() {
      await stopWorkers?.();
      await boss.stop({ graceful: true, timeout: 5_000, close: true });
    },
  };
}
