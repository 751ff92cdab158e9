import type { Actor } from '../../core/context.ts';
import type { SearchValues } from '../../core/leadgen/lead-search-input.ts';
import type { LeadSearchStore, NewRun, RunPatch } from '../../core/leadgen/lead-search.ports.ts';
import { NO_IDEAL, type LeadSearch, type LeadSearchSettings, type RunState, type SearchRun } from '../../core/leadgen/lead-search.types.ts';
import type { PageSlice } from '../../core/paging.ts';
import { sql } from './database.ts';
import { PgFoundStore } from './found-business.store.pg.ts';
import { toRun, toRunState, toSearch, type RunStateRow, type SearchRow } from './lead-search-rows.ts';

const RUN_COLUMNS = sql.raw(`id, tenant_id, search_id, search_name, run_key, trigger, status, reason, pages_done, found, created, duplicates, rejected, held,
  started_by_type, started_by_id, started_by_name, created_at, started_at, ended_at, plan, page_token`);

/** How a search's place or circle is stored (one or the other, as the table's check says). */
function areaColumns(values: SearchValues) {
  const a = values.area;
  return a.kind === 'place'
    ? { place_name: a.name, country: a.country, latitude: null, longitude: null, radius_meters: null }
    : { place_name: null, country: null, latitude: a.lat, longitude: a.lon, radius_meters: a.radiusMeters };
}

/** Saved searches, their runs and the tenant's search settings on PostgreSQL; found businesses in PgFoundStore. */
export class PgLeadSearchStore extends PgFoundStore implements LeadSearchStore {
  async settings(): Promise<LeadSearchSettings> {
    const { rows } = await sql<{ ideal_customer: LeadSearchSettings['idealCustomer']; require_approval: boolean }>`
      select ideal_customer, require_approval from lead_search_settings where tenant_id = app_current_tenant()`.execute(this.db);
    return rows[0] ? { idealCustomer: { ...NO_IDEAL, ...rows[0].ideal_customer }, requireApproval: rows[0].require_approval } : { idealCustomer: NO_IDEAL, requireApproval: false };
  }

  async saveSettings(settings: LeadSearchSettings): Promise<LeadSearchSettings> {
    await sql`
      insert into lead_search_settings (tenant_id, ideal_customer, require_approval) values (app_current_tenant(), ${JSON.stringify(settings.idealCustomer)}::jsonb, ${settings.requireApproval})
      on conflict (tenant_id) do update set ideal_customer = excluded.ideal_customer, require_approval = excluded.require_approval, updated_at = now()`.execute(this.db);
    return this.settings();
  }

  async tenantCountry(): Promise<string> {
    const { rows } = await sql<{ default_country: string }>`select default_country from tenants where id = app_current_tenant()`.execute(this.db);
    return rows[0]?.default_country ?? 'IN';
  }

  async createSearch(search: SearchValues & { createdBy: Actor }): Promise<LeadSearch> {
    const area = areaColumns(search);
    const { rows } = await sql<SearchRow>`
      insert into lead_searches (tenant_id, name, category, place_name, country, latitude, longitude, radius_meters, source, max_new_per_run, max_new_per_day,
                                 schedule, time_zone, min_fit, ideal_customer, enabled, created_by_type, created_by_id, created_by_name)
      values (app_current_tenant(), ${search.name}, ${search.category}, ${area.place_name}, ${area.country}, ${area.latitude}, ${area.longitude}, ${area.radius_meters},
              ${search.source}, ${search.maxNewPerRun}, ${search.maxNewPerDay}, ${search.schedule}, ${search.timeZone}, ${search.minFit},
              ${search.idealCustomer ? JSON.stringify(search.idealCustomer) : null}::jsonb, ${search.enabled}, ${search.createdBy.type}, ${search.createdBy.id}, ${search.createdBy.name})
      returning *`.execute(this.db);
    return toSearch(rows[0]!);
  }

  async updateSearch(id: string, values: SearchValues): Promise<LeadSearch | null> {
    const area = areaColumns(values);
    const { rows } = await sql<SearchRow>`
      update lead_searches set name = ${values.name}, category = ${values.category}, place_name = ${area.place_name}, country = ${area.country}, latitude = ${area.latitude},
             longitude = ${area.longitude}, radius_meters = ${area.radius_meters}, source = ${values.source}, max_new_per_run = ${values.maxNewPerRun},
             max_new_per_day = ${values.maxNewPerDay}, schedule = ${values.schedule}, time_zone = ${values.timeZone}, min_fit = ${values.minFit},
             ideal_customer = ${values.idealCustomer ? JSON.stringify(values.idealCustomer) : null}::jsonb, enabled = ${values.enabled}, updated_at = now()
       where tenant_id = app_current_tenant() and id = ${id}::uuid returning *`.execute(this.db);
    return rows[0] ? toSearch(rows[0]) : null;
  }

  async deleteSearch(id: string): Promise<boolean> {
    const { rows } = await sql`delete from lead_searches where tenant_id = app_current_tenant() and id = ${id}::uuid returning id`.execute(this.db);
    return rows.length === 1;
  }

  async findSearch(id: string, options: { forUpdate?: boolean } = {}): Promise<LeadSearch | null> {
    const { rows } = await sql<SearchRow>`select * from lead_searches where tenant_id = app_current_tenant() and id = ${id}::uuid ${options.forUpdate ? sql`for update` : sql``}`.execute(this.db);
    return rows[0] ? toSearch(rows[0]) : null;
  }

  async pageSearches(slice: PageSlice): Promise<LeadSearch[]> {
    // Newest first: forward goes down the ids.
    const forward = slice.direction === 'forward';
    const from = slice.cursor ? sql`and id ${sql.raw(forward ? '<' : '>')} ${slice.cursor}::uuid` : sql``;
    const { rows } = await sql<SearchRow>`
      select * from lead_searches where tenant_id = app_current_tenant() ${from} order by id ${sql.raw(forward ? 'desc' : 'asc')} limit ${slice.size + 1}`.execute(this.db);
    return rows.map(toSearch);
  }

  async createRun(run: NewRun) {
    const { rows } = await sql<RunStateRow>`
      insert into lead_search_runs (tenant_id, search_id, search_name, run_key, trigger, plan, started_by_type, started_by_id, started_by_name)
      values (app_current_tenant(), ${run.searchId}::uuid, ${run.searchName}, ${run.runKey}, ${run.trigger}, ${JSON.stringify(run.plan)}::jsonb,
              ${run.startedBy.type}, ${run.startedBy.id}, ${run.startedBy.name})
      on conflict do nothing
      returning ${RUN_COLUMNS}`.execute(this.db);
    if (rows[0]) return { run: toRun(rows[0]), created: true, conflict: null };
    // The one that stood in the way: this period's run, or the run under way.
    const { rows: existing } = await sql<RunStateRow & { same_key: boolean }>`
      select ${RUN_COLUMNS}, run_key = ${run.runKey} as same_key from lead_search_runs
       where tenant_id = app_current_tenant() and search_id = ${run.searchId}::uuid and (run_key = ${run.runKey} or status in ('queued', 'running'))
       order by (run_key = ${run.runKey}) desc limit 1`.execute(this.db);
    const found = existing[0];
    if (!found) throw new Error(`the run ${run.runKey} of search ${run.searchId} was neither created nor found`);
    return { run: toRun(found), created: false, conflict: found.same_key ? ('period' as const) : ('active' as const) };
  }

  async findRun(id: string, options: { forUpdate?: boolean } = {}): Promise<RunState | null> {
    const { rows } = await sql<RunStateRow>`
      select ${RUN_COLUMNS} from lead_search_runs where tenant_id = app_current_tenant() and id = ${id}::uuid ${options.forUpdate ? sql`for update` : sql``}`.execute(this.db);
    return rows[0] ? toRunState(rows[0]) : null;
  }

  async latestRuns(searchIds: readonly string[]): Promise<Map<string, SearchRun>> {
    const { rows } = await sql<RunStateRow>`
      select distinct on (search_id) ${RUN_COLUMNS} from lead_search_runs
       where tenant_id = app_current_tenant() and search_id = any(${[...searchIds]}::uuid[]) order by search_id, id desc`.execute(this.db);
    return new Map(rows.map((row) => [row.search_id, toRun(row)]));
  }

  async updateRun(id: string, patch: RunPatch): Promise<SearchRun> {
    const sets = [sql`updated_at = now()`];
    if (patch.status !== undefined) sets.push(sql`status = ${patch.status}`);
    if (patch.reason !== undefined) sets.push(sql`reason = ${patch.reason}`);
    if (patch.pageToken !== undefined) sets.push(sql`page_token = ${patch.pageToken}`);
    if (patch.pagesDone !== undefined) sets.push(sql`pages_done = ${patch.pagesDone}`);
    if (patch.startedAt !== undefined) sets.push(sql`started_at = ${patch.startedAt}`);
    if (patch.endedAt !== undefined) sets.push(sql`ended_at = ${patch.endedAt}`);
    for (const key of ['found', 'created', 'duplicates', 'rejected', 'held'] as const) {
      const add = patch.add?.[key];
      if (add) sets.push(sql`${sql.raw(key)} = ${sql.raw(key)} + ${add}::int`);
    }
    const { rows } = await sql<RunStateRow>`
      update lead_search_runs set ${sql.join(sets, sql`, `)} where tenant_id = app_current_tenant() and id = ${id}::uuid returning ${RUN_COLUMNS}`.execute(this.db);
    if (!rows[0]) throw new Error(`no lead search run ${id}`);
    return toRun(rows[0]);
  }

  async pageRuns(searchId: string, slice: PageSlice): Promise<SearchRun[]> {
    const forward = slice.direction === 'forward';
    const from = slice.cursor ? sql`and id ${sql.raw(forward ? '<' : '>')} ${slice.cursor}::uuid` : sql``;
    const { rows } = await sql<RunStateRow>`
      select ${RUN_COLUMNS} from lead_search_runs where tenant_id = app_current_tenant() and search_id = ${searchId}::uuid ${from}
       order by id ${sql.raw(forward ? 'desc' : 'asc')} limit ${slice.size + 1}`.execute(this.db);
    return rows.map(toRun);
  }
}
