import type { Actor } from '../context.ts';
import { DomainError, ErrorCode, validationError } from '../errors.ts';
import { TimelineKind } from '../leads/lead.types.ts';
import { checkMove, legalTargets, stageOf, TerminalKind, type MoveRefusal } from './pipeline-engine.ts';
import { matchLostReason } from './deal-input.ts';
import type { PipelineTx } from './pipeline.ports.ts';
import { positionOf, rulesOf, type Deal, type Pipeline } from './pipeline.types.ts';

const nameOf = (pipeline: Pipeline, stageId: string | null): string | null => pipeline.stages.find((stage) => stage.id === stageId)?.name ?? null;

/** The stages a deal may move to now, by name, for error messages and clients. */
export function stagesReachable(pipeline: Pipeline, deal: Deal): string[] {
  return legalTargets(rulesOf(pipeline), positionOf(deal), null);
}

function refusalWords(refusal: MoveRefusal, pipeline: Pipeline): string {
  switch (refusal.reason) {
    case 'SAME_STAGE':
      return 'the deal is already there';
    case 'RETIRED':
      return 'that stage is retired and takes no new deals';
    default: {
      const policy = pipeline.policy;
      const rules = [
        'forward to the next open stage',
        'or to any closing (won or lost) stage',
        ...(policy.skipForward ? ['or forward past stages'] : []),
        ...(policy.moveBack ? ['or back to an earlier open stage (a closed deal too)'] : []),
      ];
      return `${pipeline.name} allows moves ${rules.join(', ')}`;
    }
  }
}

/**
 * The one way a deal changes stage (its row locked by the caller, its pipeline locked for moves):
 * checked by the engine against the pipeline's data, compare-and-set in the database (which checks
 * it again), recorded in the deal's history and on its lead's timeline with actor and reason. A move
 * into a lost stage needs one of the tenant's lost reasons.
 */
export async function moveDeal(tx: PipelineTx, pipeline: Pipeline, deal: Deal, toStageId: string, actor: Actor, reason: string | null, lostReason: string | null | undefined): Promise<Deal> {
  const target = stageOf(rulesOf(pipeline), toStageId);
  if (!target) throw validationError([{ field: 'stageId', message: `is not a stage of the deal's pipeline (${pipeline.name})` }]);
  const check = checkMove(rulesOf(pipeline), positionOf(deal), toStageId, null);
  const from = nameOf(pipeline, deal.stageId);
  const to = nameOf(pipeline, toStageId);
  if (!check.ok) {
    const reachable = stagesReachable(pipeline, deal).map((id) => nameOf(pipeline, id));
    throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, `Cannot move the deal from ${from} to ${to}: ${refusalWords(check.refusal, pipeline)}. From ${from} it can move to: ${reachable.join(', ') || 'nowhere'}.`, {
      stageId: deal.stageId,
      toStageId,
      allowedStageIds: stagesReachable(pipeline, deal),
    });
  }
  let lost: string | null = null;
  if (target.terminal === TerminalKind.LOST) lost = matchLostReason(lostReason, await tx.pipelines.lostReasons());
  else if (lostReason?.trim()) throw validationError([{ field: 'lostReason', message: `is only for a move to a lost stage; ${to} is not one` }]);
  const moved = await tx.deals.move(deal.id, deal.stageId, toStageId, lost);
  // The caller holds the deal's row, so it cannot have moved meanwhile; the check is the database's too.
  if (!moved) throw new DomainError(ErrorCode.CONFLICT, 'The deal changed while moving it; reload it and try again.');
  const [change] = await tx.deals.appendHistory([{ dealId: deal.id, pipelineId: pipeline.id, fromStageId: deal.stageId, toStageId, actor, reason, lostReason: lost, enteredAt: moved.stageEnteredAt }]);
  await tx.leads.appendTimeline([
    {
      leadId: deal.leadId,
      kind: TimelineKind.DEAL_MOVED,
      actor,
      reason,
      data: { dealId: deal.id, pipelineId: pipeline.id, pipeline: pipeline.name, fromStageId: deal.stageId, fromStage: from, toStageId, toStage: to, status: moved.status, ...(lost ? { lostReason: lost } : {}), stageChangeId: change?.id },
    },
  ]);
  return moved;
}
