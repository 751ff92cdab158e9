import type { Actor } from '../../core/context.ts';
import type { ClaimHolder, ItemDecision, LeadMatch, MatchCandidate, NewItem } from '../../core/leadgen/lead-search.ports.ts';
import type { FoundItem, FoundOutcome } from '../../core/leadgen/lead-search.types.ts';
import type { PageSlice } from '../../core/paging.ts';
import { sql, type Sql } from './database.ts';
import { toItem, type ItemRow } from './lead-search-rows.ts';

/** What counts against a search's daily limit: every business it took (the partial index's predicate). */
const TAKEN = sql`outcome <> 'duplicate' and outcome <> 'rejected'`;

/** Found businesses, their claims, and how they compare with the tenant's leads (half of the LeadSearchStore). */
export class PgFoundStore {
  constructor(protected readonly db: Sql) {}

  async newItemIds(count: number): Promise<string[]> {
    if (count <= 0) return [];
    const { rows } = await sql<{ id: string }>`select uuidv7() as id from generate_series(1, ${count}::int)`.execute(this.db);
    return rows.map((row) => row.id);
  }

  async insertItems(items: NewItem[]): Promise<void> {
    if (!items.length) return;
    const batch = JSON.stringify(items.map((i) => ({
      id: i.id, run_id: i.runId, search_id: i.searchId, search_name: i.searchName, source: i.source, external_id: i.externalId, name: i.name, category: i.category,
      address: i.address, city: i.city, country: i.country, latitude: i.lat, longitude: i.lon, phone: i.phone, website: i.website, email: i.email,
      opening_hours: i.openingHours, rating: i.rating, rating_count: i.ratingCount, outcome: i.outcome, reasons: i.reasons, duplicate_of: i.duplicateOf,
      duplicate_by: i.duplicateBy, fit: i.fit, fit_sentence: i.fitSentence, enrichment: i.enrichment, lead_id: i.leadId,
    })));
    await sql`
      insert into lead_search_items (tenant_id, id, run_id, search_id, search_name, source, external_id, name, category, address, city, country, latitude, longitude,
                                     phone, website, email, opening_hours, rating, rating_count, outcome, reasons, duplicate_of, duplicate_by, fit, fit_sentence, enrichment, lead_id)
      select app_current_tenant(), id, run_id, search_id, search_name, source, external_id, name, category, address, city, country, latitude, longitude,
             phone, website, email, opening_hours, rating, rating_count, outcome, coalesce(reasons, '{}'), duplicate_of, duplicate_by, fit, fit_sentence, coalesce(enrichment, '{}'), lead_id
        from jsonb_to_recordset(${batch}::jsonb) as t(id uuid, run_id uuid, search_id uuid, search_name text, source text, external_id text, name text, category text,
             address text, city text, country text, latitude float8, longitude float8, phone text, website text, email text, opening_hours text, rating real,
             rating_count int, outcome text, reasons text[], duplicate_of uuid, duplicate_by text, fit smallint, fit_sentence text, enrichment jsonb, lead_id uuid)`.execute(this.db);
  }

  async findItems(ids: readonly string[], options: { forUpdate?: boolean } = {}): Promise<FoundItem[]> {
    if (!ids.length) return [];
    const lock = options.forUpdate ? sql`order by id for update` : sql``;
    const { rows } = await sql<ItemRow>`select * from lead_search_items where tenant_id = app_current_tenant() and id = any(${[...ids]}::uuid[]) ${lock}`.execute(this.db);
    return rows.map(toItem);
  }

  async pageItems(runId: string | null, outcomes: readonly FoundOutcome[] | null, slice: PageSlice): Promise<FoundItem[]> {
    const forward = slice.direction === 'forward';
    const from = slice.cursor ? sql`and id ${sql.raw(forward ? '>' : '<')} ${slice.cursor}::uuid` : sql``;
    const only = outcomes ? sql`and outcome = any(${[...outcomes]}::text[])` : sql``;
    const { rows } = await sql<ItemRow>`
      select * from lead_search_items where tenant_id = app_current_tenant() ${runId ? sql`and run_id = ${runId}::uuid` : sql``} ${only} ${from}
       order by id ${sql.raw(forward ? 'asc' : 'desc')} limit ${slice.size + 1}`.execute(this.db);
    return rows.map(toItem);
  }

  async itemsOfLeads(leadIds: readonly string[]): Promise<FoundItem[]> {
    if (!leadIds.length) return [];
    const { rows } = await sql<ItemRow>`
      select distinct on (lead_id) * from lead_search_items
       where tenant_id = app_current_tenant() and lead_id = any(${[...leadIds]}::uuid[]) order by lead_id, id desc`.execute(this.db);
    return rows.map(toItem);
  }

  async decideItems(decisions: readonly ItemDecision[], reviewer: Actor): Promise<void> {
    if (!decisions.length) return;
    const batch = JSON.stringify(decisions.map((d) => ({ id: d.id, outcome: d.outcome, reasons: d.reasons, lead_id: d.leadId, duplicate_of: d.duplicateOf, duplicate_by: d.duplicateBy })));
    await sql`
      update lead_search_items i set outcome = t.outcome, reasons = t.reasons, lead_id = t.lead_id, duplicate_of = t.duplicate_of, duplicate_by = t.duplicate_by,
             reviewed_by_type = ${reviewer.type}, reviewed_by_id = ${reviewer.id}, reviewed_by_name = ${reviewer.name}, reviewed_at = now()
        from jsonb_to_recordset(${batch}::jsonb) as t(id uuid, outcome text, reasons text[], lead_id uuid, duplicate_of uuid, duplicate_by text)
       where i.tenant_id = app_current_tenant() and i.id = t.id and i.id = any(${decisions.map((d) => d.id)}::uuid[])`.execute(this.db);
  }

  async takenSince(searchId: string, since: Date): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from lead_search_items
       where tenant_id = app_current_tenant() and search_id = ${searchId}::uuid and created_at >= ${since} and ${TAKEN}`.execute(this.db);
    return rows[0]?.n ?? 0;
  }

  /**
   * Each candidate's first matching lead, in one statement: email, then website (as a site), then
   * phone, then name in the same city, each through its index.
   */
  async matchLeads(candidates: readonly MatchCandidate[]): Promise<LeadMatch[]> {
    if (!candidates.length) return [];
    const batch = JSON.stringify(candidates.map((c) => ({ idx: c.index, name: c.name, city: c.city, website: c.website, phone: c.phone, email: c.email?.toLowerCase() ?? null })));
    const { rows } = await sql<{ idx: number; id: string; business_name: string; by: LeadMatch['by'] }>`
      select c.idx, m.id, m.business_name, m.by
        from jsonb_to_recordset(${batch}::jsonb) as c(idx int, name text, city text, website text, phone text, email text)
        cross join lateral (
          select l.id, l.business_name, 'email' as by from leads l
           where c.email is not null and l.tenant_id = app_current_tenant() and l.email = c.email
          union all
          select l.id, l.business_name, 'website' from leads l
           where lead_site_key(c.website) is not null and l.tenant_id = app_current_tenant() and l.website is not null and lead_site_key(l.website) = lead_site_key(c.website)
          union all
          select l.id, l.business_name, 'phone' from leads l
           where c.phone is not null and l.tenant_id = app_current_tenant() and l.phone = c.phone
          union all
          select l.id, l.business_name, 'name_and_place' from leads l
           where lead_name_key(c.name) is not null and lead_name_key(c.city) is not null and l.tenant_id = app_current_tenant() and l.city is not null
             and lead_name_key(l.business_name) = lead_name_key(c.name) and lead_name_key(l.city) = lead_name_key(c.city)
          limit 1
        ) m`.execute(this.db);
    return rows.map((row) => ({ index: row.idx, leadId: row.id, businessName: row.business_name, by: row.by }));
  }

  async claimHolders(keys: readonly string[]): Promise<ClaimHolder[]> {
    if (!keys.length) return [];
    const { rows } = await sql<{ key: string; item_id: string; lead_id: string | null; outcome: FoundOutcome; search_name: string; name: string }>`
      select c.key, c.item_id, i.lead_id, i.outcome, i.search_name, i.name
        from lead_search_claims c join lead_search_items i on i.tenant_id = c.tenant_id and i.id = c.item_id
       where c.tenant_id = app_current_tenant() and c.key = any(${[...keys]}::text[])`.execute(this.db);
    return rows.map((row) => ({ key: row.key, itemId: row.item_id, leadId: row.lead_id, outcome: row.outcome, searchName: row.search_name, name: row.name }));
  }

  async claim(claims: ReadonlyArray<{ key: string; itemId: string }>): Promise<Map<string, string>> {
    if (!claims.length) return new Map();
    const sorted = [...claims].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const { rows } = await sql<{ key: string; item_id: string }>`
      insert into lead_search_claims (tenant_id, key, item_id)
      select app_current_tenant(), key, item_id from unnest(${sorted.map((c) => c.key)}::text[], ${sorted.map((c) => c.itemId)}::uuid[]) with ordinality as t(key, item_id, ord)
       order by ord
      on conflict do nothing
      returning key, item_id`.execute(this.db);
    return new Map(rows.map((row) => [row.key, row.item_id]));
  }

  async releaseClaims(itemIds: readonly string[]): Promise<void> {
    if (!itemIds.length) return;
    await sql`delete from lead_search_claims where tenant_id = app_current_tenant() and item_id = any(${[...itemIds]}::uuid[])`.execute(this.db);
  }

  async countUsage(name: string, windowStart: Date): Promise<number> {
    const { rows } = await sql<{ used: number }>`
      insert into usage_counters as c (tenant_id, name, window_start, used) values (app_current_tenant(), ${name}, ${windowStart}, 1)
      on conflict (tenant_id, name) do update
        set used = case when c.window_start = excluded.window_start then c.used + 1 else 1 end, window_start = excluded.window_start
      returning used`.execute(this.db);
    return rows[0]!.used;
  }
}
