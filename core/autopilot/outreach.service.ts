import { TimelineKind } from '../leads/lead.types.ts';
import { LeadStatus } from '../lifecycle/lead-lifecycle.ts';
import { callAi, decisionOf } from './ai-call.ts';
import { autopilotActor, profileOf, skip, StepSkipped, unlessSkipped, type AutopilotDeps } from './autopilot.deps.ts';
import type { Message } from './autopilot.types.ts';

export const DISPATCH_BATCH = 500;

/** First messages and follow-ups: who gets one, and what it says. */
export class OutreachService {
  constructor(private readonly deps: AutopilotDeps) {}

  /** Claims a batch of NEW leads with no outreach and queues their composition; true when more remain. */
  async dispatch(): Promise<{ queued: number; more: boolean }> {
    return this.deps.uow.run(async (tx) => {
      const settings = await tx.settings.get();
      if (!settings.autopilot) return { queued: 0, more: false };
      const leads = await tx.messages.leadsAwaitingOutreach(DISPATCH_BATCH);
      await tx.messages.create(leads.map((lead) => ({ leadId: lead.id, direction: 'out', purpose: 'outreach', step: 0, status: 'composing', toAddress: lead.email })));
      await tx.jobs.sendMany('outreach.compose', leads.map((lead) => ({ tenantId: this.deps.tenantId, leadId: lead.id, step: 0 })));
      return { queued: leads.length, more: leads.length === DISPATCH_BATCH };
    });
  }

  /** Writes the message for a lead and step with the tenant's AI. Idempotent: a written message stays. */
  async compose(leadId: string, step: number): Promise<Message> {
    const purpose = step === 0 ? 'outreach' : 'follow_up';
    const prepared = unlessSkipped(await this.deps.uow.run(async (tx) => {
      const lead = await tx.leads.findById(leadId);
      if (!lead) throw new StepSkipped('the lead no longer exists');
      const [message] = await tx.messages.create([{ leadId, direction: 'out', purpose, step, status: 'composing', toAddress: lead.email }]);
      if (message?.status !== 'composing') throw new StepSkipped(`the ${purpose} message is already ${message?.status}`);
      const okState = step === 0 ? lead.status === LeadStatus.NEW : lead.status === LeadStatus.CONTACTED || lead.status === LeadStatus.PROPOSAL_SENT;
      if (!okState) {
        await tx.messages.update(message.id, ['composing'], { status: 'failed', error: `not sent: the lead is ${lead.status}` });
        return skip(`the lead is ${lead.status}`);
      }
      return { lead, message, settings: await tx.settings.get() };
    }));
    const { ai } = await this.deps.providers.resolve(this.deps.tenantId);
    const input = { lead: profileOf(prepared.lead), sender: prepared.settings.sender, step };
    const outcome = await callAi(ai.id, () => ai.writeOutreach(input));
    return this.deps.uow.run(async (tx) => {
      const decision = await tx.records.recordDecision(decisionOf(outcome, { kind: 'write_outreach', leadId, messageId: prepared.message.id, input, reasoning: () => `Personalised ${purpose} for ${prepared.lead.businessName}` }));
      if (!outcome.ok) {
        await tx.messages.update(prepared.message.id, ['composing'], { status: 'failed', error: `the AI could not write it: ${outcome.error}` });
        await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `Writing the ${purpose} failed: ${outcome.error}`, data: { decisionId: decision.id } }]);
        return (await tx.messages.find(prepared.message.id)) as Message;
      }
      const draft = outcome.result.output;
      const settings = await tx.settings.get();
      const status = settings.autopilot ? 'queued' : 'draft';
      const written = await tx.messages.update(prepared.message.id, ['composing'], { status, subject: draft.subject, text: draft.text, html: draft.html, fromAddress: settings.sender.email });
      if (!written) throw new StepSkipped('the message was written by another worker');
      await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.AI_DECISION, actor: { type: 'system', id: null, name: `${outcome.result.provider}/${outcome.result.model}` }, reason: `Wrote the ${purpose}: "${draft.subject}"`, data: { decisionId: decision.id, messageId: written.id, status } }]);
      if (status === 'queued') await tx.jobs.send('message.send', { tenantId: this.deps.tenantId, messageId: written.id });
      return written;
    });
  }
}
