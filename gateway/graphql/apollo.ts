import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { currentRequestId } from '../request-scope.ts';
import type { GraphQLContext } from './context.ts';
import { formatError } from './errors.ts';
import { subscriptionsOverHttp } from './http-subscriptions.ts';
import { aliasLimitRule, assertComplexity, depthLimitRule, type QueryLimits } from './limits.ts';

export function createApollo(schema: GraphQLSchema, limits: QueryLimits, logger: Logger): ApolloServer<GraphQLContext> {
  // The same operation with the same variables costs the same: remember the last few hundred answers.
  const known = new Map<string, true>();
  const complexity: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          const key = `${operationName ?? ''}\u0000${request.query ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          if (known.has(key)) return;
          assertComplexity(schema, document, request.variables ?? {}, operationName ?? undefined, limits.maxComplexity);
          if (known.size >= 500) known.delete(known.keys().next().value as string);
          known.set(key, true);
        },
      };
    },
  };
  // A refused attempt (sign-in, signup, invitations, reset links) is HTTP 429 with Retry-After too,
  // so HTTP clients and proxies back off without reading the body.
  const rateLimited: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (!errors.length || !errors.every((error) => error.extensions?.code === 'RATE_LIMITED')) return;
          // Some fields answered: the answer is a success with errors beside it, not a refusal.
          const data = response.body.singleResult.data;
          if (data && Object.values(data).some((value) => value !== null)) return;
          const seconds = Math.max(1, ...errors.map((error) => Number(error.extensions?.retryAfterSeconds) || 1));
          response.http.status = 429;
          response.http.headers.set('retry-after', String(seconds));
        },
      };
    },
  };
  return new ApolloServer<GraphQLContext>({
    schema,
    // Batched operations multiply work per request without any limit seeing it: refuse them.
    allowBatchedHttpRequests: false,
    // Cross-site request forgery needs a browser's cookie, and the gateway accepts the session cookie
    // only from this site (gateway/http/same-origin.ts); a token must be sent on purpose. So simple
    // GET requests, as urql and other clients send queries by default, are served.
    csrfPrevention: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimitRule(limits.maxDepth), aliasLimitRule(limits.maxAliases)],
    formatError: (formatted, error) => formatError(formatted, error, currentRequestId(), logger),
    // No HTTP cache hints are used; the default cache-control plugin would wrap every field's resolver.
    plugins: [subscriptionsOverHttp, complexity, rateLimited, ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageLocalDefault({ embed: true })],
  });
}
