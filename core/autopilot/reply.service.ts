import type { ReplyClassification } from '../ai/ai.types.ts';
import type { InboundMessage } from '../channels/channel.ts';
import type { Actor } from '../context.ts';
import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { callAi, decisionOf } from './ai-call.ts';
import { profileOf, StepSkipped, type AutopilotDeps } from './autopilot.deps.ts';
import type { Message } from './autopilot.types.ts';
import { applyReplyEffects } from './reply-effects.ts';

const MAX_STORED_BODY = 100_000;

/** Replies: threaded to their lead, stored, classified by the AI, and acted on. */
export class ReplyService {
  constructor(private readonly deps: AutopilotDeps) {}

  /** Stores an inbound email once (by its Message-ID) and queues its classification. */
  async ingest(inbound: InboundMessage, via: string): Promise<{ message: Message; lead: Lead | null; duplicate: boolean }> {
    return this.deps.uow.run(async (tx) => {
      const thread = await tx.messages.findByRfcIds([inbound.inReplyTo, ...inbound.references].filter((id): id is string => Boolean(id)));
      const lead = thread?.leadId ? await tx.leads.findById(thread.leadId) : await tx.leads.findByEmail(inbound.from.email.toLowerCase());
      const { message, inserted } = await tx.messages.createInbound({
        leadId: lead?.id ?? null, direction: 'in', purpose: 'reply', step: 0, status: 'received', subject: inbound.subject,
        text: inbound.text.slice(0, MAX_STORED_BODY), html: inbound.html?.slice(0, MAX_STORED_BODY) ?? null,
        fromAddress: inbound.from.email.toLowerCase(), toAddress: inbound.to[0] ?? null,
        // Without a Message-ID (rare), the reply cannot be recognised when redelivered: give it one.
        rfcMessageId: inbound.messageId ?? `<in-${this.deps.now().getTime()}-${Math.random().toString(36).slice(2)}@inbound>`,
        inReplyTo: inbound.inReplyTo, references: inbound.references, provider: via,
      });
      if (!inserted) return { message, lead, duplicate: true };
      if (lead) {
        await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.MESSAGE_IN, actor: { type: 'provider', id: null, name: via }, reason: `Reply from ${inbound.from.email}: "${inbound.subject ?? ''}"`, data: { messageId: message.id } }]);
      }
      await tx.jobs.send('reply.classify', { tenantId: this.deps.tenantId, messageId: message.id });
      return { message, lead, duplicate: false };
    });
  }

  /** Classifies a stored reply with the tenant's AI and applies what it means. Runs once per reply. */
  async classify(messageId: string): Promise<Message> {
    const prepared = await this.deps.uow.run(async (tx) => {
      const message = await tx.messages.find(messageId);
      if (!message || message.direction !== 'in') throw new StepSkipped('no such reply');
      if (message.classification) throw new StepSkipped('the reply is already classified');
      const lead = message.leadId ? await tx.leads.findById(message.leadId) : null;
      return { message, lead };
    });
    const { ai } = await this.deps.providers.resolve(this.deps.tenantId);
    const input = { lead: prepared.lead ? profileOf(prepared.lead) : null, subject: prepared.message.subject, body: prepared.message.text ?? '' };
    const outcome = await callAi(ai.id, () => ai.classifyReply(input));
    // A question gets an AI-drafted answer for the human who will send it (written outside the transaction).
    const settings = await this.deps.uow.run((tx) => tx.settings.get());
    const answer =
      outcome.ok && outcome.result.output.intent === 'question' && prepared.lead
        ? await callAi(ai.id, () => ai.draftAnswer({ lead: profileOf(prepared.lead as Lead), sender: settings.sender, question: input.body }))
        : null;
    return this.deps.uow.run(async (tx) => {
      const decision = await tx.records.recordDecision(decisionOf(outcome, { kind: 'classify_reply', leadId: prepared.lead?.id ?? null, messageId, input, reasoning: (o) => o.reasoning }));
      const actor: Actor = { type: 'system', id: null, name: `${decision.provider}/${decision.model}` };
      if (!outcome.ok) {
        if (prepared.lead) await tx.leads.appendTimeline([{ leadId: prepared.lead.id, kind: TimelineKind.FAILURE, actor, reason: `Classifying the reply failed: ${outcome.error}; the lead does not move`, data: { decisionId: decision.id, messageId } }]);
        return prepared.message;
      }
      const classification = outcome.result.output;
      const updated = await tx.messages.update(messageId, ['received'], { classification });
      if (!updated) throw new StepSkipped('the reply is already classified');
      if (prepared.lead) {
        await tx.leads.appendTimeline([{ leadId: prepared.lead.id, kind: TimelineKind.AI_DECISION, actor, reason: `Reply classified as ${classification.intent} (${Math.round(classification.confidence * 100)}%): ${classification.reasoning}`, data: { decisionId: decision.id, messageId, ...classification } }]);
        if (answer) await tx.records.recordDecision(decisionOf(answer, { kind: 'draft_answer', leadId: prepared.lead.id, messageId, input: { question: input.body } }));
        await applyReplyEffects(tx, this.deps, prepared.lead.id, updated, classification, actor, { answerDraft: answer?.ok ? answer.result.output.text : null });
      }
      return updated;
    });
  }

  /** A user's correction: logged as a decision, and the effect of the new intent applied. */
  async correct(messageId: string, intent: ReplyClassification['intent'], actor: Actor): Promise<Message> {
    return this.deps.uow.run(async (tx) => {
      const message = await tx.messages.find(messageId, { forUpdate: true });
      if (!message || message.direction !== 'in') throw new StepSkipped('no such reply');
      const previous = message.classification;
      const classification: ReplyClassification & { corrected: boolean } = {
        intent, sentiment: previous?.sentiment ?? 'neutral', confidence: 1, reasoning: `Corrected by ${actor.name}${previous ? ` (was ${previous.intent})` : ''}`,
        language: previous?.language ?? 'en', returnDate: previous?.returnDate ?? null, referral: previous?.referral ?? null, corrected: true,
      };
      await tx.records.recordDecision({ kind: 'correction', leadId: message.leadId, messageId, status: 'ok', provider: actor.type, model: actor.name, input: { previous }, output: classification, reasoning: classification.reasoning, error: null, attempts: 1, latencyMs: 0 });
      const updated = (await tx.messages.update(messageId, ['received'], { classification })) as Message;
      if (message.leadId) {
        await tx.leads.appendTimeline([{ leadId: message.leadId, kind: TimelineKind.AI_DECISION, actor, reason: `Classification corrected to ${intent}${previous ? ` (was ${previous.intent})` : ''}`, data: { messageId, corrected: true, intent } }]);
        await applyReplyEffects(tx, this.deps, message.leadId, updated, classification, actor);
      }
      return updated;
    });
  }
}
