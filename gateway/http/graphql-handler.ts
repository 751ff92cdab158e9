import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLContext } from '../graphql/context.ts';
import { PayloadTooLarge, payloadTooLarge, readBody, sendError } from './io.ts';

export const MAX_GRAPHQL_BODY = 6 * 1024 * 1024;

/** Serves Apollo over plain node:http (no framework in the hot path). */
export function graphqlHandler(apollo: ApolloServer<GraphQLContext>, context: (req: IncomingMessage) => Promise<GraphQLContext>) {
  return async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readBody(req, MAX_GRAPHQL_BODY);
      } catch (error) {
        if (error instanceof PayloadTooLarge) return sendError(res, payloadTooLarge(MAX_GRAPHQL_BODY));
        throw error;
      }
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        return sendError(res, { code: 'VALIDATION', status: 400, message: 'The request body is not valid JSON.' });
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: () => context(req),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
