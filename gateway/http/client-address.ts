import type { IncomingMessage } from 'node:http';

/**
 * The network address a request came from: the TCP peer, or, behind a reverse proxy that the
 * deployment trusts (TRUST_PROXY), the address that proxy appended last to X-Forwarded-For
 * (earlier entries are whatever the client claimed).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? null;
}
