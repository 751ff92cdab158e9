import type { ClassifyReplyInput } from '../ai/ai-assistant.ts';
import type { AnswerDraft, ReplyClassification } from '../ai/ai.types.ts';
import type { InboundMessage } from '../channels/channel.ts';
import type { Actor } from '../context.ts';
import { DomainError, ErrorCode, notFound } from '../errors.ts';
import { LeadStatus } from '../lifecycle/lead-lifecycle.ts';
import { TimelineKind, type Lead, type NewTimelineEntry } from '../leads/lead.types.ts';
import { callAi, decisionOf, type AiOutcome } from './ai-call.ts';
import { profileOf, settle, type AutopilotDeps, type StepOutcome } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { AiDecision, Message } from './autopilot.types.ts';
import { undoClassification } from './reply-correction.ts';
import { applyReplyEffects, type ReplyEffect } from './reply-effects.ts';

interface Classified {
  index: number;
  message: Message;
  lead: Lead | null;
  input: ClassifyReplyInput;
  outcome: AiOutcome<ReplyClassification>;
  answer: AiOutcome<AnswerDraft> | null;
}

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
    return settle((await this.classifyMany([messageId]))[0]);
  }

  /**
   * `classify` for a batch of jobs: one transaction reads the replies, the AI reads each of them
   * concurrently (outside any transaction), one transaction stores and applies the results.
   */
  async classifyMany(messageIds: readonly string[]): Promise<Array<StepOutcome<Message>>> {
    const outcomes: Array<StepOutcome<Message>> = messageIds.map(() => ({ status: 'skipped', reason: 'not reached' }));
    const { ready, sender } = await this.deps.uow.run(async (tx) => {
      const messages = new Map((await tx.messages.findMany(messageIds)).map((m) => [m.id, m]));
      const leads = new Map((await tx.leads.findByIds([...new Set([...messages.values()].flatMap((m) => (m.leadId ? [m.leadId] : [])))])).map((l) => [l.id, l]));
      const taken = new Set<string>();
      const ready: Array<{ index: number; message: Message; lead: Lead | null }> = [];
      messageIds.forEach((id, index) => {
        const message = messages.get(id);
        if (!message || message.direction !== 'in') return void (outcomes[index] = { status: 'skipped', reason: 'no such reply' });
        if (message.classification || taken.has(id)) return void (outcomes[index] = { status: 'skipped', reason: 'the reply is already classified' });
        taken.add(id);
        ready.push({ index, message, lead: message.leadId ? (leads.get(message.leadId) ?? null) : null });
      });
      return { ready, sender: ready.length ? (await tx.settings.get()).sender : null };
    });
    if (!ready.length) return outcomes;
    const { ai } = await this.deps.providers.resolve(this.deps.tenantId);
    const read = await Promise.all(
      ready.map(async (item) => {
        // Dates in the reply ("back Monday", "till 3 Jan") are read from the day it arrived, however late it is classified.
        const input: ClassifyReplyInput = {
          lead: item.lead ? profileOf(item.lead) : null, subject: item.message.subject, body: item.message.text ?? '', receivedAt: item.message.createdAt, senderEmail: sender?.email ?? null,
        };
        try {
          const outcome = await callAi(ai.id, () => ai.classifyReply(input));
          // A question gets an AI-drafted answer for the human who will send it.
          const answer = outcome.ok && outcome.result.output.intent === 'question' && item.lead && sender
            ? await callAi(ai.id, () => ai.draftAnswer({ lead: profileOf(item.lead as Lead), sender, question: input.body }))
            : null;
          return { ...item, input, outcome, answer };
        } catch (error) {
          outcomes[item.index] = { status: 'failed', error };
          return null;
        }
      }),
    );
    const results = read.filter((item) => item !== null);
    if (results.length) await this.deps.uow.run((tx) => this.apply(tx, results, outcomes));
    return outcomes;
  }

  private async apply(tx: TenantTx, results: Classified[], outcomes: Array<StepOutcome<Message>>): Promise<void> {
    const decisions = await tx.records.recordDecisions(
      results.map((r) => decisionOf(r.outcome, { kind: 'classify_reply', leadId: r.lead?.id ?? null, messageId: r.message.id, input: r.input, reasoning: (o) => o.reasoning })),
    );
    const actorOf = (d: AiDecision): Actor => ({ type: 'system', id: null, name: `${d.provider}/${d.model}` });
    const timeline: NewTimelineEntry[] = [];
    const classified = results.flatMap((r, i) => {
      const decision = decisions[i] as AiDecision;
      if (r.outcome.ok) return [{ ...r, classification: r.outcome.result.output, decision }];
      if (r.lead) timeline.push({ leadId: r.lead.id, kind: TimelineKind.FAILURE, actor: actorOf(decision), reason: `Classifying the reply failed: ${r.outcome.error}; the lead does not move`, data: { decisionId: decision.id, messageId: r.message.id } });
      outcomes[r.index] = { status: 'done', value: r.message };
      return [];
    });
    const updated = new Map((await tx.messages.updateMany(['received'], classified.map((r) => ({ id: r.message.id, classification: r.classification })))).map((m) => [m.id, m]));
    const effects: ReplyEffect[] = [];
    const answers = [];
    for (const r of classified) {
      const message = updated.get(r.message.id);
      if (!message) {
        outcomes[r.index] = { status: 'skipped', reason: 'the reply is already classified' };
        continue;
      }
      outcomes[r.index] = { status: 'done', value: message };
      if (!r.lead) continue;
      const c = r.classification;
      const actor = actorOf(r.decision);
      timeline.push({ leadId: r.lead.id, kind: TimelineKind.AI_DECISION, actor, reason: `Reply classified as ${c.intent} (${Math.round(c.confidence * 100)}%): ${c.reasoning}`, data: { decisionId: r.decision.id, messageId: message.id, ...c } });
      if (r.answer) answers.push(decisionOf(r.answer, { kind: 'draft_answer', leadId: r.lead.id, messageId: message.id, input: { question: r.input.body } }));
      effects.push({ leadId: r.lead.id, reply: message, classification: c, actor, answerDraft: r.answer?.ok ? r.answer.result.output.text : null });
    }
    await tx.leads.appendTimeline(timeline);
    await tx.records.recordDecisions(answers);
    await applyReplyEffects(tx, this.deps, effects);
  }

  /**
   * A user's correction: logged as a decision; what the old classification did is undone where it
   * can be (a lead it closed is reopened, its suppressions lifted), then the new intent's effect applied.
   */
  async correct(messageId: string, intent: ReplyClassification['intent'], actor: Actor, options: { mayReopen: boolean; mayMarkInterested: boolean }): Promise<Message> {
    return this.deps.uow.run(async (tx) => {
      const message = await tx.messages.find(messageId, { forUpdate: true });
      // Any other id (an outgoing message's, another tenant's, none) is a reply that does not exist.
      if (!message || message.direction !== 'in') throw notFound('Reply', messageId);
      if (!options.mayMarkInterested && (intent === 'interested' || intent === 'asking_price') && message.leadId) {
        const lead = await tx.leads.findById(message.leadId);
        if (lead?.status === LeadStatus.CONTACTED) {
          throw new DomainError(ErrorCode.FORBIDDEN, 'Correcting this reply to buying intent would mark the lead interested, which only an owner or admin may do.', { reason: 'ACCESS', permission: 'override_lifecycle' });
        }
      }
      const previous = message.classification;
      const classification: ReplyClassification & { corrected: boolean } = {
        intent, sentiment: previous?.sentiment ?? 'neutral', confidence: 1, reasoning: `Corrected by ${actor.name}${previous ? ` (was ${previous.intent})` : ''}`,
        language: previous?.language ?? 'en', returnDate: previous?.returnDate ?? null, referral: previous?.referral ?? null, corrected: true,
      };
      await tx.records.recordDecision({ kind: 'correction', leadId: message.leadId, messageId, status: 'ok', provider: actor.type, model: actor.name, input: { previous }, output: classification, reasoning: classification.reasoning, error: null, attempts: 1, latencyMs: 0 });
      const updated = (await tx.messages.update(messageId, ['received'], { classification })) as Message;
      const reason = `Classification corrected to ${intent}${previous ? ` (was ${previous.intent})` : ''}`;
      if (message.leadId) await tx.leads.appendTimeline([{ leadId: message.leadId, kind: TimelineKind.AI_DECISION, actor, reason, data: { messageId, corrected: true, intent } }]);
      if (previous && previous.intent !== intent) await undoClassification(tx, message, { actor, mayReopen: options.mayReopen, reason });
      if (message.leadId) {
        await applyReplyEffects(tx, this.deps, [{ leadId: message.leadId, reply: updated, classification, actor }]);
      }
      return updated;
    });
  }
}
