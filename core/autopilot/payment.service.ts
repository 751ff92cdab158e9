import type { Actor } from '../context.ts';
import { DomainError, ErrorCode } from '../errors.ts';
import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { assertTransition, LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { PaymentEvent } from '../payments/payments.ts';
import { StepSkipped, type AutopilotDeps } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import { formatMoney, money } from '../money/money.ts';
import { holdNotice, judgePayment, nextHoldCheck, type Verdict } from './payment-verdict.ts';

/** Thrown when a payment arrives before its proposal was marked sent: the job retries later. */
export class PaymentTooEarly extends Error {}

/** What became of a verified event when it was received. */
export interface PaymentReceipt {
  /** Seen before (the provider's event id): nothing was done again. */
  duplicate: boolean;
  /** Why the event is acknowledged but not acted on (malformed, not ours); null otherwise. */
  ignored: string | null;
}

const holdTaskKey = (eventId: string) => `held-payment:${eventId}`;

/**
 * Verified payment events: stored once by event id; PROPOSAL_SENT → PAID exactly once. A payment
 * that cannot be applied is never dropped: it is recorded, and when it is the right amount for a
 * lead closed as LOST it is held for a person (timeline entry and task), and applied if the lead is
 * reopened.
 */
export class PaymentService {
  constructor(private readonly deps: AutopilotDeps) {}

  /**
   * Records a verified event and confirms a payment in the same transaction, so the lead is PAID
   * when the webhook answers; a payment that overtook our own "proposal sent" is queued for the
   * confirmation job instead.
   */
  async receive(provider: string, event: PaymentEvent): Promise<PaymentReceipt> {
    const ignored = event.ignored ?? (event.tenantId && event.tenantId !== this.deps.tenantId ? 'the event names another tenant (metadata.tenantId)' : null);
    const actOn = event.paid && !ignored;
    return this.deps.uow.run(async (tx) => {
      const stored = {
        provider, eventId: event.eventId, type: event.type, leadId: ignored ? null : event.leadId, proposalId: ignored ? null : event.proposalId,
        amount: event.amount, currency: event.currency, paid: event.paid, outcome: actOn ? 'pending' : 'ignored',
        reason: ignored ?? (event.paid ? null : `${event.type} is not a completed payment`),
      };
      const { fresh, lead, proposal } = await tx.records.receivePaymentEvent(stored, { lockTarget: actOn });
      if (!fresh || !actOn) return { duplicate: !fresh, ignored };
      const verdict = judgePayment(event, lead, proposal);
      if (verdict.kind === 'later') await tx.jobs.send('payment.confirmed', { tenantId: this.deps.tenantId, provider, eventId: event.eventId });
      else await this.settle(tx, provider, event.eventId, verdict);
      return { duplicate: false, ignored: null };
    });
  }

  /**
   * The job for a payment `receive` could not confirm yet, or one held for a lost lead: applies it
   * when it can; a held one is looked at again later while its lead stays closed. Throws (and is
   * retried) only while a payment is merely early.
   */
  async confirm(provider: string, eventId: string): Promise<string> {
    return this.deps.uow.run(async (tx) => {
      const event = await tx.records.paymentEvent(provider, eventId);
      if (!event || (event.outcome !== 'pending' && event.outcome !== 'held')) throw new StepSkipped(`payment event ${eventId} is ${event?.outcome ?? 'unknown'}`);
      const lead = event.leadId ? await tx.leads.findById(event.leadId, { forUpdate: true }) : null;
      const proposal = lead && event.proposalId ? await tx.records.findProposal(event.proposalId) : null;
      const verdict = judgePayment(event, lead, proposal);
      const held = event.outcome === 'held';
      if (held && (verdict.kind === 'hold' || verdict.kind === 'later')) return this.checkAgainLater(tx, provider, eventId, event.receivedAt, verdict.lead);
      if (verdict.kind === 'later') throw notPayableYet(verdict.lead);
      const outcome = await this.settle(tx, provider, eventId, verdict);
      // A held payment applied (the lead was reopened) settles the task it had given a person.
      if (held && outcome === 'paid') await tx.records.completeTasksByKey([holdTaskKey(eventId)]);
      return outcome;
    });
  }

  /** Writes a verdict: the event's outcome, and for a payment the move, the proposal and the onboarding job; one timeline call. */
  private async settle(tx: TenantTx, provider: string, eventId: string, verdict: Exclude<Verdict, { kind: 'later' }>): Promise<string> {
    const actor: Actor = { type: 'provider', id: null, name: provider };
    if (verdict.kind === 'refuse') {
      const { outcome, leadId } = verdict;
      const reason = outcome === 'unmatched' ? `Payment ${eventId} ${verdict.reason}` : outcome === 'duplicate' ? `${verdict.reason} (${eventId})` : verdict.reason;
      await tx.records.settlePaymentEvent(provider, eventId, outcome, null, reason);
      if (leadId) await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.FAILURE, actor, reason, data: { eventId } }]);
      return outcome;
    }
    if (verdict.kind === 'hold') return this.hold(tx, provider, eventId, verdict, actor);
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

  /** The right payment for a lead that cannot be PAID now: recorded as held, said on the timeline, given to a person as a task, looked at again later. */
  private async hold(tx: TenantTx, provider: string, eventId: string, verdict: Extract<Verdict, { kind: 'hold' }>, actor: Actor): Promise<string> {
    const { lead, proposal, amount } = verdict;
    const notice = holdNotice(lead, proposal, amount, eventId);
    await tx.records.settlePaymentEvent(provider, eventId, 'held', null, notice.timeline);
    const [task] = await tx.records.createTasks([{ leadId: lead.id, clientId: null, kind: 'follow_up', title: notice.title, body: notice.body, dueAt: this.deps.now(), dedupeKey: holdTaskKey(eventId) }]);
    await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.PAYMENT, actor, reason: notice.timeline, data: { eventId, held: true, ...(task ? { taskId: task.id } : {}) } }]);
    await this.checkAgainLater(tx, provider, eventId, this.deps.now(), lead);
    return 'held';
  }

  /** Queues the next look at a held payment (none once HOLD_RECHECK_DAYS have passed: the person's task remains). */
  private async checkAgainLater(tx: TenantTx, provider: string, eventId: string, receivedAt: Date, lead: Lead): Promise<string> {
    const at = nextHoldCheck(receivedAt, this.deps.now());
    if (at) await tx.jobs.send('payment.confirmed', { tenantId: this.deps.tenantId, provider, eventId }, { startAfter: at });
    else await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.NOTE, actor: { type: 'system', id: null, name: 'autopilot' }, reason: `The payment held since ${receivedAt.toISOString().slice(0, 10)} (${eventId}) is no longer applied by reopening the lead: refund it`, data: { eventId } }]);
    return 'held';
  }
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
