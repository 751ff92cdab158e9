import type { Actor } from '../context.ts';
import { DomainError, ErrorCode } from '../errors.ts';
import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { assertTransition, findTransition, LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { PaymentEvent } from '../payments/payments.ts';
import { StepSkipped, type AutopilotDeps } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { Proposal } from './autopilot.types.ts';
import { formatMoney, money } from '../money/money.ts';

/** Thrown when a payment arrives before its proposal was marked sent: the job retries later. */
export class PaymentTooEarly extends Error {}

type PaymentFacts = Pick<PaymentEvent, 'leadId' | 'proposalId' | 'amount' | 'currency'>;

/** What a paid event does, decided from its locked lead and the lead's proposal. */
type Verdict =
  | { kind: 'pay'; lead: Lead; proposal: Proposal; amount: bigint }
  | { kind: 'refuse'; outcome: 'unmatched' | 'amount_mismatch' | 'duplicate'; reason: string; leadId: string | null }
  /** The lifecycle does not let this lead be PAID now: the confirmation job tries again later. */
  | { kind: 'later'; lead: Lead };

/** Verified payment events: stored once by event id; PROPOSAL_SENT → PAID exactly once. */
export class PaymentService {
  constructor(private readonly deps: AutopilotDeps) {}

  /**
   * Records a verified event and confirms a payment in the same transaction, so the lead is PAID
   * when the webhook answers; a payment that overtook our own "proposal sent" is queued for the
   * confirmation job instead. False for a repeat.
   */
  async receive(provider: string, event: PaymentEvent): Promise<boolean> {
    return this.deps.uow.run(async (tx) => {
      const stored = { provider, eventId: event.eventId, type: event.type, leadId: event.leadId, proposalId: event.proposalId, amount: event.amount, currency: event.currency, paid: event.paid, outcome: event.paid ? 'pending' : 'ignored' };
      const { fresh, lead, proposal } = await tx.records.receivePaymentEvent(stored, { lockTarget: event.paid });
      if (!fresh || !event.paid) return fresh;
      const verdict = judge(event, lead, proposal);
      if (verdict.kind === 'later') await tx.jobs.send('payment.confirmed', { tenantId: this.deps.tenantId, provider, eventId: event.eventId });
      else await this.settle(tx, provider, event.eventId, verdict);
      return true;
    });
  }

  /** The job for a payment `receive` could not confirm yet; throws (and is retried) while it still cannot. */
  async confirm(provider: string, eventId: string): Promise<string> {
    return this.deps.uow.run(async (tx) => {
      const event = await tx.records.paymentEvent(provider, eventId);
      if (!event || event.outcome !== 'pending') throw new StepSkipped(`payment event ${eventId} is ${event?.outcome ?? 'unknown'}`);
      const lead = event.leadId ? await tx.leads.findById(event.leadId, { forUpdate: true }) : null;
      const proposal = lead && event.proposalId ? await tx.records.findProposal(event.proposalId) : null;
      const verdict = judge(event, lead, proposal);
      if (verdict.kind === 'later') throw notPayableYet(verdict.lead);
      return this.settle(tx, provider, eventId, verdict);
    });
  }

  /** Writes a verdict: the event's outcome, and for a payment the move, the proposal and the onboarding job; one timeline call. */
  private async settle(tx: TenantTx, provider: string, eventId: string, verdict: Exclude<Verdict, { kind: 'later' }>): Promise<string> {
    const actor: Actor = { type: 'provider', id: null, name: provider };
    if (verdict.kind === 'refuse') {
      const { outcome, leadId } = verdict;
      await tx.records.settlePaymentEvent(provider, eventId, outcome, null);
      const reason = outcome === 'unmatched' ? `Payment ${eventId} ${verdict.reason}` : outcome === 'duplicate' ? `${verdict.reason} (${eventId})` : verdict.reason;
      if (leadId) await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.FAILURE, actor, reason, data: { eventId } }]);
      return outcome;
    }
    const { lead, proposal } = verdict;
    const amount = formatMoney(money(verdict.amount, proposal.currency));
    // The lead is locked: the compare-and-set fails only if something wrote it without the lock.
    if (!(await tx.leads.moveStatus(lead.id, lead.status, LeadStatus.PAID, TransitionTrigger.PAYMENT_CONFIRMED))) throw new DomainError(ErrorCode.CONFLICT, `The lead changed while confirming payment ${eventId}.`);
    await tx.leads.appendTimeline([
      { leadId: lead.id, kind: TimelineKind.TRANSITION, actor, fromStatus: lead.status, toStatus: LeadStatus.PAID, trigger: TransitionTrigger.PAYMENT_CONFIRMED, reason: `Paid ${amount} (${eventId})` },
      { leadId: lead.id, kind: TimelineKind.PAYMENT, actor, reason: `Payment received: ${amount}`, data: { eventId } },
    ]);
    await tx.records.settlePaymentEvent(provider, eventId, 'paid', { proposalId: proposal.id, at: this.deps.now() });
    await tx.jobs.send('onboarding.start', { tenantId: this.deps.tenantId, leadId: lead.id });
    return 'paid';
  }
}

/** What a paid event does, from its lead (locked by the caller) and the proposal it names. */
function judge(event: PaymentFacts, lead: Lead | null, proposal: Proposal | null): Verdict {
  if (!lead) return { kind: 'refuse', outcome: 'unmatched', reason: 'the lead no longer exists', leadId: null };
  if (!proposal || proposal.leadId !== lead.id) return { kind: 'refuse', outcome: 'unmatched', reason: 'matches no proposal of this lead', leadId: lead.id };
  const { amount, currency } = event;
  // Exact, to the minor unit: both sides are bigints, whatever their size.
  if (amount === null || amount !== proposal.total || currency !== proposal.currency) {
    const paid = amount !== null && currency ? formatMoney(money(amount, currency)) : 'an unknown amount';
    return { kind: 'refuse', outcome: 'amount_mismatch', reason: `Payment of ${paid} does not match the proposal total ${formatMoney(money(proposal.total, proposal.currency))}; not marked paid`, leadId: lead.id };
  }
  if (lead.status === LeadStatus.PAID) return { kind: 'refuse', outcome: 'duplicate', reason: 'A second payment event for an already paid lead', leadId: lead.id };
  if (!findTransition(lead.status, LeadStatus.PAID)?.triggers.includes(TransitionTrigger.PAYMENT_CONFIRMED)) return { kind: 'later', lead };
  return { kind: 'pay', lead, proposal, amount };
}

/** Why a payment cannot be confirmed now: too early (the proposal is not marked sent yet), or a state PAID never follows. */
function notPayableYet(lead: Lead): Error {
  // Out of order: the payment beat our own "proposal sent" record; the job retries once it is there.
  if (lead.status === LeadStatus.INTERESTED) return new PaymentTooEarly(`lead ${lead.id} is not PROPOSAL_SENT yet`);
  try {
    assertTransition(lead.status, LeadStatus.PAID, TransitionTrigger.PAYMENT_CONFIRMED);
  } catch (error) {
    return error as Error;
  }
  return new PaymentTooEarly(`lead ${lead.id} is ${lead.status}`);
}
