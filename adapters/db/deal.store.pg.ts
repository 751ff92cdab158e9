import type { PageSlice } from '../../core/paging.ts';
import type { DealChanges, DealStore, NewDeal, NewStageChange } from '../../core/pipelines/pipeline.ports.ts';
import type { Deal, DealFilter, DealInList, DealStageChange } from '../../core/pipelines/pipeline.types.ts';
import { sql, type Sql } from './database.ts';
import { keysetById } from './keyset.ts';
import { dealColumns, stageChangeColumns, toDeal, toStageChange, type DealRow, type StageChangeRow } from './pipeline-rows.ts';

const columns = sql.raw(dealColumns);
const FROM = sql`deals d join pipeline_stages s on s.tenant_id = d.tenant_id and s.pipeline_id = d.pipeline_id and s.id = d.stage_id`;

/** DealStore on PostgreSQL; the transaction's RLS settings scope every statement to one tenant. */
export class PgDealStore implements DealStore {
  constructor(private readonly db: Sql) {}

  async insert(deal: NewDeal): Promise<Deal> {
    const { rows } = await sql<{ id: string }>`
      insert into deals (tenant_id, lead_id, pipeline_id, stage_id, value_amount, value_currency, next_action_at, expected_close, ai_notes, owner_id)
      values (app_current_tenant(), ${deal.leadId}, ${deal.pipelineId}, ${deal.stageId}, ${deal.value.amount.toString()}::bigint, ${deal.value.currency},
              coalesce(${deal.nextActionAt}::timestamptz, ${followUp(deal.stageId)}), ${deal.expectedClose}::date, ${deal.aiNotes}, ${deal.ownerId})
      returning id`.execute(this.db);
    return (await this.findById(rows[0]!.id)) as Deal;
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Deal | null> {
    if (options.forUpdate) {
      // "No key update", as for leads: moves serialise on the row without blocking inserts that only
      // reference it (its history). Locked alone, then read: a lock taken through the join with its
      // stage would re-check the join against the stage it had before a concurrent move, and miss.
      const locked = await sql`select 1 from deals where tenant_id = app_current_tenant() and id = ${id} for no key update`.execute(this.db);
      if (!locked.rows.length) return null;
    }
    const { rows } = await sql<DealRow>`select ${columns} from ${FROM} where d.tenant_id = app_current_tenant() and d.id = ${id}`.execute(this.db);
    return rows[0] ? toDeal(rows[0]) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Deal[]> {
    if (!ids.length) return [];
    const { rows } = await sql<DealRow>`select ${columns} from ${FROM} where d.tenant_id = app_current_tenant() and d.id = any(${[...ids]}::uuid[])`.execute(this.db);
    return rows.map(toDeal);
  }

  async page(query: { slice: PageSlice; filter: DealFilter }): Promise<DealInList[]> {
    const page = keysetById(query.slice, 'd.id', { newestFirst: true });
    const { rows } = await sql<DealRow>`
      select ${columns} from ${FROM}
       where ${sql.join(conditions(query.filter), sql` and `)} and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map((row) => ({ ...toDeal(row), cursor: row.id }));
  }

  async count(filter: DealFilter): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from deals d where ${sql.join(conditions(filter), sql` and `)}`.execute(this.db);
    return rows[0]?.n ?? 0;
  }

  async update(id: string, changes: DealChanges, version: number): Promise<Deal | null> {
    const sets = [sql`version = version + 1`, sql`updated_at = now()`];
    if (changes.value) sets.push(sql`value_amount = ${changes.value.amount.toString()}::bigint`, sql`value_currency = ${changes.value.currency}`);
    if ('nextActionAt' in changes) sets.push(sql`next_action_at = ${changes.nextActionAt ?? null}`);
    if ('expectedClose' in changes) sets.push(sql`expected_close = ${changes.expectedClose ?? null}::date`);
    if ('aiNotes' in changes) sets.push(sql`ai_notes = ${changes.aiNotes ?? null}`);
    if ('ownerId' in changes) sets.push(sql`owner_id = ${changes.ownerId ?? null}`);
    if (changes.status) sets.push(sql`status = ${changes.status}`);
    const { rows } = await sql<{ id: string }>`
      update deals set ${sql.join(sets, sql`, `)} where tenant_id = app_current_tenant() and id = ${id} and version = ${version} returning id`.execute(this.db);
    return rows[0] ? this.findById(id) : null;
  }

  async move(id: string, fromStageId: string, toStageId: string, lostReason: string | null): Promise<Deal | null> {
    // Status, previous stage and entry time follow from the stage (the database's trigger writes them).
    const { rows } = await sql<{ id: string }>`
      update deals set stage_id = ${toStageId}, lost_reason = ${lostReason}, next_action_at = ${followUp(toStageId)}, version = version + 1, updated_at = now()
       where tenant_id = app_current_tenant() and id = ${id} and stage_id = ${fromStageId} returning id`.execute(this.db);
    return rows[0] ? this.findById(id) : null;
  }

  async appendHistory(changes: readonly NewStageChange[]): Promise<DealStageChange[]> {
    if (!changes.length) return [];
    const batch = JSON.stringify(
      changes.map((c) => ({
        deal_id: c.dealId, pipeline_id: c.pipelineId, from_stage_id: c.fromStageId, to_stage_id: c.toStageId, actor_type: c.actor.type,
        actor_id: c.actor.id, actor_name: c.actor.name, reason: c.reason, lost_reason: c.lostReason, entered_at: c.enteredAt.toISOString(),
      })),
    );
    const { rows } = await sql<StageChangeRow>`
      insert into deal_stage_changes (tenant_id, deal_id, pipeline_id, from_stage_id, to_stage_id, actor_type, actor_id, actor_name, reason, lost_reason, entered_at)
      select app_current_tenant(), deal_id, pipeline_id, from_stage_id, to_stage_id, actor_type, actor_id, actor_name, reason, lost_reason, entered_at
        from jsonb_to_recordset(${batch}::jsonb) as t(deal_id uuid, pipeline_id uuid, from_stage_id uuid, to_stage_id uuid, actor_type text, actor_id text,
             actor_name text, reason text, lost_reason text, entered_at timestamptz)
      returning ${sql.raw(stageChangeColumns)}`.execute(this.db);
    return rows.map(toStageChange);
  }

  async history(dealId: string, slice: PageSlice): Promise<DealStageChange[]> {
    const page = keysetById(slice, 'id', { newestFirst: false });
    const { rows } = await sql<StageChangeRow>`
      select ${sql.raw(stageChangeColumns)} from deal_stage_changes
       where tenant_id = app_current_tenant() and deal_id = ${dealId} and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map(toStageChange);
  }

  async defaultCurrency(): Promise<string> {
    const { rows } = await sql<{ currency: string }>`
      select coalesce((select currency from tenant_settings where tenant_id = t.id), case when t.default_country = 'IN' then 'INR' else 'USD' end) as currency
        from tenants t where t.id = app_current_tenant()`.execute(this.db);
    return rows[0]?.currency ?? 'USD';
  }
}

/** When the next action is due in a stage just entered: its follow-up days from now (none without them). */
const followUp = (stageId: string) => sql`(select clock_timestamp() + make_interval(days => follow_up_days) from pipeline_stages where tenant_id = app_current_tenant() and id = ${stageId}::uuid)`;

function conditions(filter: DealFilter) {
  const where = [sql`d.tenant_id = app_current_tenant()`];
  if (filter.pipelineId) where.push(sql`d.pipeline_id = ${filter.pipelineId}::uuid`);
  if (filter.stageId) where.push(sql`d.stage_id = ${filter.stageId}::uuid`);
  if (filter.status?.length) where.push(sql`d.status = any(${filter.status}::text[])`);
  if (filter.ownerId) where.push(sql`d.owner_id = ${filter.ownerId}::uuid`);
  if (filter.leadId) where.push(sql`d.lead_id = ${filter.leadId}::uuid`);
  return where;
}
