import { GqlError } from './graphql-error.ts';
import { subscribe, watchConnection } from './live.ts';
import { Refresher, type RefreshState } from './refresher.ts';

/** One subscription a view follows; `onData` may apply the event itself (return false: no refetch needed). */
export interface LiveSource<E = unknown> {
  query: string;
  variables?: Record<string, unknown>;
  onData?: (data: E) => boolean | void;
}

export interface LiveViewOptions<T> {
  /** The socket to use: the tenant's, or null for the agency's (the overview). */
  tenantId: string | null;
  sources: LiveSource<never>[];
  /** Reads the view's data again (a GraphQL query from the browser). */
  load: () => Promise<T>;
  apply: (value: T) => void;
  /** When the data on screen was loaded (the server's render), for "as of" in the notice. */
  loadedAt?: number;
}

/** What the page shows about its freshness. */
export interface LiveStatus extends RefreshState {
  /** The live socket is up (changes arrive as they happen). */
  connected: boolean;
  /** The socket has been down a while (not a blip while connecting). */
  disconnected: boolean;
}

export interface LiveView {
  readonly status: LiveStatus;
  /** Reads again now; resolves when the page shows data read after this call (or the read failed). */
  refresh(): Promise<void>;
  /** Something changed: read again soon (coalesced). */
  changed(): void;
  stop(): void;
}

/** The record is gone or the session ended: retrying on a timer cannot help. */
const isFinal = (error: unknown) => error instanceof GqlError && ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'].includes(error.code);

/**
 * A page that stays true: it subscribes once (call this once per page and record, outside any
 * reactive dependency on the data it shows), reads again after events, after every (re)connection
 * and when the browser comes back online, never cancels a read in flight, and keeps showing what it
 * has while the server does not answer, retrying with backoff.
 */
export function startLiveView<T>(options: LiveViewOptions<T>): LiveView {
  const status = $state<LiveStatus>({ loading: false, failures: 0, error: null, retryAt: null, loadedAt: options.loadedAt ?? Date.now(), connected: false, disconnected: false });
  const refresher = new Refresher<T>({
    load: options.load,
    apply: options.apply,
    isFinal,
    loadedAt: status.loadedAt,
    onState: (state) => Object.assign(status, state),
  });
  const stops = options.sources.map((source) =>
    subscribe<never>(options.tenantId, source.query, source.variables ?? {}, (data) => {
      if (source.onData?.(data) !== false) refresher.request();
    }),
  );
  // A socket that stays down for 4 s is worth saying; the first connection's few hundred ms are not.
  let downTimer: ReturnType<typeof setTimeout> | undefined;
  const unwatch = watchConnection(
    options.tenantId,
    (connected) => {
      status.connected = connected;
      clearTimeout(downTimer);
      if (connected) status.disconnected = false;
      else downTimer = setTimeout(() => (status.disconnected = true), 4_000);
    },
    () => refresher.request(),
  );
  const wake = () => {
    if (document.visibilityState === 'visible') refresher.request();
  };
  const online = () => refresher.request();
  window.addEventListener('online', online);
  document.addEventListener('visibilitychange', wake);
  return {
    status,
    refresh: () => refresher.now(),
    changed: () => refresher.request(),
    stop: () => {
      refresher.stop();
      for (const stop of stops) stop();
      unwatch();
      clearTimeout(downTimer);
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', wake);
    },
  };
}
