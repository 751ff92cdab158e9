import type { Lead } from '../leads/lead.types.ts';
import { LeadStatus } from '../lifecycle/lead-lifecycle.ts';
import type { Proposal } from './autopilot.types.ts';

/**
 * What a checkout page may do with a proposal, and why not: only an open proposal (the lead waiting
 * for it, the proposal neither replaced nor past its date) takes a payment. `today` is YYYY-MM-DD.
 */
export type CheckoutState =
  | { kind: 'open' }
  | { kind: 'paid' }
  | { kind: 'closed'; why: string };

export function checkoutState(proposal: Pick<Proposal, 'status' | 'validUntil'>, lead: Pick<Lead, 'status'>, today: string): CheckoutState {
  if (proposal.status === 'paid' || lead.status === LeadStatus.PAID) return { kind: 'paid' };
  if (lead.status === LeadStatus.LOST) return { kind: 'closed', why: 'This proposal is closed: it is no longer on offer.' };
  if (proposal.status === 'superseded') return { kind: 'closed', why: 'This proposal was replaced by a newer one: use the link in the latest proposal email.' };
  if (proposal.validUntil < today) return { kind: 'closed', why: `This proposal expired on ${proposal.validUntil}.` };
  if (lead.status !== LeadStatus.INTERESTED && lead.status !== LeadStatus.PROPOSAL_SENT) return { kind: 'closed', why: 'This proposal is not open for payment.' };
  return { kind: 'open' };
}
