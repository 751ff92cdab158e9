import type { PipelineStatsReader } from '../../core/pipelines/pipeline.ports.ts';
import type { ClosedFigures, StageFigures } from '../../core/pipelines/pipeline-stats.ts';
import { sql, type Sql } from './database.ts';

interface StageFiguresRow {
  pipeline_id: string; stage_id: string; entered: number; moved_on: number; stays_ended: number; days_in_stays: number;
  held: Array<{ currency: string; deals: number; value: string; rotting: number }>;
}
interface ClosedRow { pipeline_id: string; outcome: 'won' | 'lost'; currency: string; deals: number; value: string; cycle_days: number }

/**
 * Pipeline figures from the deals' histories, two statements whatever the number of pipelines,
 * stages or deals. "At the end of the period" is each deal's last entry into a stage before `to`;
 * a stay in a stage lasts until the deal's next entry (window functions over the history).
 */
export class PgPipelineStatsReader implements PipelineStatsReader {
  constructor(private readonly db: Sql) {}

  async stageFigures(pipelineIds: readonly string[], from: Date, to: Date): Promise<StageFigures[]> {
    const ids = [...pipelineIds];
    const { rows } = await sql<StageFiguresRow>`
      with changes as (
        select c.id, c.deal_id, c.to_stage_id, c.entered_at,
               lead(c.entered_at) over w as left_at, lead(c.to_stage_id) over w as next_stage_id
          from deal_stage_changes c
         where c.tenant_id = app_current_tenant() and c.pipeline_id = any(${ids}::uuid[]) and c.entered_at < ${to}
        window w as (partition by c.deal_id order by c.entered_at, c.id)
      ), flow as (
        select c.to_stage_id as stage_id,
               count(*) filter (where c.entered_at >= ${from}) as entered,
               count(*) filter (where c.entered_at >= ${from} and n.id is not null
                                 and (n.terminal_kind = 'won' or (n.terminal_kind = 'none' and n.position > s.position))) as moved_on,
               count(*) filter (where c.left_at >= ${from}) as stays_ended,
               coalesce(sum(extract(epoch from c.left_at - c.entered_at)) filter (where c.left_at >= ${from}), 0) / 86400 as days_in_stays
          from changes c
          join pipeline_stages s on s.tenant_id = app_current_tenant() and s.id = c.to_stage_id
          left join pipeline_stages n on n.tenant_id = app_current_tenant() and n.id = c.next_stage_id
         group by c.to_stage_id
      ), at_end as (
        select distinct on (c.deal_id) c.deal_id, c.to_stage_id as stage_id, c.entered_at
          from changes c order by c.deal_id, c.entered_at desc, c.id desc
      ), held as (
        select e.stage_id, d.value_currency as currency, count(*)::int as deals, sum(d.value_amount)::text as value,
               count(*) filter (where s.terminal_kind = 'none' and d.status <> 'paused' and s.rotting_days is not null
                                 and e.entered_at < ${to}::timestamptz - make_interval(days => s.rotting_days))::int as rotting
          from at_end e
          join deals d on d.tenant_id = app_current_tenant() and d.id = e.deal_id
          join pipeline_stages s on s.tenant_id = app_current_tenant() and s.id = e.stage_id
         group by e.stage_id, d.value_currency
      )
      select s.pipeline_id, s.id as stage_id, coalesce(f.entered, 0)::int as entered, coalesce(f.moved_on, 0)::int as moved_on,
             coalesce(f.stays_ended, 0)::int as stays_ended, coalesce(f.days_in_stays, 0)::float8 as days_in_stays,
             coalesce((select json_agg(json_build_object('currency', h.currency, 'deals', h.deals, 'value', h.value, 'rotting', h.rotting) order by h.currency)
                         from held h where h.stage_id = s.id), '[]'::json) as held
        from pipeline_stages s left join flow f on f.stage_id = s.id
       where s.tenant_id = app_current_tenant() and s.pipeline_id = any(${ids}::uuid[])`.execute(this.db);
    return rows.map((row) => ({
      pipelineId: row.pipeline_id,
      stageId: row.stage_id,
      held: row.held.map((h) => ({ currency: h.currency, deals: h.deals, value: BigInt(h.value), rotting: h.rotting })),
      entered: row.entered,
      movedOn: row.moved_on,
      staysEnded: row.stays_ended,
      daysInStays: Number(row.days_in_stays),
    }));
  }

  async closedFigures(pipelineIds: readonly string[], from: Date, to: Date): Promise<ClosedFigures[]> {
    const ids = [...pipelineIds];
    const { rows } = await sql<ClosedRow>`
      with closes as (
        select distinct on (c.deal_id) c.deal_id, c.entered_at, s.terminal_kind
          from deal_stage_changes c join pipeline_stages s on s.tenant_id = c.tenant_id and s.id = c.to_stage_id
         where c.tenant_id = app_current_tenant() and c.pipeline_id = any(${ids}::uuid[]) and c.entered_at >= ${from} and c.entered_at < ${to}
           and s.terminal_kind <> 'none'
         order by c.deal_id, c.entered_at desc, c.id desc
      ), opened as (
        select c.deal_id, min(c.entered_at) as at from deal_stage_changes c join closes k on k.deal_id = c.deal_id
         where c.tenant_id = app_current_tenant() group by c.deal_id
      )
      select d.pipeline_id, k.terminal_kind as outcome, d.value_currency as currency, count(*)::int as deals, sum(d.value_amount)::text as value,
             (coalesce(sum(extract(epoch from k.entered_at - o.at)), 0) / 86400)::float8 as cycle_days
        from closes k
        join deals d on d.tenant_id = app_current_tenant() and d.id = k.deal_id
        join opened o on o.deal_id = k.deal_id
       group by d.pipeline_id, k.terminal_kind, d.value_currency`.execute(this.db);
    return rows.map((row) => ({ pipelineId: row.pipeline_id, outcome: row.outcome, currency: row.currency, deals: row.deals, value: BigInt(row.value), cycleDays: Number(row.cycle_days) }));
  }
}
