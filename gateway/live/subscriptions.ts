import type { Server } from 'node:http';
import { GraphQLError, print, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { DomainError } from '../../core/errors.ts';
import { RequestAuth, bearerFrom, credentialFrom } from '../auth/authenticate.ts';
import type { SessionTokens } from '../auth/jwt.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { aliasLimitRule, depthLimitRule, type QueryLimits } from '../graphql/limits.ts';
import type { Services } from '../services.ts';
import type { EventHub } from './event-hub.ts';
import { SharedExecutions } from './shared-executions.ts';
import { serveGraphqlWs } from './ws-transport.ts';

/** Operations one connection may have open at once: a dashboard needs a handful; each one holds memory and a listener. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

interface ConnectionParams extends Record<string, unknown> {
  authorization?: string;
  Authorization?: string;
  tenantId?: string;
  'x-tenant-id'?: string;
}

/**
 * graphql-ws on the same /graphql path: authenticated in connection_init (the token or API key and
 * the tenant), refused when they do not check out, and every subscription scoped to that tenant.
 * Subscribers of one caller in one tenant with the same operation share its execution.
 */
export function attachSubscriptions(options: { server: Server; schema: GraphQLSchema; services: Services; tokens: SessionTokens; hub: EventHub; limits: QueryLimits; logger: Logger }) {
  const { services, tokens, hub, logger } = options;
  const wss = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: 1024 * 1024 });
  // The token from connection_init, else the session cookie sent with the upgrade (browsers).
  const authOf = (params: ConnectionParams | undefined, cookie: string | undefined) => {
    const header = params?.authorization ?? params?.Authorization;
    const bearer = header ? (bearerFrom(header) ?? header) : credentialFrom({ cookie });
    return new RequestAuth({ bearer, tenantId: params?.tenantId ?? params?.['x-tenant-id'] ?? null }, tokens, services.tenancy);
  };
  const rules = [...specifiedRules, depthLimitRule(options.limits.maxDepth), aliasLimitRule(options.limits.maxAliases)];
  // Everything a result can depend on: who asks (tenant, role, identity) and what they ask.
  const executions = new SharedExecutions(async ({ contextValue, document, operationName, variableValues }) => {
    const ctx = await (contextValue as GraphQLContext).auth.tenant().catch(() => null);
    if (!ctx) return null; // runs alone, and fails as it should
    return JSON.stringify([ctx.agencyId, ctx.tenantId, ctx.role, ctx.actor.type, ctx.actor.id, print(document), operationName ?? null, variableValues ?? null]);
  });
  const cleanup = serveGraphqlWs<ConnectionParams>(
    {
      schema: options.schema,
      subscribe: (args) => executions.subscribe(args),
      validate: (schema, document) => validate(schema, document, rules),
      // graphql-ws has already counted this one (and forgets it when refused).
      onSubscribe: (ctx) =>
        Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION
          ? [new GraphQLError(`A connection may have at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions open; complete one first.`, { extensions: { code: 'VALIDATION', reason: 'QUERY_LIMIT' } })]
          : undefined,
      onConnect: async (ctx) => {
        try {
          await authOf(ctx.connectionParams, ctx.extra.request.headers.cookie).tenant();
          return true;
        } catch (error) {
          if (!(error instanceof DomainError)) logger.error({ err: error }, 'subscription auth failed unexpectedly');
          return false;
        }
      },
      context: (ctx): GraphQLContext => ({ requestId: `ws-${Date.now()}`, clientAddress: ctx.extra.request.socket.remoteAddress ?? null, userAgent: ctx.extra.request.headers['user-agent'] ?? null, auth: authOf(ctx.connectionParams, ctx.extra.request.headers.cookie), services, tokens, logger, hub }),
      onError: (_ctx, _id, _payload, errors) => {
        logger.warn({ errors: errors.map((e) => e.message) }, 'subscription error');
      },
    },
    wss,
    logger,
  );
  return async () => {
    await cleanup.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
