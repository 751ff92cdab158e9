import type { Actor } from '../context.ts';
import { DomainError, ErrorCode } from '../errors.ts';
import { closingReplyOf, reopenLead } from '../leads/lead-reopen.ts';
import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { LeadStatus, reopenMove } from '../lifecycle/lead-lifecycle.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { Message } from './autopilot.types.ts';

export interface UndoOptions {
  actor: Actor;
  /** Owners and admins may reopen a lead; a correction that would reopen one is theirs to make. */
  mayReopen: boolean;
  /** Said on the timeline: the correction, e.g. "Classification corrected to interested (was not_interested)". */
  reason: string;
}

/**
 * Undoes what a reply's (wrong) classification did, where that can be undone, before the corrected
 * intent takes effect: a lead it closed is reopened to where it was, and the suppressions it added
 * are lifted. A close that has since become final (the recipient's own unsubscribe, a bounce) stays,
 * and the timeline says why.
 */
export async function undoClassification(tx: TenantTx, reply: Message, options: UndoOptions): Promise<void> {
  if (!reply.leadId) return void (await tx.records.liftForReply(reply.id));
  const lead = await tx.leads.findById(reply.leadId, { forUpdate: true });
  if (lead?.status === LeadStatus.LOST && (await closedBy(tx, lead)) === reply.id) {
    const move = reopenMove(lead);
    if (!options.mayReopen && 'to' in move) {
      throw new DomainError(ErrorCode.FORBIDDEN, `This reply's classification closed ${lead.businessName} as lost, so correcting it reopens the lead, which only an owner or admin may do.`, { permission: 'override_lifecycle' });
    }
    try {
      await reopenLead({ leads: tx.leads, suppressions: tx.records }, lead, options.actor, options.reason);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.ACTION_NOT_ALLOWED) throw error;
      await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.NOTE, actor: options.actor, reason: `Not reopened after the correction: ${error.message.replace(/^This lead cannot be reopened: /, '')}`, data: { messageId: reply.id } }]);
    }
  }
  const lifted = await tx.records.liftForReply(reply.id);
  if (lifted.length && reply.leadId) {
    await tx.leads.appendTimeline([{ leadId: reply.leadId, kind: TimelineKind.NOTE, actor: options.actor, reason: `Messages may go to ${lifted.join(', ')} again: the unsubscribe was a wrong classification`, data: { messageId: reply.id, liftedSuppressions: lifted } }]);
  }
}

async function closedBy(tx: TenantTx, lead: Lead): Promise<string | null> {
  return closingReplyOf((await tx.leads.lastMovesInto([lead.id], lead.status)).get(lead.id));
}
