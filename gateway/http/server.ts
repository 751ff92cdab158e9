import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { DomainError } from '../../core/errors.ts';
import { requestScope } from '../request-scope.ts';
import { answerCors } from './cors.ts';
import { sendError, sendJson } from './io.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) => Promise<void>;

export interface Route {
  method: string | string[];
  /** Exact path, or a pattern whose groups become `url.searchParams`-independent params. */
  path: string | RegExp;
  handler: RouteHandler;
  /** The access table's name for what the route does, when it acts for a caller (tests walk them). */
  operation?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** On every answer: no page of ours may be framed by another site (clickjacking), no type guessing. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** A small router on node:http: request ids, access logs, JSON errors, nothing else. */
export function createHttpServer(routes: Route[], logger: Logger): Server {
  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // Answers are per caller unless a route says otherwise (the dashboard's immutable assets do).
    res.setHeader('cache-control', 'private, no-store');
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId, method: req.method, path: loggablePath(req.url), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (answerCors(req, res, url.pathname)) return;
    const route = routes.find((candidate) => matches(candidate, req.method ?? 'GET', url.pathname));
    if (!route) {
      const known = routes.some((candidate) => matches(candidate, null, url.pathname));
      return sendError(res, { code: known ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', status: known ? 405 : 404, message: known ? `${req.method} is not supported here.` : `Nothing at ${url.pathname}.` });
    }
    requestScope.run({ requestId }, () => {
      route.handler(req, res, url, requestId).catch((error: unknown) => {
        if (error instanceof DomainError) return res.headersSent ? res.destroy() : sendError(res, error);
        logger.error({ err: error, requestId, path: url.pathname }, 'unexpected error in an HTTP handler');
        if (res.headersSent) return res.destroy();
        sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: `Internal server error. Quote request id ${requestId} when reporting it.`, requestId } });
      });
    });
  });
}

/** Paths whose last part is a secret (a webhook's, a link's token) are logged without it. */
const SECRET_IN_PATH = /^(\/webhooks\/email\/[^/]+\/|\/u\/|\/pay\/|\/invite\/|\/reset-password\/)[^/?]+/;

export function loggablePath(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] as string;
  return path.replace(SECRET_IN_PATH, '$1[redacted]');
}

function matches(route: Route, method: string | null, path: string): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (method !== null && !methods.includes(method)) return false;
  return typeof route.path === 'string' ? route.path === path : route.path.test(path);
}
