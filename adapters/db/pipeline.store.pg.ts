import { DomainError, ErrorCode } from '../../core/errors.ts';
import type { PageSlice } from '../../core/paging.ts';
import type { MovePolicy } from '../../core/pipelines/pipeline-engine.ts';
import type { NewStage } from '../../core/pipelines/pipeline-input.ts';
import type { PipelineStore } from '../../core/pipelines/pipeline.ports.ts';
import type { Pipeline, PipelineKind } from '../../core/pipelines/pipeline.types.ts';
import { pgError, sql, type Sql } from './database.ts';
import { keysetById } from './keyset.ts';
import { pipelineColumns, toPipeline, type PipelineRow } from './pipeline-rows.ts';

const columns = sql.raw(pipelineColumns);
const stageFields: Record<keyof NewStage, string> = {
  name: 'name', probability: 'probability', autoAction: 'auto_action', followUpDays: 'follow_up_days', rottingDays: 'rotting_days', terminal: 'terminal_kind', retired: 'retired',
};

/** PipelineStore on PostgreSQL; the transaction's RLS settings scope every statement to one tenant. */
export class PgPipelineStore implements PipelineStore {
  constructor(private readonly db: Sql) {}

  async page(slice: PageSlice): Promise<Pipeline[]> {
    const page = keysetById(slice, 'p.id', { newestFirst: false });
    const { rows } = await sql<PipelineRow>`
      select ${columns} from pipelines p where p.tenant_id = app_current_tenant() and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map(toPipeline);
  }

  async findByIds(ids: readonly string[]): Promise<Pipeline[]> {
    if (!ids.length) return [];
    const { rows } = await sql<PipelineRow>`
      select ${columns} from pipelines p where p.tenant_id = app_current_tenant() and p.id = any(${[...ids]}::uuid[]) order by p.id`.execute(this.db);
    return rows.map(toPipeline);
  }

  async all(): Promise<Pipeline[]> {
    const { rows } = await sql<PipelineRow>`select ${columns} from pipelines p where p.tenant_id = app_current_tenant() order by p.id`.execute(this.db);
    return rows.map(toPipeline);
  }

  async count(): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pipelines where tenant_id = app_current_tenant()`.execute(this.db);
    return rows[0]?.n ?? 0;
  }

  async lock(id: string, mode: 'share' | 'change'): Promise<Pipeline | null> {
    // A change takes the row by updating it (the version goes up); a move only shares it. Either way
    // the pipeline is read after the lock, by a statement of its own, so it is the committed one.
    const locked = mode === 'change'
      ? await sql`update pipelines set version = version + 1, updated_at = now() where tenant_id = app_current_tenant() and id = ${id} returning id`.execute(this.db)
      : await sql`select id from pipelines where tenant_id = app_current_tenant() and id = ${id} for share`.execute(this.db);
    if (!locked.rows.length) return null;
    return (await this.findByIds([id]))[0] ?? null;
  }

  async lockByStage(stageId: string, mode: 'share' | 'change'): Promise<Pipeline | null> {
    const { rows } = await sql<{ pipeline_id: string }>`select pipeline_id from pipeline_stages where tenant_id = app_current_tenant() and id = ${stageId}`.execute(this.db);
    const pipelineId = rows[0]?.pipeline_id;
    if (!pipelineId) return null;
    const pipeline = await this.lock(pipelineId, mode);
    // The stage may have been deleted while the lock was awaited.
    return pipeline?.stages.some((stage) => stage.id === stageId) ? pipeline : null;
  }

  async insert(pipeline: { name: string; kind: PipelineKind; policy: MovePolicy; stages: NewStage[] }): Promise<string> {
    const { rows } = await this.unique(
      () => sql<{ id: string }>`
        insert into pipelines (tenant_id, name, kind, allow_skip_forward, allow_move_back)
        values (app_current_tenant(), ${pipeline.name}, ${pipeline.kind}, ${pipeline.policy.skipForward}, ${pipeline.policy.moveBack}) returning id`.execute(this.db),
      'input.name',
      `A pipeline named ${pipeline.name} already exists in this tenant.`,
    );
    const id = rows[0]!.id;
    const stages = JSON.stringify(pipeline.stages.map((s, i) => ({ ...s, position: i + 1 })));
    await sql`
      insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability, auto_action, follow_up_days, rotting_days, terminal_kind)
      select app_current_tenant(), ${id}, name, position, probability, "autoAction", "followUpDays", "rottingDays", terminal
        from jsonb_to_recordset(${stages}::jsonb) as t(name text, position int, probability smallint, "autoAction" text, "followUpDays" int, "rottingDays" int, terminal text)`.execute(this.db);
    return id;
  }

  async update(id: string, patch: { name?: string; kind?: PipelineKind; policy?: MovePolicy }): Promise<void> {
    const sets = [sql`updated_at = now()`];
    if (patch.name) sets.push(sql`name = ${patch.name}`);
    if (patch.kind) sets.push(sql`kind = ${patch.kind}`);
    if (patch.policy) sets.push(sql`allow_skip_forward = ${patch.policy.skipForward}`, sql`allow_move_back = ${patch.policy.moveBack}`);
    await this.unique(
      () => sql`update pipelines set ${sql.join(sets, sql`, `)} where tenant_id = app_current_tenant() and id = ${id}`.execute(this.db),
      'input.name',
      `A pipeline named ${patch.name ?? ''} already exists in this tenant.`,
    );
  }

  async insertStage(pipelineId: string, stage: NewStage, position: number): Promise<string> {
    // Positions are a deferrable key: shifting them by one is checked when the transaction commits.
    await sql`update pipeline_stages set position = position + 1 where tenant_id = app_current_tenant() and pipeline_id = ${pipelineId} and position >= ${position}`.execute(this.db);
    const { rows } = await sql<{ id: string }>`
      insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability, auto_action, follow_up_days, rotting_days, terminal_kind)
      values (app_current_tenant(), ${pipelineId}, ${stage.name}, ${position}, ${stage.probability}, ${stage.autoAction}, ${stage.followUpDays}, ${stage.rottingDays}, ${stage.terminal})
      returning id`.execute(this.db);
    return rows[0]!.id;
  }

  async updateStage(id: string, patch: Partial<NewStage>): Promise<void> {
    const sets = Object.entries(patch).map(([key, value]) => sql`${sql.raw(stageFields[key as keyof NewStage])} = ${value}`);
    if (!sets.length) return;
    await sql`update pipeline_stages set ${sql.join(sets, sql`, `)} where tenant_id = app_current_tenant() and id = ${id}`.execute(this.db);
  }

  async setOrder(pipelineId: string, stageIds: readonly string[]): Promise<void> {
    await sql`
      update pipeline_stages s set position = o.position
        from unnest(${[...stageIds]}::uuid[]) with ordinality as o(id, position)
       where s.tenant_id = app_current_tenant() and s.pipeline_id = ${pipelineId} and s.id = o.id and s.position <> o.position`.execute(this.db);
  }

  async deleteStage(id: string): Promise<boolean> {
    // The caller holds the pipeline's lock, so no deal can enter the stage between this check and the delete.
    const { rows } = await sql`
      delete from pipeline_stages s where s.tenant_id = app_current_tenant() and s.id = ${id}
         and not exists (select 1 from deals d where d.tenant_id = s.tenant_id and d.pipeline_id = s.pipeline_id and (d.stage_id = s.id or d.previous_stage_id = s.id))
         and not exists (select 1 from deal_stage_changes c where c.tenant_id = s.tenant_id and (c.to_stage_id = s.id or c.from_stage_id = s.id))
      returning s.id`.execute(this.db);
    return rows.length > 0;
  }

  async dealCounts(stageIds: readonly string[]): Promise<Map<string, number>> {
    if (!stageIds.length) return new Map();
    const { rows } = await sql<{ stage_id: string; n: number }>`
      select stage_id, count(*)::int as n from deals where tenant_id = app_current_tenant() and stage_id = any(${[...stageIds]}::uuid[]) group by stage_id`.execute(this.db);
    return new Map(rows.map((row) => [row.stage_id, row.n]));
  }

  async lostReasons(): Promise<string[]> {
    const { rows } = await sql<{ reason: string }>`select reason from deal_lost_reasons where tenant_id = app_current_tenant() order by position`.execute(this.db);
    return rows.map((row) => row.reason);
  }

  async setLostReasons(reasons: readonly string[]): Promise<void> {
    // Two replacements at once take turns (each deletes, then inserts positions 1, 2, 3…).
    await sql`select pg_advisory_xact_lock(hashtext('crm-autopilot:lost-reasons:' || app_current_tenant()::text))`.execute(this.db);
    await sql`delete from deal_lost_reasons where tenant_id = app_current_tenant()`.execute(this.db);
    await sql`
      insert into deal_lost_reasons (tenant_id, position, reason)
      select app_current_tenant(), position, reason from unnest(${[...reasons]}::text[]) with ordinality as r(reason, position)`.execute(this.db);
  }

  /** Runs a write whose unique name may be taken; a clash becomes a CONFLICT naming the field (the transaction stays usable). */
  private async unique<T>(write: () => Promise<T>, field: string, message: string): Promise<T> {
    await sql`savepoint pipeline_name`.execute(this.db);
    try {
      const result = await write();
      await sql`release savepoint pipeline_name`.execute(this.db);
      return result;
    } catch (error) {
      await sql`rollback to savepoint pipeline_name`.execute(this.db);
      if (pgError(error).constraint === 'pipelines_name') throw new DomainError(ErrorCode.CONFLICT, message, { field });
      throw error;
    }
  }
}
