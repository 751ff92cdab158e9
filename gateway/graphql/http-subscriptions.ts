import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import { authorize } from '../auth/authorize.ts';
import type { GraphQLContext } from './context.ts';

/**
 * A subscription sent over HTTP (POST or GET) has no stream to answer on: after the access table has
 * had its say on every field asked for (so an anonymous caller learns nothing more than elsewhere),
 * it is refused in words that say where subscriptions are served, before any resolver runs.
 */
export const subscriptionsOverHttp: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (operation?.operation !== 'subscription') return;
        try {
          for (const name of rootFieldNames(operation)) await authorize(contextValue.auth, name);
        } catch (error) {
          throw asRequestError(error);
        }
        throw asRequestError(new DomainError(ErrorCode.VALIDATION, 'Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP', { fields: [] }));
      },
    };
  },
};

function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD && selection.name.value !== '__typename' ? [selection.name.value] : []));
}

/** Errors thrown by a plugin reach formatError without the resolver wrapping that says what they were: keep their code. */
function asRequestError(error: unknown): unknown {
  return error instanceof DomainError ? new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, ...error.details } }) : error;
}
