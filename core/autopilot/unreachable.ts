import type { Actor } from '../context.ts';
import { moveLead } from '../leads/lead-moves.ts';
import { LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { TenantTx } from './autopilot.ports.ts';

/**
 * An address the provider says can never take our messages (a bounce, an invalid number) or whose
 * owner opted out at the provider: it goes on the suppression list, and the lead, still open, is lost.
 */
export async function closeUnreachable(tx: TenantTx, leadId: string, address: string, suppressAs: 'bounce' | 'opt_out', actor: Actor, reason: string): Promise<void> {
  await tx.records.suppress(address, suppressAs, leadId);
  const lead = await tx.leads.findById(leadId, { forUpdate: true });
  if (!lead || lead.status === LeadStatus.PAID || lead.status === LeadStatus.LOST) return;
  // An opt-out stands until the number sends START; then a person may reopen the lead (a bounce is final).
  const trigger = suppressAs === 'opt_out' ? TransitionTrigger.ASKED_TO_UNSUBSCRIBE : TransitionTrigger.HARD_BOUNCE;
  await moveLead(tx.leads, lead, LeadStatus.LOST, trigger, actor, reason);
}
