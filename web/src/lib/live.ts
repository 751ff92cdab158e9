import { createClient, type Client } from 'graphql-ws';

/**
 * Live updates over graphql-ws on the same origin: the upgrade carries the session cookie, the
 * tenant goes in the connection parameters. One socket per tenant, shared by every subscriber,
 * reconnecting forever (a restarted gateway or a sleeping laptop must not freeze the board).
 */
interface Connection {
  client: Client;
  connected: boolean;
  listeners: Set<(connected: boolean) => void>;
}
const connections = new Map<string, Connection>();

function connectionFor(tenantId: string): Connection {
  let connection = connections.get(tenantId);
  if (!connection) {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const created: Connection = { connected: false, listeners: new Set(), client: undefined as unknown as Client };
    const emit = (connected: boolean) => {
      created.connected = connected;
      for (const listener of created.listeners) listener(connected);
    };
    created.client = createClient({
      url: `${protocol}//${location.host}/graphql`,
      connectionParams: { tenantId },
      lazy: true,
      lazyCloseTimeout: 3_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      on: { connected: () => emit(true), closed: () => emit(false) },
    });
    connection = created;
    connections.set(tenantId, connection);
  }
  return connection;
}

/** Subscribes; returns the function that stops it. Errors of single events are ignored. */
export function subscribe<T>(tenantId: string, query: string, variables: Record<string, unknown>, onData: (data: T) => void): () => void {
  return connectionFor(tenantId).client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.data) onData(result.data as T);
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
}

/**
 * Follows the socket's state: `onChange` gets the current state now and every change after.
 * `onConnect` runs (shortly) after each new connection: what changed while there was none
 * (before the first subscription, or during an outage) is fetched again there.
 */
export function watchConnection(tenantId: string, onChange: (connected: boolean) => void, onConnect?: () => void): () => void {
  const connection = connectionFor(tenantId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listener = (connected: boolean) => {
    onChange(connected);
    if (connected && onConnect) {
      clearTimeout(timer);
      timer = setTimeout(onConnect, 150);
    }
  };
  connection.listeners.add(listener);
  onChange(connection.connected);
  return () => {
    clearTimeout(timer);
    connection.listeners.delete(listener);
  };
}
