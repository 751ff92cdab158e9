import type { Actor } from '../../core/context.ts';
import type { TerminalKind } from '../../core/pipelines/pipeline-engine.ts';
import type { AutoAction, Deal, DealStageChange, DealStatus, Pipeline, PipelineKind, PipelineStage } from '../../core/pipelines/pipeline.types.ts';
import { toDate, toDateOrNull } from './values.ts';

export interface StageRow {
  id: string; pipeline_id: string; name: string; position: number; probability: number; auto_action: AutoAction | null;
  follow_up_days: number | null; rotting_days: number | null; terminal_kind: TerminalKind; retired: boolean;
}
export interface PipelineRow {
  id: string; name: string; kind: PipelineKind; built_in: boolean; allow_skip_forward: boolean; allow_move_back: boolean;
  version: number; created_at: Date | string; updated_at: Date | string; stages: StageRow[] | null;
}
export interface DealRow {
  id: string; lead_id: string; pipeline_id: string; stage_id: string; previous_stage_id: string | null; status: DealStatus;
  value_amount: string; value_currency: string; stage_entered_at: Date | string; next_action_at: Date | string | null;
  expected_close: string | null; lost_reason: string | null; ai_notes: string | null; owner_id: string | null; version: number;
  created_at: Date | string; updated_at: Date | string; closed_at: Date | string | null; stage: StageRow;
}
export interface StageChangeRow {
  id: string; deal_id: string; pipeline_id: string; from_stage_id: string | null; to_stage_id: string; actor_type: Actor['type'];
  actor_id: string | null; actor_name: string | null; reason: string | null; lost_reason: string | null; entered_at: Date | string;
}

export const stageColumns = 'id, pipeline_id, name, position, probability, auto_action, follow_up_days, rotting_days, terminal_kind, retired';
/** A pipeline with its stages (in order) as one row. */
export const pipelineColumns = `p.id, p.name, p.kind, p.built_in, p.allow_skip_forward, p.allow_move_back, p.version, p.created_at, p.updated_at,
  (select json_agg(json_build_object('id', s.id, 'pipeline_id', s.pipeline_id, 'name', s.name, 'position', s.position, 'probability', s.probability,
          'auto_action', s.auto_action, 'follow_up_days', s.follow_up_days, 'rotting_days', s.rotting_days, 'terminal_kind', s.terminal_kind,
          'retired', s.retired) order by s.position)
     from pipeline_stages s where s.tenant_id = p.tenant_id and s.pipeline_id = p.id) as stages`;
/** A deal (as `d`) with its stage (joined as `s`). */
export const dealColumns = `d.id, d.lead_id, d.pipeline_id, d.stage_id, d.previous_stage_id, d.status, d.value_amount::text as value_amount, d.value_currency,
  d.stage_entered_at, d.next_action_at, d.expected_close::text as expected_close, d.lost_reason, d.ai_notes, d.owner_id, d.version,
  d.created_at, d.updated_at, d.closed_at, row_to_json(s) as stage`;
export const stageChangeColumns = 'id, deal_id, pipeline_id, from_stage_id, to_stage_id, actor_type, actor_id, actor_name, reason, lost_reason, entered_at';

export function toStage(row: StageRow): PipelineStage {
  return {
    id: row.id,
    pipelineId: row.pipeline_id,
    name: row.name,
    position: row.position,
    probability: row.probability,
    autoAction: row.auto_action,
    followUpDays: row.follow_up_days,
    rottingDays: row.rotting_days,
    terminal: row.terminal_kind,
    retired: row.retired,
  };
}

export function toPipeline(row: PipelineRow): Pipeline {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    builtIn: row.built_in,
    policy: { skipForward: row.allow_skip_forward, moveBack: row.allow_move_back },
    stages: (row.stages ?? []).map(toStage),
    version: row.version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function toDeal(row: DealRow): Deal {
  return {
    id: row.id,
    leadId: row.lead_id,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    previousStageId: row.previous_stage_id,
    status: row.status,
    value: { amount: BigInt(row.value_amount), currency: row.value_currency },
    stageEnteredAt: toDate(row.stage_entered_at),
    nextActionAt: toDateOrNull(row.next_action_at),
    expectedClose: row.expected_close,
    lostReason: row.lost_reason,
    aiNotes: row.ai_notes,
    ownerId: row.owner_id,
    version: row.version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    closedAt: toDateOrNull(row.closed_at),
    stage: toStage(row.stage),
  };
}

export function toStageChange(row: StageChangeRow): DealStageChange {
  return {
    id: row.id,
    dealId: row.deal_id,
    pipelineId: row.pipeline_id,
    fromStageId: row.from_stage_id,
    toStageId: row.to_stage_id,
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name ?? row.actor_type } as Actor,
    reason: row.reason,
    lostReason: row.lost_reason,
    enteredAt: toDate(row.entered_at),
  };
}
