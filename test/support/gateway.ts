import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createGateway, type Gateway, type GatewayConfig } from '../../gateway/app.ts';
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
  database: TestDatabase;
  gateway: Gateway;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export const testGatewayConfig: GatewayConfig = {
  JWT_TTL_SECONDS: 3600,
  PASSWORD_HASH_COST: 10,
  GRAPHQL_MAX_DEPTH: 10,
  GRAPHQL_MAX_ALIASES: 30,
  GRAPHQL_MAX_COMPLEXITY: 5000,
  IMPORT_MAX_BYTES: 60 * 1024 * 1024,
};

export function authHeaders(caller: Caller = {}): Record<string, string> {
  return {
    ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
    ...(caller.tenantId ? { 'x-tenant-id': caller.tenantId } : {}),
  };
}

/** The real gateway on a random port over a fresh database, spoken to over HTTP. */
export async function startTestGateway(config: Partial<GatewayConfig> = {}): Promise<TestGateway> {
  const database = await createTestDatabase();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const gateway = await createGateway({ config: { ...testGatewayConfig, ...config }, db: database.db, logger, sessionSecret: randomBytes(32).toString('hex') });
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    url,
    database,
    gateway,
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
      await database.drop();
    },
  };
}

/** The error code of the first error, or undefined when the operation succeeded. */
export function errorCode(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
