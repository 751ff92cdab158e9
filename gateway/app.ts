import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { leadUnitOfWork, pipelineUnitOfWork } from '../adapters/db/units-of-work.ts';
import { RequestAuth, requestCredentials } from './auth/authenticate.ts';
import { authorizeInTenant } from './auth/authorize.ts';
import { SessionTokens } from './auth/jwt.ts';
import type { Config } from './config.ts';
import { createApollo } from './graphql/apollo.ts';
import { createSchema } from './graphql/schema.ts';
import { clientOf } from './http/dashboard-client.ts';
import { graphqlHandler } from './http/graphql-handler.ts';
import { healthRoutes } from './http/health-routes.ts';
import { sendError } from './http/io.ts';
import { leadRoutes } from './http/lead-routes.ts';
import { publicPages } from './http/public-pages.ts';
import { SAFE_METHODS, fromThisSite } from './http/same-origin.ts';
import { createHttpServer } from './http/server.ts';
import { webAppRoute } from './http/web-app.ts';
import { webhookRoutes } from './http/webhook-routes.ts';
import { DealReads } from './live/deal-reads.ts';
import { EventHub } from './live/event-hub.ts';
import { LiveReads } from './live/live-reads.ts';
import { attachSubscriptions } from './live/subscriptions.ts';
import { currentRequestId } from './request-scope.ts';
import type { Services } from './services.ts';

export type GatewayConfig = Pick<
  Config,
  'JWT_TTL_SECONDS' | 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_COMPLEXITY' | 'IMPORT_MAX_BYTES' | 'TRUST_PROXY'
>;

export interface Gateway {
  server: Server;
  tokens: SessionTokens;
  /** Live updates of this process (its reads' counters show what subscriptions cost). */
  hub: EventHub;
  /** The address the server listens on (for requests it makes to itself). */
  url(): string;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/** The HTTP gateway: GraphQL, webhooks, file endpoints, pages for leads, health checks. */
export async function createGateway(options: { config: GatewayConfig; services: Services; logger: Logger; sessionSecret: string; listenUrl: string }): Promise<Gateway> {
  const { config, services, logger } = options;
  const tokens = new SessionTokens(options.sessionSecret, config.JWT_TTL_SECONDS);
  // The session cookie counts only for requests from this site where it could do harm: any
  // GraphQL request (a GET query can spend, say by running the AI), other endpoints' POSTs.
  const authFor = (req: IncomingMessage, anyMethod = false) => {
    const tenant = req.headers['x-tenant-id'];
    const credentials = requestCredentials(req.headers, anyMethod || !SAFE_METHODS.has(req.method ?? 'GET'), () => fromThisSite(req, services.publicUrl));
    return new RequestAuth({ ...credentials, tenantId: typeof tenant === 'string' ? tenant : null }, tokens, services.tenancy);
  };
  const schema = await createSchema();
  const limits = { maxDepth: config.GRAPHQL_MAX_DEPTH, maxAliases: config.GRAPHQL_MAX_ALIASES, maxComplexity: config.GRAPHQL_MAX_COMPLEXITY };
  const apollo = createApollo(schema, limits, logger);
  await apollo.start();
  const graphql = graphqlHandler(apollo, async (req) => {
    const client = clientOf(req, config.TRUST_PROXY);
    return { requestId: currentRequestId() ?? 'none', clientAddress: client.address, userAgent: client.userAgent, auth: authFor(req, true), services, tokens, logger };
  });
  let selfUrl = '';
  const server = createHttpServer(
    [
      { method: ['GET', 'POST'], path: '/graphql', handler: (req, res, url) => graphql(req, res, url.search) },
      ...healthRoutes(services.db),
      ...leadRoutes(services, (req, operation) => authorizeInTenant(authFor(req), operation), config.IMPORT_MAX_BYTES),
      ...webhookRoutes(services, logger),
      ...publicPages(services, () => selfUrl),
      // Unknown API paths answer in JSON, never with the dashboard's page.
      { method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], path: /^\/(api|webhooks)\//, handler: async (req, res) => sendError(res, { code: 'NOT_FOUND', status: 404, message: `Nothing at ${req.url?.split('?')[0]}.` }) },
      // Last: the dashboard takes every path the API does not.
      await webAppRoute({ publicUrl: services.publicUrl, gatewayUrl: () => selfUrl, trustProxy: config.TRUST_PROXY }),
    ],
    logger,
  );
  server.keepAliveTimeout = 65_000;
  const hub = new EventHub(
    options.listenUrl,
    logger,
    new LiveReads((scope) => leadUnitOfWork(services.db, services.boss, scope)),
    new DealReads((scope) => pipelineUnitOfWork(services.db, scope)),
  );
  await hub.start();
  const closeSubscriptions = attachSubscriptions({ server, schema, services, tokens, hub, limits, logger });
  return {
    server,
    tokens,
    hub,
    url: () => selfUrl,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          selfUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address}:${address.port}`;
          resolve(`http://${host}:${address.port}`);
        });
      }),
    async close() {
      await closeSubscriptions();
      await hub.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still streaming in (an upload cut off with 413, say) get a second, then go.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
      await apollo.stop();
    },
  };
}
