import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, execute, print, specifiedRules, validate, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { DomainError } from '../../core/errors.ts';
import { RequestAuth, bearerFrom, requestCredentials } from '../auth/authenticate.ts';
import type { SessionTokens } from '../auth/jwt.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { formatError } from '../graphql/errors.ts';
import { aliasLimitRule, assertComplexity, depthLimitRule, type QueryLimits } from '../graphql/limits.ts';
import { AccessWatch } from './access-watch.ts';
import { CallerSubscriptions, MAX_SUBSCRIPTIONS_PER_CALLER } from './caller-subscriptions.ts';
import { fromThisSite } from '../http/same-origin.ts';
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
  // The token from connection_init, else the session cookie sent with the upgrade (browsers) when
  // the page that opened the socket is of this site (WebSocket has no CORS: any site could open one).
  const authOf = (params: ConnectionParams | undefined, request: IncomingMessage) => {
    const header = params?.authorization ?? params?.Authorization;
    const tenantId = params?.tenantId ?? params?.['x-tenant-id'] ?? null;
    if (header) return new RequestAuth({ bearer: bearerFrom(header) ?? header, tenantId }, tokens, services.tenancy);
    const credentials = requestCredentials({ cookie: request.headers.cookie }, true, () => fromThisSite(request, services.publicUrl));
    return new RequestAuth({ ...credentials, tenantId }, tokens, services.tenancy);
  };
  // The same limits as over HTTP: depth and aliases when validating, cost (which needs the variables) when subscribing.
  const rules = [...specifiedRules, depthLimitRule(options.limits.maxDepth), aliasLimitRule(options.limits.maxAliases)];
  // A connection's answers depend on its tenant, its role and, for the agency overview, every tenant
  // its user reaches: a change in any of them ends the connection.
  const watch = new AccessWatch(logger, async (auth) => {
    const ctx = await auth.tenant();
    const reached = auth.isApiKey ? [ctx.tenantId] : (await services.tenancy.listTenants(await auth.agency())).map((tenant) => tenant.id).sort();
    return JSON.stringify([ctx.tenantId, ctx.role, reached]);
  });
  const perCaller = new CallerSubscriptions();
  /** The refusal of an operation over the cost limit, or null to run it. */
  const overCost = (args: ExecutionArgs): ExecutionResult | null => {
    try {
      assertComplexity(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName ?? undefined, options.limits.maxComplexity);
      return null;
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
  };
  // Everything a result can depend on: who asks (tenant, role, identity) and what they ask.
  const executions = new SharedExecutions(async ({ contextValue, document, operationName, variableValues }) => {
    const ctx = await (contextValue as GraphQLContext).auth.tenant().catch(() => null);
    if (!ctx) return null; // runs alone, and fails as it should
    return JSON.stringify([ctx.agencyId, ctx.tenantId, ctx.role, ctx.actor.type, ctx.actor.id, print(document), operationName ?? null, variableValues ?? null]);
  });
  const cleanup = serveGraphqlWs<ConnectionParams>(
    {
      schema: options.schema,
      // Queries and mutations run over the socket too: every operation type is costed as over HTTP.
      execute: (args) => overCost(args) ?? execute(args),
      subscribe: (args) => overCost(args) ?? executions.subscribe(args),
      // Errors read the same over WebSocket as over HTTP: domain codes kept, the unexpected masked.
      onNext: (ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error, (ctx.extra as { requestId?: string }).requestId, logger)) } : undefined,
      validate: (schema, document) => validate(schema, document, rules),
      // graphql-ws has already counted this one (and forgets it when refused).
      onSubscribe: (ctx) => {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [new GraphQLError(`A connection may have at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions open; complete one first.`, { extensions: { code: 'VALIDATION', reason: 'QUERY_LIMIT' } })];
        }
        if (perCaller.openFor(ctx) > MAX_SUBSCRIPTIONS_PER_CALLER) {
          return [new GraphQLError(`One caller may have at most ${MAX_SUBSCRIPTIONS_PER_CALLER} subscriptions open across its connections; complete some first.`, { extensions: { code: 'VALIDATION', reason: 'QUERY_LIMIT' } })];
        }
        return undefined;
      },
      onConnect: async (ctx) => {
        try {
          const params = ctx.connectionParams;
          const request = ctx.extra.request;
          const granted = await authOf(params, request).tenant();
          // Access is checked again while the connection lasts (revoked keys, ended sessions, changed roles or memberships).
          const key = JSON.stringify([params?.authorization ?? params?.Authorization ?? request.headers.cookie ?? '', params?.tenantId ?? params?.['x-tenant-id'] ?? '']);
          const unwatch = await watch.watch(key, () => authOf(params, request), (reason) => ctx.extra.socket.close(CloseCode.Forbidden, reason));
          // One caller across all its tenants: an owner reaching many workspaces gets one allowance.
          const leave = perCaller.join(`${granted.agencyId}/${granted.actor.type}/${granted.actor.id ?? ''}`, ctx);
          ctx.extra.socket.once('close', () => {
            unwatch();
            leave();
          });
          return true;
        } catch (error) {
          if (!(error instanceof DomainError)) logger.error({ err: error }, 'subscription auth failed unexpectedly');
          return false;
        }
      },
      context: (ctx): GraphQLContext => ({ requestId: `ws-${Date.now()}`, clientAddress: ctx.extra.request.socket.remoteAddress ?? null, userAgent: ctx.extra.request.headers['user-agent'] ?? null, auth: authOf(ctx.connectionParams, ctx.extra.request), services, tokens, logger, hub }),
      onError: (_ctx, _id, _payload, errors) => {
        logger.warn({ errors: errors.map((e) => e.message) }, 'subscription error');
      },
    },
    wss,
    logger,
  );
  return async () => {
    watch.stop();
    await cleanup.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
