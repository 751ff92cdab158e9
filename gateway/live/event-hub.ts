import pg from 'pg';
import type { Logger } from 'pino';

/** What the database announces on the crm_events channel (see the autopilot migration). */
export type CrmEvent =
  | { kind: 'lead'; tenantId: string; id: string; status: string; version: number }
  | { kind: 'event'; tenantId: string; id: string; leadId: string }
  | { kind: 'lead_bulk' | 'event_bulk'; tenantId: string; count: number };

type Listener = (event: CrmEvent) => void;

/**
 * One LISTEN connection per process, fanned out to this process's subscribers by tenant. Events
 * come from PostgreSQL NOTIFY, so a change committed by any process (a worker elsewhere) arrives.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  /** Calls `listener` with every event of `tenantId` until the returned function is called. */
  subscribe(tenantId: string, listener: Listener): () => void {
    const set = this.listeners.get(tenantId) ?? new Set();
    set.add(listener);
    this.listeners.set(tenantId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(tenantId);
    };
  }

  /** The tenant's events as an async iterator, for GraphQL subscriptions. */
  iterate<T>(tenantId: string, select: (event: CrmEvent) => T | null): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const unsubscribe = this.subscribe(tenantId, (event) => {
      const value = select(event);
      if (value === null) return;
      queue.push(value);
      wake?.();
    });
    const finish = async (): Promise<IteratorResult<T>> => {
      done = true;
      unsubscribe();
      wake?.();
      return { value: undefined, done: true };
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<T>> {
        while (!queue.length && !done) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        return done && !queue.length ? { value: undefined, done: true } : { value: queue.shift() as T, done: false };
      },
      return: finish,
      throw: finish,
    };
  }

  private reconnecting = false;

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query('LISTEN crm_events');
    this.client = client;
    this.retryMs = 250;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnecting) return;
    this.reconnecting = true;
    this.client = null;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    setTimeout(() => {
      this.reconnecting = false;
      if (this.stopped) return;
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'event listener could not reconnect yet');
        this.scheduleReconnect();
      });
    }, delay).unref();
  }

  private dispatch(payload: string | undefined): void {
    if (!payload) return;
    let event: CrmEvent;
    try {
      event = JSON.parse(payload) as CrmEvent;
    } catch {
      return;
    }
    for (const listener of this.listeners.get(event.tenantId) ?? []) listener(event);
  }
}
