import type { Actor } from '../context.ts';
import { DomainError, ErrorCode, notFound } from '../errors.ts';
import { assertTransition, type LeadStatus, type TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { LeadStore } from './lead.store.ts';
import { TimelineKind, type Lead } from './lead.types.ts';

/**
 * The one way a lead changes state: checked against the lifecycle, compare-and-set in the database
 * (so of two concurrent moves one wins and the other gets a typed error), recorded on the timeline.
 */
export async function moveLead(store: LeadStore, lead: Lead, to: LeadStatus, trigger: TransitionTrigger, actor: Actor, reason: string | null): Promise<Lead> {
  assertTransition(lead.status, to, trigger);
  const moved = await store.moveStatus(lead.id, lead.status, to);
  if (!moved) {
    const current = await store.findById(lead.id);
    if (!current) throw notFound('Lead', lead.id);
    assertTransition(current.status, to, trigger);
    throw new DomainError(ErrorCode.CONFLICT, `The lead changed while moving it; it is now ${current.status}. Try again.`);
  }
  await store.appendTimeline([{ leadId: lead.id, kind: TimelineKind.TRANSITION, actor, fromStatus: lead.status, toStatus: to, trigger, reason }]);
  return moved;
}
