import pg from 'pg';
import type { Logger } from 'pino';
import { toRun } from '../../adapters/db/lead-search-rows.ts';
import type { Deal } from '../../core/pipelines/pipeline.types.ts';
import type { DealReads } from './deal-reads.ts';
import { type CrmNotice, type DealNotice, type EntryNotice, type LeadNotice, type LiveEvent, type LiveScope, type LiveTopic, parseNotice, topicOf } from './live-events.ts';
import type { LiveReads, LiveRows } from './live-reads.ts';
import { Mailbox } from './mailbox.ts';

type Listener = (event: LiveEvent) => void;
/** Told which tenant changed, once per tick, without any row being read (the agency overview refetches). */
type PulseListener = (tenantId: string) => void;

interface Tenant {
  scope: LiveScope;
  listeners: Record<LiveTopic, Set<Listener>>;
  pulses: Set<PulseListener>;
  /** The tenant's previous tick, delivered: ticks load side by side but deliver in order. */
  delivered: Promise<void>;
}

/** A tick's rows: leads and entries (LiveReads), and deals (DealReads). */
type TickRows = LiveRows & { deals: Map<string, Deal> };
const NO_ROWS: TickRows = { leads: new Map(), entries: new Map(), deals: new Map() };

/**
 * One LISTEN connection per process, fanned out to this process's subscribers by tenant. Events
 * come from PostgreSQL NOTIFY, so a change committed by any process (a worker elsewhere) arrives.
 * The notices of one tick are read per tenant at once (see LiveReads) and every subscriber of the
 * tenant gets the same loaded row: the reads grow with the changes, not with the subscribers.
 */
export class EventHub {
  private readonly tenants = new Map<string, Tenant>();
  private pending = new Map<string, CrmNotice[]>();
  private flushing = false;
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnecting = false;
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    readonly reads: LiveReads,
    private readonly dealReads: DealReads | null = null,
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

  /** Calls `listener` with every event of the tenant's `topic` until the returned function is called. */
  subscribe(scope: LiveScope, topic: LiveTopic, listener: Listener): () => void {
    const tenant = this.tenantOf(scope);
    const listeners = tenant.listeners[topic];
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      this.release(tenant);
    };
  }

  /** Calls `listener` with a tenant's id whenever anything of it changed (once per tick), until the returned function is called. */
  pulse(scopes: readonly LiveScope[], listener: PulseListener): () => void {
    const tenants = scopes.map((scope) => this.tenantOf(scope));
    for (const tenant of tenants) tenant.pulses.add(listener);
    return () => {
      for (const tenant of tenants) {
        tenant.pulses.delete(listener);
        this.release(tenant);
      }
    };
  }

  private tenantOf(scope: LiveScope): Tenant {
    let tenant = this.tenants.get(scope.tenantId);
    if (!tenant) {
      tenant = { scope: { tenantId: scope.tenantId, agencyId: scope.agencyId }, listeners: { lead: new Set(), event: new Set(), search_run: new Set(), deal: new Set() }, pulses: new Set(), delivered: Promise.resolve() };
      this.tenants.set(scope.tenantId, tenant);
    }
    return tenant;
  }

  private release(tenant: Tenant): void {
    const idle = !tenant.listeners.lead.size && !tenant.listeners.event.size && !tenant.listeners.search_run.size && !tenant.listeners.deal.size && !tenant.pulses.size;
    if (idle && this.tenants.get(tenant.scope.tenantId) === tenant) this.tenants.delete(tenant.scope.tenantId);
  }

  /** The tenant's events of `topic` as an async iterator, for GraphQL subscriptions. */
  iterate<T>(scope: LiveScope, topic: LiveTopic, select: (event: LiveEvent) => T | null): AsyncIterableIterator<T> {
    const mailbox: Mailbox<T> = new Mailbox(() => unsubscribe());
    const unsubscribe = this.subscribe(scope, topic, (event) => {
      const value = select(event);
      if (value !== null) mailbox.push(value);
    });
    return mailbox;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('notification', (message) => this.collect(parseNotice(message.payload)));
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

  /** Notices arrive many to a socket read: gather this tick's, then read them per tenant at once. */
  private collect(notice: CrmNotice | null): void {
    if (!notice || !this.tenants.has(notice.tenantId)) return;
    const notices = this.pending.get(notice.tenantId);
    if (notices) notices.push(notice);
    else this.pending.set(notice.tenantId, [notice]);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = new Map();
    this.flushing = false;
    if (this.stopped) return;
    for (const [tenantId, notices] of pending) {
      const tenant = this.tenants.get(tenantId);
      if (!tenant) continue;
      // A run's progress changes no lead: the agency overview's figures stay as they are.
      if (notices.some((notice) => notice.kind !== 'search_run')) for (const pulse of tenant.pulses) this.safely(() => pulse(tenantId));
      // Only what someone follows right now is read and delivered.
      const wanted = notices.filter((notice) => tenant.listeners[topicOf(notice)].size);
      const leads = wanted.filter((notice): notice is LeadNotice => notice.kind === 'lead');
      const entries = wanted.filter((notice): notice is EntryNotice => notice.kind === 'event');
      const deals = wanted.filter((notice): notice is DealNotice => notice.kind === 'deal');
      const loading = Promise.all([
        leads.length || entries.length ? this.reads.load(tenant.scope, leads, entries) : Promise.resolve(NO_ROWS),
        deals.length && this.dealReads ? this.dealReads.load(tenant.scope, deals) : Promise.resolve(NO_ROWS.deals),
      ]).then(([rows, dealRows]): TickRows => ({ ...rows, deals: dealRows }));
      const rows = loading.then(
        (loaded) => ({ loaded, failed: false }),
        (error: unknown) => {
          this.logger.error({ err: error, tenantId }, 'live update rows could not be read');
          return { loaded: NO_ROWS, failed: true };
        },
      );
      tenant.delivered = Promise.all([tenant.delivered, rows]).then(([, { loaded, failed }]) => this.deliver(tenant, wanted, loaded, failed));
    }
  }

  private deliver(tenant: Tenant, notices: CrmNotice[], rows: TickRows, failed: boolean): void {
    for (const notice of notices) {
      const event: LiveEvent =
        notice.kind === 'lead'
          ? { ...notice, lead: rows.leads.get(notice.id) ?? null, failed }
          : notice.kind === 'event'
            ? { ...notice, entry: rows.entries.get(notice.id) ?? null, failed }
            : notice.kind === 'search_run'
              ? { ...notice, run: toRun(notice.row) }
              : notice.kind === 'deal'
                ? { ...notice, deal: rows.deals.get(notice.id) ?? null, failed }
                : notice;
      for (const listener of tenant.listeners[topicOf(notice)]) this.safely(() => listener(event));
    }
  }

  private safely(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.error({ err: error }, 'a live update listener failed');
    }
  }
}
