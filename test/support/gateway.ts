import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { freePort } from '../../adapters/db/embedded-postgres.ts';
import { createGateway, type Gateway } from '../../gateway/app.ts';
import { parseConfig, type Config } from '../../gateway/config.ts';
import { startRuntime, type Runtime } from '../../gateway/runtime/runtime.ts';
import type { Services } from '../../gateway/services.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
  status: number;
}

export interface Caller {
  token?: string;
  tenantId?: string;
}

export interface TestGateway {
  url: string;
  secrets: { session: string; encryption: Buffer };
  config: Config;
  database: TestDatabase;
  gateway: Gateway;
  runtime: Runtime;
  services: Services;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export function authHeaders(caller: Caller = {}): Record<string, string> {
  return {
    ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
    ...(caller.tenantId ? { 'x-tenant-id': caller.tenantId } : {}),
  };
}

/**
 * The real gateway (and, unless told otherwise, the real job workers) on a random port over a
 * fresh database, spoken to over HTTP. `env` overrides settings the way the environment would.
 */
export async function startTestGateway(env: Record<string, string> = {}, options: { workers?: boolean; now?: () => Date; sameDeploymentAs?: TestGateway } = {}): Promise<TestGateway> {
  // A second gateway can join the first one's deployment (database and secrets), as a second process would.
  const peer = options.sameDeploymentAs;
  const database = peer?.database ?? (await createTestDatabase());
  const port = await freePort();
  const config = parseConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: '10', PUBLIC_URL: `http://127.0.0.1:${port}`, WORKER_CONCURRENCY: '2', ...env });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const sessionSecret = peer?.secrets.session ?? randomBytes(32).toString('hex');
  const encryption = peer?.secrets.encryption ?? randomBytes(32);
  const runtime = await startRuntime({ config, db: database.db, appUrl: database.appUrl, logger, sessionSecret, encryptionKey: encryption, workers: options.workers ?? true, now: options.now });
  const gateway = await createGateway({ config, services: runtime.services, logger, sessionSecret, listenUrl: database.appUrl });
  const url = await gateway.listen(port, '127.0.0.1');
  return {
    url,
    secrets: { session: sessionSecret, encryption },
    config,
    database,
    gateway,
    runtime,
    services: runtime.services,
    async gql(query, variables, caller) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(caller) },
        body: JSON.stringify({ query, variables }),
      });
      return { ...((await response.json()) as object), status: response.status };
    },
    async close() {
      await gateway.close();
      await runtime.close();
      if (!peer) await database.drop();
    },
  };
}

/** The error code of the first error, or undefined when the operation succeeded. */
export function errorCode(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
