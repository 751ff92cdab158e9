import { createClient, type Client } from 'graphql-ws';

/**
 * Live updates over graphql-ws on the same origin: the upgrade carries the session cookie, the
 * tenant goes in the connection parameters (none for the agency overview). One socket per tenant,
 * shared by every subscriber, reconnecting forever (a restarted gateway or a sleeping laptop must
 * not freeze a page).
 */
interface Connection {
  client: Client;
  connected: boolean;
  listeners: Set<(connected: boolean) => void>;
}
const connections = new Map<string, Connection>();

function connectionFor(tenantId: string | null): Connection {
  const key = tenantId ?? '';
  let connection = connections.get(key);
  if (!connection) {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const created: Connection = { connected: false, listeners: new Set(), client: undefined as unknown as Client };
    const emit = (connected: boolean) => {
      created.connected = connected;
      for (const listener of created.listeners) listener(connected);
    };
    created.client = createClient({
      url: `${protocol}//${location.host}/graphql`,
      connectionParams: tenantId ? { tenantId } : {},
      lazy: true,
      lazyCloseTimeout: 3_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      // 1 s, 2 s, 4 s … at most 15 s between attempts, with jitter so a restarted gateway is not stormed.
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(15_000, 1000 * 2 ** retries) * (0.75 + Math.random() / 2))),
      shouldRetry: () => true,
      on: { connected: () => emit(true), closed: () => emit(false) },
    });
    connection = created;
    connections.set(key, connection);
  }
  return connection;
}

/** Subscribes; returns the function that stops it. Errors of single events are ignored. */
export function subscribe<T>(tenantId: string | null, query: string, variables: Record<string, unknown>, onData: (data: T) => void): () => void {
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
 * `onConnect` runs (shortly) after each new connection, and once at the start if the socket is
 * already up: what changed while nothing was subscribed (since the page was rendered, or during an
 * outage) is fetched again there.
 */
export function watchConnection(tenantId: string | null, onChange: (connected: boolean) => void, onConnect?: () => void): () => void {
  const connection = connectionFor(tenantId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const caughtUp = () => {
    clearTimeout(timer);
    if (onConnect) timer = setTimeout(onConnect, 150);
  };
  const listener = (connected: boolean) => {
    onChange(connected);
    if (connected) caughtUp();
  };
  connection.listeners.add(listener);
  onChange(connection.connected);
  if (connection.connected) caughtUp();
  return () => {
    clearTimeout(timer);
    connection.listeners.delete(listener);
  };
}
