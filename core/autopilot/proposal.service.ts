import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { parseCurrency } from '../money/money-input.ts';
import { formatMoney, lineTotal, money } from '../money/money.ts';
import { LeadStatus } from '../lifecycle/lead-lifecycle.ts';
import { callAi, decisionOf } from './ai-call.ts';
import { autopilotActor, profileOf, skip, StepSkipped, unlessSkipped, type AutopilotDeps } from './autopilot.deps.ts';
import type { Proposal } from './autopilot.types.ts';
import { addressFor } from './lead-address.ts';
import { draftLineItems, proposalTotal } from './proposal-lines.ts';

/** A proposal's amount (a line's or its total) for people: "₹45,000.00". */
const priced = (amount: bigint, proposal: Pick<Proposal, 'currency'>) => formatMoney(money(amount, proposal.currency));

/** The proposal as an email: plan, line items, total, expected results, validity and the payment link. */
export function proposalEmail(proposal: Proposal, lead: Lead, senderName: string): { subject: string; text: string; html: string } {
  const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const items = proposal.lineItems.map((item) => `- ${item.description} × ${item.quantity}: ${priced(lineTotal(item.unitAmount, item.quantity), proposal)}`);
  const greeting = `Hi ${lead.contactName ?? `${lead.businessName} team`},`;
  const text = [greeting, '', proposal.summary, '', 'What we will do:', ...items, `Total: ${priced(proposal.total, proposal)}`, '', 'What you can expect:', ...proposal.expectedResults.map((r) => `- ${r}`), '', `This proposal is valid until ${proposal.validUntil}.`, proposal.paymentUrl ? `To start, pay securely here: ${proposal.paymentUrl}` : '', '', `Best regards,`, senderName].join('\n');
  const html = `<p>${esc(greeting)}</p><p>${esc(proposal.summary)}</p><h3>What we will do</h3><ul>${proposal.lineItems.map((item) => `<li>${esc(item.description)} × ${item.quantity}: ${esc(priced(lineTotal(item.unitAmount, item.quantity), proposal))}</li>`).join('')}</ul><p><strong>Total: ${esc(priced(proposal.total, proposal))}</strong></p><h3>What you can expect</h3><ul>${proposal.expectedResults.map((r) => `<li>${esc(r)}</li>`).join('')}</ul><p>Valid until ${esc(proposal.validUntil)}.</p>${proposal.paymentUrl ? `<p><a href="${esc(proposal.paymentUrl)}">Pay securely to get started</a></p>` : ''}<p>Best regards,<br>${esc(senderName)}</p>`;
  return { subject: `Proposal: ${proposal.title}`, text, html };
}

/**
 * The proposal as a text (SMS, WhatsApp): what a phone shows in one message (Twilio takes 1,600
 * characters), the lines in short and the payment link; the full plan is the email's.
 */
export function proposalText(proposal: Proposal, lead: Lead, senderName: string): string {
  const lines = proposal.lineItems.slice(0, 5).map((item) => `- ${item.description.slice(0, 120)} × ${item.quantity}: ${priced(lineTotal(item.unitAmount, item.quantity), proposal)}`);
  const more = proposal.lineItems.length > 5 ? [`- and ${proposal.lineItems.length - 5} more`] : [];
  const text = [`Hi ${lead.contactName ?? `${lead.businessName} team`}, here is our proposal: ${proposal.title}`, '', ...lines, ...more, `Total: ${priced(proposal.total, proposal)} (valid until ${proposal.validUntil})`, proposal.paymentUrl ? `To start, pay securely here: ${proposal.paymentUrl}` : '', '', senderName].join('\n');
  if (text.length <= 1_400) return text;
  return [`Hi ${lead.contactName ?? `${lead.businessName} team`}, here is our proposal: ${proposal.title.slice(0, 200)}`, `Total: ${priced(proposal.total, proposal)} (valid until ${proposal.validUntil})`, proposal.paymentUrl ? `To start, pay securely here: ${proposal.paymentUrl}` : '', senderName].join('\n');
}

/** Proposals: written from the catalog, the lead and the conversation; sent with a payment link. */
export class ProposalService {
  constructor(private readonly deps: AutopilotDeps) {}

  async compose(leadId: string): Promise<Proposal> {
    const prepared = unlessSkipped(await this.deps.uow.run(async (tx) => {
      const lead = await tx.leads.findById(leadId);
      if (!lead) throw new StepSkipped('the lead no longer exists');
      if (lead.status !== LeadStatus.INTERESTED) throw new StepSkipped(`the lead is ${lead.status}`);
      const latest = await tx.records.latestProposal(leadId);
      if (latest && latest.status !== 'superseded') throw new StepSkipped(`a proposal (v${latest.version}) is already ${latest.status}`);
      const conversation = (await tx.messages.conversation(leadId, 10)).map((m) => ({ direction: m.direction, subject: m.subject, body: (m.text ?? '').slice(0, 4000) }));
      const catalog = await tx.settings.catalog();
      if (!catalog.length) {
        await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: 'No proposal written: the service catalog is empty. Add services, then generate the proposal.' }]);
        return skip('the tenant has no services in its catalog');
      }
      return { lead, settings: await tx.settings.get(), catalog, conversation };
    }));
    const { ai } = await this.deps.providers.resolve(this.deps.tenantId);
    const input = { lead: profileOf(prepared.lead), sender: prepared.settings.sender, catalog: prepared.catalog, conversation: prepared.conversation };
    const outcome = await callAi(ai.id, () => ai.writeProposal(input));
    return unlessSkipped(await this.deps.uow.run(async (tx) => {
      const decision = await tx.records.recordDecision(decisionOf(outcome, { kind: 'write_proposal', leadId, messageId: null, input, reasoning: (o) => o.summary }));
      if (!outcome.ok) {
        await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `Writing the proposal failed: ${outcome.error}`, data: { decisionId: decision.id } }]);
        return skip(`the AI could not write a proposal: ${outcome.error}`);
      }
      const draft = outcome.result.output;
      // Amounts and currency are checked before anything is stored: a proposal is never written unreadable.
      const lines = draftLineItems(draft.lineItems);
      const currency = parseCurrency(draft.currency);
      if ('problem' in lines || !currency.ok) {
        const problem = 'problem' in lines ? lines.problem : `its currency ${currency.ok ? '' : currency.message}`;
        await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `The AI's proposal was not stored: ${problem}`, data: { decisionId: decision.id } }]);
        return skip(`the AI's proposal cannot be stored: ${problem}`);
      }
      const validUntil = new Date(this.deps.now().getTime() + draft.validDays * 86_400_000).toISOString().slice(0, 10);
      const total = proposalTotal(lines.items);
      const proposal = await tx.records.createProposal({ leadId, title: draft.title, summary: draft.summary, lineItems: lines.items, currency: currency.value, total, expectedResults: draft.expectedResults, validUntil, paymentProvider: null, paymentUrl: null, paymentRef: null });
      await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.PROPOSAL, actor: autopilotActor, reason: `Proposal v${proposal.version} written: ${proposal.title} (${priced(total, proposal)})`, data: { proposalId: proposal.id, decisionId: decision.id } }]);
      if (prepared.settings.autopilot) await tx.jobs.send('proposal.send', { tenantId: this.deps.tenantId, proposalId: proposal.id });
      return proposal;
    }));
  }

  /** Creates the payment link once (kept on the proposal), then queues the proposal email. */
  async send(proposalId: string): Promise<Proposal> {
    const prepared = await this.deps.uow.run(async (tx) => {
      const proposal = await tx.records.findProposal(proposalId);
      if (!proposal) throw new StepSkipped('no such proposal');
      if (proposal.status !== 'draft') throw new StepSkipped(`the proposal is ${proposal.status}`);
      const lead = (await tx.leads.findById(proposal.leadId)) as Lead;
      if (lead.status !== LeadStatus.INTERESTED && lead.status !== LeadStatus.PROPOSAL_SENT) throw new StepSkipped(`the lead is ${lead.status}`);
      return { proposal, lead };
    });
    let proposal = prepared.proposal;
    if (proposal.total === 0n) {
      // A proposal written before totals had to be more than 0: said once on the timeline, not sent.
      await this.deps.uow.run((tx) => tx.leads.appendTimeline([{ leadId: proposal.leadId, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `Proposal v${proposal.version} was not sent: its total is 0`, data: { proposalId } }]));
      throw new StepSkipped('the proposal\'s total is 0');
    }
    if (!proposal.paymentUrl) {
      const { payments } = await this.deps.providers.resolve(this.deps.tenantId);
      // Above the provider's maximum: said on the timeline once, not retried into a dead letter.
      const refusal = payments.refusal(proposal.total, proposal.currency);
      if (refusal) {
        await this.deps.uow.run((tx) => tx.leads.appendTimeline([{ leadId: proposal.leadId, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `Proposal v${proposal.version} was not sent: ${refusal}`, data: { proposalId } }]));
        throw new StepSkipped(refusal);
      }
      const link = await payments.createPaymentLink({ tenantId: this.deps.tenantId, leadId: proposal.leadId, proposalId, amount: proposal.total, currency: proposal.currency, description: proposal.title, customerEmail: prepared.lead.email });
      proposal = await this.deps.uow.run(async (tx) => {
        // Links we serve ourselves (the offline checkout) are looked up by token.
        if (payments.id === 'offline') await tx.records.registerCheckoutToken(link.providerId);
        return tx.records.updateProposal(proposalId, { paymentProvider: payments.id, paymentUrl: link.url, paymentRef: link.providerId });
      });
    }
    return this.deps.uow.run(async (tx) => {
      const settings = await tx.settings.get();
      const senderName = `${settings.sender.name}, ${settings.sender.company}`;
      const address = addressFor(prepared.lead, settings);
      const email = proposalEmail(proposal, prepared.lead, senderName);
      const content = address.channel === 'email' ? email : { subject: email.subject, text: proposalText(proposal, prepared.lead, senderName), html: null };
      const [message] = await tx.messages.create([{ leadId: proposal.leadId, direction: 'out', purpose: 'proposal', step: proposal.version, status: 'queued', proposalId, ...address, fromAddress: settings.sender.email, ...content }]);
      if (message?.status === 'queued') await tx.jobs.send('message.send', { tenantId: this.deps.tenantId, messageId: message.id });
      return proposal;
    });
  }
}
