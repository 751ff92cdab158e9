import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { currentRequestId } from '../request-scope.ts';
import type { GraphQLContext } from './context.ts';
import { formatError } from './errors.ts';
import { aliasLimitRule, assertComplexity, depthLimitRule, type QueryLimits } from './limits.ts';

export function createApollo(schema: GraphQLSchema, limits: QueryLimits, logger: Logger): ApolloServer<GraphQLContext> {
  const complexity: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          assertComplexity(schema, document, request.variables ?? {}, operationName ?? undefined, limits.maxComplexity);
        },
      };
    },
  };
  return new ApolloServer<GraphQLContext>({
    schema,
    // Batched operations multiply work per request without any limit seeing it: refuse them.
    allowBatchedHttpRequests: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimitRule(limits.maxDepth), aliasLimitRule(limits.maxAliases)],
    formatError: (formatted, error) => formatError(formatted, error, currentRequestId(), logger),
    plugins: [complexity, ApolloServerPluginLandingPageLocalDefault({ embed: true })],
  });
}
