import type { IncomingMessage, ServerResponse } from 'node:http';

/** The API's paths: browser apps on other origins may call them with a token (never with our cookie). */
const API_PATH = /^\/(graphql|api\/)/;
const ALLOWED_HEADERS = 'authorization, content-type, accept, x-tenant-id, x-request-id, apollo-require-preflight, x-apollo-operation-name';

/**
 * Cross-origin access to the API for browser apps that send a token: any origin, no credentials
 * (with `*`, a browser never attaches cookies, so the dashboard's session cannot ride along). A
 * preflight is answered here; true when the request was one.
 */
export function answerCors(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (!API_PATH.test(path)) return false;
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
