import { suppressionReason, type Suppression, type SuppressionList } from '../channels/suppressions.ts';
import type { Actor } from '../context.ts';
import { DomainError, ErrorCode } from '../errors.ts';
import { LeadAction, leadActions, planReopen, type LeadPosition } from '../lifecycle/lead-lifecycle.ts';
import { moveLead } from './lead-moves.ts';
import type { LeadStore } from './lead.store.ts';
import type { Lead, TimelineEntry } from './lead.types.ts';

/** What a reopen reaches in one unit of work. */
export interface ReopenTx {
  leads: LeadStore;
  suppressions: SuppressionList;
}

/** The reply whose classification closed the lead, from the closing move's timeline entry. */
export function closingReplyOf(closing: TimelineEntry | null | undefined): string | null {
  const id = closing?.data.messageId;
  return typeof id === 'string' ? id : null;
}

/**
 * A suppression that keeps a lost lead closed: any entry for its address except those its own
 * closing classification added (a reopen lifts those). The recipient's unsubscribe link, a bounce,
 * or another reply's unsubscribe stand.
 */
export function blockingSuppression(suppressions: readonly Suppression[], closingReply: string | null): Suppression | null {
  return suppressions.find((s) => !(closingReply && s.messageId === closingReply)) ?? null;
}

/** The refusal for a lead whose address is suppressed. */
function suppressed(lead: LeadPosition, block: Suppression): DomainError {
  return new DomainError(ErrorCode.ACTION_NOT_ALLOWED, `This lead cannot be reopened: ${suppressionReason(block)}.`, {
    status: lead.status,
    action: LeadAction.REOPEN,
    allowedActions: leadActions(lead).filter((action) => action !== LeadAction.REOPEN),
  });
}

/**
 * Reopens a lost lead (locked by the caller) back to the status it was lost from, recorded as a
 * REOPENED transition. What the closing classification did that can be undone is undone with it:
 * the suppressions it added are lifted. Refused, with the reason, where the close is final.
 */
export async function reopenLead(tx: ReopenTx, lead: Lead, actor: Actor, reason: string): Promise<Lead> {
  const move = planReopen(lead);
  const closing = (await tx.leads.lastMovesInto([lead.id], lead.status)).get(lead.id) ?? null;
  const closingReply = closingReplyOf(closing);
  // Its email address, or its number (SMS and WhatsApp): either may hold a suppression that stands.
  const addresses = [lead.email, lead.phone].filter((address): address is string => Boolean(address));
  const block = blockingSuppression(addresses.length ? await tx.suppressions.suppressionsOf(addresses) : [], closingReply);
  if (block) throw suppressed(lead, block);
  const lifted = closingReply ? await tx.suppressions.liftForReply(closingReply) : [];
  const data = { ...(closing ? { reopens: closing.id } : {}), ...(closingReply ? { messageId: closingReply } : {}), ...(lifted.length ? { liftedSuppressions: lifted } : {}) };
  return moveLead(tx.leads, lead, move.to, move.trigger, actor, reason, data);
}
