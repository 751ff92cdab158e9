import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ConnectionInitMessage, type ServerOptions } from 'graphql-ws';
import type { Logger } from 'pino';
import type { WebSocket, WebSocketServer } from 'ws';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../http/json-depth.ts';

/** What every graphql-ws context carries here: the socket and its upgrade request. */
export interface Extra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/** A client message nesting JSON deeper than the limit (its variables, say); malformed JSON is graphql-ws's to answer. */
function tooDeep(text: string): boolean {
  try {
    return nestsDeeperThan(JSON.parse(text), MAX_JSON_DEPTH);
  } catch {
    return false;
  }
}

/** Above this many unsent bytes on a socket, its next message waits until the socket takes it. */
const HIGH_WATER_BYTES = 1024 * 1024;

/**
 * graphql-ws on a `ws` server, as graphql-ws's own `useServer` does it but for two things: a
 * message is handed to the socket without waiting for the previous one to be flushed, so a
 * subscriber's events go out as they come, not one write callback after another (only a socket
 * that falls behind by more than HIGH_WATER_BYTES is waited for: backpressure); and the messages
 * of one turn of the event loop leave in one write, not one system call each.
 */
export function serveGraphqlWs<P extends ConnectionInitMessage['payload']>(options: ServerOptions<P, Extra>, wss: WebSocketServer, logger: Logger, keepAliveMs = 12_000) {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', (error) => logger.error({ err: error }, 'the WebSocket server failed'));
  wss.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      logger.warn({ err: error }, 'a WebSocket connection failed');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    // Pings find dead peers; a missed pong ends the connection.
    let pongWait: NodeJS.Timeout | null = null;
    const pings = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
      socket.once('pong', () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, keepAliveMs);
    // The upgrade's TCP socket is the one `ws` writes to. Corked while this turn's messages pile up
    // and uncorked once the turn's promise jobs are done, a burst of events leaves in one write.
    const tcp = request.socket;
    let corked = false;
    const uncork = () => {
      corked = false;
      tcp.uncork();
    };
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN) return;
          if (!corked) {
            corked = true;
            tcp.cork();
            process.nextTick(uncork);
          }
          if (socket.bufferedAmount < HIGH_WATER_BYTES) return socket.send(data);
          return new Promise<void>((resolve) => socket.send(data, () => resolve()));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (message) => {
            const text = String(message);
            if (tooDeep(text)) return socket.close(CloseCode.BadRequest, `Messages may nest JSON at most ${MAX_JSON_DEPTH} levels deep`);
            try {
              await handle(text);
            } catch (error) {
              logger.error({ err: error }, 'a graphql-ws message could not be handled');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      clearInterval(pings);
      void closed(code, String(reason));
    });
  });
  return {
    dispose: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
    },
  };
}
