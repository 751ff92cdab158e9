import type { Actor } from '../context.ts';
import { DomainError, ErrorCode, notFound } from '../errors.ts';
import { assertMove, type LeadStatus, type TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { LeadStore } from './lead.store.ts';
import { TimelineKind, type Lead } from './lead.types.ts';

/**
 * The one way a lead changes state: checked against the lifecycle, compare-and-set in the database
 * (so of two concurrent moves one wins and the other gets a typed error), recorded on the timeline.
 * `data` goes on the timeline entry (e.g. the reply whose classification caused the move).
 */
export async function moveLead(store: LeadStore, lead: Lead, to: LeadStatus, trigger: TransitionTrigger, actor: Actor, reason: string | null, data?: Record<string, unknown>): Promise<Lead> {
  assertMove(lead, to, trigger);
  const moved = await store.moveStatus(lead.id, lead.status, to, trigger);
  if (!moved) {
    const current = await store.findById(lead.id);
    if (!current) throw notFound('Lead', lead.id);
    assertMove(current, to, trigger);
    throw new DomainError(ErrorCode.CONFLICT, `The lead changed while moving it; it is now ${current.status}. Try again.`);
  }
  await store.appendTimeline([{ leadId: lead.id, kind: TimelineKind.TRANSITION, actor, fromStatus: lead.status, toStatus: to, trigger, reason, ...(data ? { data } : {}) }]);
  return moved;
}

export interface LeadMove {
  lead: Lead;
  to: LeadStatus;
  trigger: TransitionTrigger;
  actor: Actor;
  reason: string | null;
}

/**
 * `moveLead` for a batch, in two statements: each move is checked against the lifecycle, then all
 * are compare-and-set at once and recorded on the timeline. Returns the leads that moved; a lead
 * that changed meanwhile is left out (the caller locked them, or decides what that means).
 */
export async function moveLeads(store: LeadStore, moves: readonly LeadMove[]): Promise<Lead[]> {
  for (const move of moves) assertMove(move.lead, move.to, move.trigger);
  const moved = await store.moveStatuses(moves.map((m) => ({ id: m.lead.id, from: m.lead.status, to: m.to, trigger: m.trigger })));
  const movedIds = new Set(moved.map((lead) => lead.id));
  await store.appendTimeline(
    moves
      .filter((m) => movedIds.has(m.lead.id))
      .map((m) => ({ leadId: m.lead.id, kind: TimelineKind.TRANSITION, actor: m.actor, fromStatus: m.lead.status, toStatus: m.to, trigger: m.trigger, reason: m.reason })),
  );
  return moved;
}
