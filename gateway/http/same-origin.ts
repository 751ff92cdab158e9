import type { IncomingMessage } from 'node:http';

/**
 * Whether a request comes from a page of this site, as far as the browser tells: its Origin is the
 * host the request was sent to or the public URL, and Sec-Fetch-Site does not say otherwise. A
 * request without either header is not a browser's cross-site request (browsers send Origin on
 * every POST and WebSocket handshake), so it passes: CSRF needs a victim's browser.
 */
export function fromThisSite(req: IncomingMessage, publicUrl: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  try {
    const from = new URL(origin);
    return from.host === req.headers.host || from.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

/** Methods that change nothing (GraphQL refuses mutations over GET). */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
