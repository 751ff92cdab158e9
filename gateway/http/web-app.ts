import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { shareKeyWithDashboard, stampClientAddress } from './dashboard-client.ts';
import { sendJson } from './io.ts';
import type { Route } from './server.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export const WEB_BUILD = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

/**
 * The SvelteKit dashboard (web/, built with adapter-node) served by the gateway on the same origin,
 * after every API route. Absent a build, `/` says how to make one.
 */
export async function webAppRoute(options: { publicUrl: string; gatewayUrl: () => string; trustProxy: boolean }): Promise<Route> {
  shareKeyWithDashboard();
  if (!existsSync(WEB_BUILD)) {
    return {
      method: ['GET', 'HEAD'],
      path: /^\/$/,
      handler: async (_req, res) => sendJson(res, 200, { service: 'crm-autopilot', graphql: '/graphql', dashboard: 'not built: run `npm run build:web`' }),
    };
  }
  // The dashboard's own checks read ORIGIN (which form posts to accept, whether cookies are Secure).
  process.env.ORIGIN ??= options.publicUrl;
  const { handler } = (await import(WEB_BUILD)) as { handler: NodeHandler };
  return {
    method: ['GET', 'HEAD', 'POST'],
    path: /^\//,
    handler: (req, res) =>
      new Promise<void>((resolve) => {
        process.env.CRM_GATEWAY_URL = options.gatewayUrl();
        stampClientAddress(req, options.trustProxy);
        res.once('finish', () => resolve());
        res.once('close', () => resolve());
        handler(req, res, () => {
          sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `Nothing at ${req.url}.` } });
        });
      }),
  };
}
