import { moveLead } from '../leads/lead-moves.ts';
import { TimelineKind } from '../leads/lead.types.ts';
import { LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { PaymentEvent } from '../payments/payments.ts';
import { StepSkipped, type AutopilotDeps } from './autopilot.deps.ts';
import { formatMoney } from './proposal.service.ts';

/** Thrown when a payment arrives before its proposal was marked sent: the job retries later. */
export class PaymentTooEarly extends Error {}

/** Verified payment events: stored once by event id, then PROPOSAL_SENT → PAID exactly once. */
export class PaymentService {
  constructor(private readonly deps: AutopilotDeps) {}

  /** Records a verified event; queues its confirmation when it is a payment. False for a repeat. */
  async receive(provider: string, event: PaymentEvent): Promise<boolean> {
    return this.deps.uow.run(async (tx) => {
      const fresh = await tx.records.recordPaymentEvent({ provider, eventId: event.eventId, type: event.type, leadId: event.leadId, proposalId: event.proposalId, amount: event.amount, currency: event.currency, paid: event.paid, outcome: event.paid ? 'pending' : 'ignored' });
      if (fresh && event.paid) await tx.jobs.send('payment.confirmed', { tenantId: this.deps.tenantId, provider, eventId: event.eventId });
      return fresh;
    });
  }

  async confirm(provider: string, eventId: string): Promise<string> {
    return this.deps.uow.run(async (tx) => {
      const event = await tx.records.paymentEvent(provider, eventId);
      if (!event || event.outcome !== 'pending') throw new StepSkipped(`payment event ${eventId} is ${event?.outcome ?? 'unknown'}`);
      const done = async (outcome: string, reason: string, leadId = event.leadId) => {
        await tx.records.setPaymentOutcome(provider, eventId, outcome);
        if (leadId) await tx.leads.appendTimeline([{ leadId, kind: outcome === 'paid' ? TimelineKind.PAYMENT : TimelineKind.FAILURE, actor: { type: 'provider', id: null, name: provider }, reason, data: { eventId } }]);
        return outcome;
      };
      const proposal = event.proposalId ? await tx.records.findProposal(event.proposalId, { forUpdate: true }) : null;
      if (!proposal || proposal.leadId !== event.leadId) return done('unmatched', `Payment ${eventId} matches no proposal of this lead`);
      const lead = await tx.leads.findById(proposal.leadId, { forUpdate: true });
      if (!lead) return done('unmatched', 'the lead no longer exists', null);
      const { amount, currency } = event;
      if (amount !== proposal.total || currency !== proposal.currency) {
        return done('amount_mismatch', `Payment of ${amount !== null && currency ? formatMoney(amount, currency) : 'an unknown amount'} does not match the proposal total ${formatMoney(proposal.total, proposal.currency)}; not marked paid`);
      }
      if (lead.status === LeadStatus.PAID) return done('duplicate', `A second payment event for an already paid lead (${eventId})`);
      // Out of order: the payment beat our own "proposal sent" record; retry once it is there.
      if (lead.status === LeadStatus.INTERESTED) throw new PaymentTooEarly(`lead ${lead.id} is not PROPOSAL_SENT yet`);
      await moveLead(tx.leads, lead, LeadStatus.PAID, TransitionTrigger.PAYMENT_CONFIRMED, { type: 'provider', id: null, name: provider }, `Paid ${formatMoney(amount, proposal.currency)} (${eventId})`);
      await tx.records.updateProposal(proposal.id, { status: 'paid', paidAt: this.deps.now() });
      await tx.jobs.send('onboarding.start', { tenantId: this.deps.tenantId, leadId: lead.id });
      return done('paid', `Payment received: ${formatMoney(amount, proposal.currency)}`);
    });
  }

}
