import type { LeadUnitOfWork } from '../../core/leads/lead.store.ts';
import type { Lead, TimelineEntry } from '../../core/leads/lead.types.ts';
import { toLead, toTimelineEntry } from '../../adapters/db/lead-rows.ts';
import type { EntryNotice, LeadNotice, LiveScope } from './live-events.ts';

/** The rows a tick of notices names, by id. */
export interface LiveRows {
  leads: Map<string, Lead>;
  entries: Map<string, TimelineEntry>;
}

const MAX_CACHED = 20_000;

/**
 * Reads the rows that notices name for one gateway: one transaction per tenant per tick (both
 * kinds in it, one query each), in the tenant's own row-level-security scope, and a short cache by
 * (tenant, id, version) so a lead seen at a newer version than announced is not read again when
 * that version's notice arrives. Timeline entries never change, so they are cached by id.
 */
export class LiveReads {
  /** Reads made so far (for tests and diagnostics): transactions, rows asked for, and rows the notices carried. */
  readonly counters = { transactions: 0, leadsRead: 0, entriesRead: 0, cacheHits: 0, leadsCarried: 0, entriesCarried: 0 };
  private readonly cache = new Map<string, { row: Lead | TimelineEntry; expires: number }>();

  constructor(
    private readonly unitOfWork: (scope: LiveScope) => LeadUnitOfWork,
    private readonly ttlMs = 3_000,
  ) {}

  async load(scope: LiveScope, leadNotices: readonly LeadNotice[], entryNotices: readonly EntryNotice[]): Promise<LiveRows> {
    const tenant = scope.tenantId;
    const rows: LiveRows = { leads: new Map(), entries: new Map() };
    this.sweep();
    const leadIds = new Set<string>();
    for (const notice of leadNotices) {
      // The notice carried its row: nothing to read (the row is this tenant's, as the notice says).
      if (notice.row && notice.row.tenant_id === tenant) {
        const lead = toLead(notice.row);
        leadIds.delete(notice.id);
        rows.leads.set(notice.id, lead);
        this.remember(`${tenant}/lead/${lead.id}/${lead.version}`, lead);
        this.counters.leadsCarried += 1;
        continue;
      }
      const cached = this.cached<Lead>(`${tenant}/lead/${notice.id}/${notice.version}`);
      if (cached && !leadIds.has(notice.id)) rows.leads.set(notice.id, cached);
      else {
        leadIds.add(notice.id);
        rows.leads.delete(notice.id); // a later notice of the same lead: read it once, fresh
      }
    }
    const entryIds = new Set<string>();
    for (const notice of entryNotices) {
      if (notice.row && notice.row.id === notice.id) {
        const entry = toTimelineEntry(notice.row);
        rows.entries.set(notice.id, entry);
        this.remember(`${tenant}/entry/${entry.id}`, entry);
        this.counters.entriesCarried += 1;
        continue;
      }
      const cached = this.cached<TimelineEntry>(`${tenant}/entry/${notice.id}`);
      if (cached) rows.entries.set(notice.id, cached);
      else entryIds.add(notice.id);
    }
    if (!leadIds.size && !entryIds.size) return rows;
    this.counters.transactions += 1;
    this.counters.leadsRead += leadIds.size;
    this.counters.entriesRead += entryIds.size;
    const [leads, entries] = await this.unitOfWork(scope).run(async (store) => [await store.findByIds([...leadIds]), await store.timelineEntries([...entryIds])] as const);
    for (const lead of leads) {
      // Row-level security already keeps other tenants out; this keeps a mistake there from reaching a subscriber.
      if (lead.tenantId !== tenant) continue;
      rows.leads.set(lead.id, lead);
      this.remember(`${tenant}/lead/${lead.id}/${lead.version}`, lead);
    }
    for (const entry of entries) {
      rows.entries.set(entry.id, entry);
      this.remember(`${tenant}/entry/${entry.id}`, entry);
    }
    return rows;
  }

  private cached<T extends Lead | TimelineEntry>(key: string): T | null {
    const hit = this.cache.get(key);
    if (!hit || hit.expires < Date.now()) return null;
    this.counters.cacheHits += 1;
    return hit.row as T;
  }

  private remember(key: string, row: Lead | TimelineEntry): void {
    this.cache.delete(key);
    this.cache.set(key, { row, expires: Date.now() + this.ttlMs });
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** Entries go in with the same time to live, so the oldest are first: drop from the front. */
  private sweep(): void {
    const now = Date.now();
    for (const [key, { expires }] of this.cache) {
      if (expires >= now) break;
      this.cache.delete(key);
    }
  }
}
