import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Database } from '../adapters/db/database.ts';
import { RequestAuth, bearerFrom } from './auth/authenticate.ts';
import { SessionTokens } from './auth/jwt.ts';
import type { Config } from './config.ts';
import { createApollo } from './graphql/apollo.ts';
import { createSchema } from './graphql/schema.ts';
import { graphqlHandler } from './http/graphql-handler.ts';
import { healthRoutes } from './http/health-routes.ts';
import { leadRoutes } from './http/lead-routes.ts';
import { createHttpServer } from './http/server.ts';
import { currentRequestId } from './request-scope.ts';
import { createServices, type Services } from './services.ts';
import type { IncomingMessage } from 'node:http';

export type GatewayConfig = Pick<
  Config,
  'JWT_TTL_SECONDS' | 'PASSWORD_HASH_COST' | 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_COMPLEXITY' | 'IMPORT_MAX_BYTES'
>;

export interface Gateway {
  server: Server;
  services: Services;
  tokens: SessionTokens;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/** The HTTP gateway: GraphQL, file endpoints and health checks over one database. */
export async function createGateway(options: { config: GatewayConfig; db: Database; logger: Logger; sessionSecret: string }): Promise<Gateway> {
  const { config, db, logger } = options;
  const services = createServices(db, { passwordHashCost: config.PASSWORD_HASH_COST });
  const tokens = new SessionTokens(options.sessionSecret, config.JWT_TTL_SECONDS);
  const authFor = (req: IncomingMessage) => {
    const tenant = req.headers['x-tenant-id'];
    return new RequestAuth({ bearer: bearerFrom(req.headers.authorization), tenantId: typeof tenant === 'string' ? tenant : null }, tokens, services.tenancy);
  };
  const apollo = createApollo(
    await createSchema(),
    { maxDepth: config.GRAPHQL_MAX_DEPTH, maxAliases: config.GRAPHQL_MAX_ALIASES, maxComplexity: config.GRAPHQL_MAX_COMPLEXITY },
    logger,
  );
  await apollo.start();
  const graphql = graphqlHandler(apollo, async (req) => ({ requestId: currentRequestId() ?? 'none', auth: authFor(req), services, tokens, logger }));
  const server = createHttpServer(
    [
      { method: ['GET', 'POST'], path: '/graphql', handler: (req, res, url) => graphql(req, res, url.search) },
      ...healthRoutes(db),
      ...leadRoutes(services, authFor, config.IMPORT_MAX_BYTES),
    ],
    logger,
  );
  server.keepAliveTimeout = 65_000;
  return {
    server,
    services,
    tokens,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`));
      }),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
