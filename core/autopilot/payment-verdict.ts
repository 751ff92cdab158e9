import type { Lead } from '../leads/lead.types.ts';
import { findTransition, LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import { formatMoney, money } from '../money/money.ts';
import type { PaymentEvent } from '../payments/payments.ts';
import type { Proposal } from './autopilot.types.ts';

export type PaymentFacts = Pick<PaymentEvent, 'leadId' | 'proposalId' | 'amount' | 'currency'>;

/** What a paid event does, decided from its locked lead and the proposal it names. */
export type Verdict =
  | { kind: 'pay'; lead: Lead; proposal: Proposal; amount: bigint }
  | { kind: 'refuse'; outcome: 'unmatched' | 'amount_mismatch' | 'duplicate'; reason: string; leadId: string | null }
  /** The right amount for a lead that cannot be PAID from where it is (closed as LOST): kept for a person to decide. */
  | { kind: 'hold'; lead: Lead; proposal: Proposal; amount: bigint }
  /** The payment overtook our own "proposal sent": the lead will be payable in a moment. */
  | { kind: 'later'; lead: Lead };

/** How long a held payment is looked at again for its lead being reopened; then it waits for a person only. */
export const HOLD_RECHECK_DAYS = 30;
const MINUTE_MS = 60_000;

/** What a paid event does, from its lead (locked by the caller) and the proposal it names. */
export function judgePayment(event: PaymentFacts, lead: Lead | null, proposal: Proposal | null): Verdict {
  if (!lead) return { kind: 'refuse', outcome: 'unmatched', reason: 'the lead no longer exists', leadId: null };
  if (!proposal || proposal.leadId !== lead.id) return { kind: 'refuse', outcome: 'unmatched', reason: 'matches no proposal of this lead', leadId: lead.id };
  const { amount, currency } = event;
  // Exact, to the minor unit: both sides are bigints, whatever their size.
  if (amount === null || amount !== proposal.total || currency !== proposal.currency) {
    const paid = amount !== null && currency ? formatMoney(money(amount, currency)) : 'an unknown amount';
    return { kind: 'refuse', outcome: 'amount_mismatch', reason: `Payment of ${paid} does not match the proposal total ${formatMoney(money(proposal.total, proposal.currency))}; not marked paid`, leadId: lead.id };
  }
  if (lead.status === LeadStatus.PAID) return { kind: 'refuse', outcome: 'duplicate', reason: 'A second payment event for an already paid lead', leadId: lead.id };
  if (findTransition(lead.status, LeadStatus.PAID)?.triggers.includes(TransitionTrigger.PAYMENT_CONFIRMED)) return { kind: 'pay', lead, proposal, amount };
  // Before PROPOSAL_SENT is recorded, the payment is early; from anywhere else PAID never follows by itself.
  return lead.status === LeadStatus.INTERESTED ? { kind: 'later', lead } : { kind: 'hold', lead, proposal, amount };
}

/** What a person is told about a held payment: on the timeline, and as their task. */
export function holdNotice(lead: Lead, proposal: Proposal, amount: bigint, eventId: string): { timeline: string; title: string; body: string } {
  const paid = formatMoney(money(amount, proposal.currency));
  const closed = lead.status === LeadStatus.LOST ? 'closed as lost' : `${lead.status}`;
  return {
    timeline: `Payment of ${paid} received (${eventId}) but not applied: the lead is ${closed}. Reopen it to apply the payment (the lead becomes PAID and onboarding starts), or refund it.`,
    title: `Payment received for a lead ${closed}: reopen it or refund (${paid}, ${lead.businessName})`.slice(0, 200),
    body:
      `${lead.businessName} paid ${paid} for proposal v${proposal.version} ("${proposal.title}"), event ${eventId}, after the lead was ${closed}. ` +
      `Nothing was lost: the payment is recorded and waits. Reopen the lead (back to PROPOSAL_SENT) if the deal is on: the payment is then applied within the hour, ` +
      `the lead becomes PAID and onboarding starts. Otherwise refund the payment with the provider and mark this task done.`,
  };
}

/**
 * When a held payment is looked at again: soon at first (a reopen right after the payment applies it
 * within minutes), then every hour; null after HOLD_RECHECK_DAYS, when only a person's task remains.
 */
export function nextHoldCheck(receivedAt: Date, now: Date): Date | null {
  const age = now.getTime() - receivedAt.getTime();
  if (age >= HOLD_RECHECK_DAYS * 24 * 60 * MINUTE_MS) return null;
  const wait = Math.min(Math.max(age / 12, MINUTE_MS), 60 * MINUTE_MS);
  return new Date(now.getTime() + wait);
}
