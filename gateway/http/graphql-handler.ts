import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLContext } from '../graphql/context.ts';
import { PayloadTooLarge, payloadTooLarge, readBody, sendError } from './io.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts';

export const MAX_GRAPHQL_BODY = 6 * 1024 * 1024;
const TOO_DEEP = { code: 'VALIDATION', status: 400, message: `The request nests JSON more than ${MAX_JSON_DEPTH} levels deep.` };

/** GET carries variables and extensions as JSON in the query string. */
function getParamsTooDeep(search: string): boolean {
  const params = new URLSearchParams(search);
  return ['variables', 'extensions'].some((name) => {
    const raw = params.get(name);
    if (!raw) return false;
    try {
      return nestsDeeperThan(JSON.parse(raw), MAX_JSON_DEPTH);
    } catch {
      return false; // Apollo answers malformed JSON itself
    }
  });
}

/** Serves Apollo over plain node:http (no framework in the hot path). */
export function graphqlHandler(apollo: ApolloServer<GraphQLContext>, context: (req: IncomingMessage) => Promise<GraphQLContext>) {
  return async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    // Every answer is for one caller (and sign-in answers carry a token): no cache may keep one.
    res.setHeader('cache-control', 'private, no-store');
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
      if (nestsDeeperThan(body, MAX_JSON_DEPTH)) return sendError(res, TOO_DEEP);
    } else if (getParamsTooDeep(search)) return sendError(res, TOO_DEEP);
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
