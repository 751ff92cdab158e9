import type { WriteOutreachInput } from '../ai/ai-assistant.ts';
import type { OutreachDraft } from '../ai/ai.types.ts';
import { TimelineKind, type Lead, type NewTimelineEntry } from '../leads/lead.types.ts';
import { LeadStatus } from '../lifecycle/lead-lifecycle.ts';
import { callAi, decisionOf, type AiOutcome } from './ai-call.ts';
import { autopilotActor, profileOf, settle, type AutopilotDeps, type StepOutcome } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { AiDecision, Message } from './autopilot.types.ts';
import { addressFor } from './lead-address.ts';

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
      await tx.messages.create(leads.map((lead) => ({ leadId: lead.id, direction: 'out', purpose: 'outreach', step: 0, status: 'composing', ...addressFor(lead, settings) })));
      await tx.jobs.sendMany('outreach.compose', leads.map((lead) => ({ tenantId: this.deps.tenantId, leadId: lead.id, step: 0 })));
      return { queued: leads.length, more: leads.length === DISPATCH_BATCH };
    });
  }

  /** Writes the message for a lead and step with the tenant's AI. Idempotent: a written message stays. */
  async compose(leadId: string, step: number): Promise<Message> {
    return settle((await this.composeMany([{ leadId, step }]))[0]);
  }

  /**
   * `compose` for a batch of jobs: two transactions for the whole batch, the AI called for each lead
   * concurrently in between (never inside a transaction). One outcome per item, in order.
   */
  async composeMany(items: readonly ComposeItem[]): Promise<Array<StepOutcome<Message>>> {
    const outcomes: Array<StepOutcome<Message>> = items.map(() => ({ status: 'skipped', reason: 'not reached' }));
    const { ready, settings, offers } = await this.deps.uow.run((tx) => this.prepare(tx, items, outcomes));
    if (!ready.length) return outcomes;
    const { ai } = await this.deps.providers.resolve(this.deps.tenantId);
    const written = await Promise.all(
      ready.map(async (item) => {
        const input = { lead: profileOf(item.lead), sender: settings.sender, step: item.step, offers };
        try {
          return { ...item, input, outcome: await callAi(ai.id, () => ai.writeOutreach(input)) };
        } catch (error) {
          // The provider is down: this job retries later; the others go on.
          outcomes[item.index] = { status: 'failed', error };
          return null;
        }
      }),
    );
    const results = written.filter((item) => item !== null);
    if (results.length) await this.deps.uow.run((tx) => this.store(tx, results, outcomes));
    return outcomes;
  }

  /** Creates (or finds) each message and keeps the items that still need writing. */
  private async prepare(tx: TenantTx, items: readonly ComposeItem[], outcomes: Array<StepOutcome<Message>>) {
    const leads = new Map((await tx.leads.findByIds([...new Set(items.map((item) => item.leadId))])).map((lead) => [lead.id, lead]));
    const settings = await tx.settings.get();
    const messages = await tx.messages.create(
      items.flatMap((item) => {
        const lead = leads.get(item.leadId);
        return lead ? [{ leadId: lead.id, direction: 'out' as const, purpose: purposeOf(item.step), step: item.step, status: 'composing' as const, ...addressFor(lead, settings) }] : [];
      }),
    );
    const byKey = new Map(messages.map((message) => [`${message.leadId}/${message.purpose}/${message.step}`, message]));
    const notNow: Array<{ id: string; status: 'failed'; error: string }> = [];
    const ready: Prepared[] = [];
    const taken = new Set<string>();
    items.forEach((item, index) => {
      const lead = leads.get(item.leadId);
      if (!lead) return void (outcomes[index] = { status: 'skipped', reason: 'the lead no longer exists' });
      const purpose = purposeOf(item.step);
      const message = byKey.get(`${lead.id}/${purpose}/${item.step}`);
      if (message?.status !== 'composing') return void (outcomes[index] = { status: 'skipped', reason: `the ${purpose} message is already ${message?.status}` });
      if (taken.has(message.id)) return void (outcomes[index] = { status: 'skipped', reason: 'a duplicate job in the same batch' });
      taken.add(message.id);
      const okState = item.step === 0 ? lead.status === LeadStatus.NEW : lead.status === LeadStatus.CONTACTED || lead.status === LeadStatus.PROPOSAL_SENT;
      if (!okState) {
        notNow.push({ id: message.id, status: 'failed', error: `not sent: the lead is ${lead.status}` });
        return void (outcomes[index] = { status: 'skipped', reason: `the lead is ${lead.status}` });
      }
      ready.push({ index, lead, message, purpose, step: item.step });
    });
    await tx.messages.updateMany(['composing'], notNow);
    // What the tenant sells: the AI pitches it (the pitch first, the catalog when the pitch says little).
    const offers = ready.length ? (await tx.settings.catalog()).map((service) => service.name) : [];
    return { ready, settings, offers };
  }

  /** Stores what the AI wrote (or why it could not), and queues the sends when the autopilot is on. */
  private async store(tx: TenantTx, results: Array<Prepared & { input: WriteOutreachInput; outcome: AiOutcome<OutreachDraft> }>, outcomes: Array<StepOutcome<Message>>): Promise<void> {
    const decisions = await tx.records.recordDecisions(
      results.map((r) => decisionOf(r.outcome, { kind: 'write_outreach', leadId: r.lead.id, messageId: r.message.id, input: r.input, reasoning: () => `Personalised ${r.purpose} for ${r.lead.businessName}` })),
    );
    const settings = await tx.settings.get();
    const status = settings.autopilot ? 'queued' : 'draft';
    const failed = results.flatMap((r, i) => (r.outcome.ok ? [] : [{ ...r, error: r.outcome.error, decisionId: (decisions[i] as AiDecision).id }]));
    const drafted = results.flatMap((r, i) => (r.outcome.ok ? [{ ...r, result: r.outcome.result, decisionId: (decisions[i] as AiDecision).id }] : []));
    const failedRows = new Map((await tx.messages.updateMany(['composing'], failed.map((r) => ({ id: r.message.id, status: 'failed' as const, error: `the AI could not write it: ${r.error}` })))).map((m) => [m.id, m]));
    const written = new Map(
      (await tx.messages.updateMany(['composing'], drafted.map((r) => ({ id: r.message.id, status, subject: r.result.output.subject, text: r.result.output.text, html: r.result.output.html, fromAddress: settings.sender.email })))).map((m) => [m.id, m]),
    );
    const entries: NewTimelineEntry[] = failed.map((r) => ({ leadId: r.lead.id, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `Writing the ${r.purpose} failed: ${r.error}`, data: { decisionId: r.decisionId } }));
    for (const r of failed) outcomes[r.index] = { status: 'done', value: failedRows.get(r.message.id) ?? r.message };
    for (const r of drafted) {
      const message = written.get(r.message.id);
      if (!message) {
        outcomes[r.index] = { status: 'skipped', reason: 'the message was written by another worker' };
        continue;
      }
      entries.push({ leadId: r.lead.id, kind: TimelineKind.AI_DECISION, actor: { type: 'system', id: null, name: `${r.result.provider}/${r.result.model}` }, reason: `Wrote the ${r.purpose}: "${r.result.output.subject}"`, data: { decisionId: r.decisionId, messageId: message.id, status } });
      outcomes[r.index] = { status: 'done', value: message };
    }
    await tx.leads.appendTimeline(entries);
    if (status === 'queued') await tx.jobs.sendMany('message.send', [...written.keys()].map((messageId) => ({ tenantId: this.deps.tenantId, messageId })));
  }
}

export interface ComposeItem {
  leadId: string;
  step: number;
}

interface Prepared {
  index: number;
  lead: Lead;
  message: Message;
  purpose: 'outreach' | 'follow_up';
  step: number;
}

const purposeOf = (step: number): 'outreach' | 'follow_up' => (step === 0 ? 'outreach' : 'follow_up');
