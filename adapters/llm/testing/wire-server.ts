import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the provider's server would see it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface WireReply {
  status: number;
  body: unknown;
  /** Answer this late, to trip the client's timeout. */
  delayMs?: number;
}

export interface WireServer {
  /** "http://127.0.0.1:<port>" */
  origin: string;
  requests: RecordedRequest[];
  /** What the next requests get (until replaced). */
  reply(next: WireReply | ((request: RecordedRequest) => WireReply)): void;
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 that records requests and answers with canned provider responses. */
export async function startWireServer(): Promise<WireServer> {
  const requests: RecordedRequest[] = [];
  let respond: (request: RecordedRequest) => WireReply = () => ({ status: 500, body: { error: { message: 'no reply configured' } } });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null };
      requests.push(request);
      const { status, body, delayMs = 0 } = respond(request);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    reply(next) {
      respond = typeof next === 'function' ? next : () => next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A port nobody listens on: connecting to it fails at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
