import type { ReplyClassification } from '../ai/ai.types.ts';
import type { AutopilotDeps } from '../autopilot/autopilot.deps.ts';
import type { TenantTx } from '../autopilot/autopilot.ports.ts';
import type { Message } from '../autopilot/autopilot.types.ts';
import type { Actor } from '../context.ts';
import { moveLead } from '../leads/lead-moves.ts';
import { TimelineKind, type Lead } from '../leads/lead.types.ts';
import { LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { InboundTextMessage } from './channel.ts';
import { channelName } from './channel-choice.ts';
import { keywordOf, type KeywordIntent } from './opt-out.ts';

const MAX_STORED_TEXT = 100_000;
const OPEN = new Set<string>([LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.INTERESTED, LeadStatus.PROPOSAL_SENT]);

export interface ReceivedText {
  message: Message;
  lead: Lead | null;
  /** A redelivery of a message stored before (same provider id): nothing was done again. */
  duplicate: boolean;
  /** STOP or START (and their equivalents), acted on without the AI. */
  keyword: KeywordIntent | null;
}

/**
 * Texts from leads (SMS, WhatsApp), whatever the provider: stored once by the provider's id, threaded
 * to the lead we last wrote to at that number (else the newest lead with it), then read by the AI as
 * an email reply is. STOP and its equivalents suppress the number on every channel at once, and START
 * lifts that: keywords are acted on here, never guessed by the AI.
 */
export class InboundTextService {
  constructor(private readonly deps: AutopilotDeps) {}

  receive(inbound: InboundTextMessage): Promise<ReceivedText> {
    return this.deps.uow.run(async (tx) => {
      const threadLead = await tx.messages.lastTextThread(inbound.from);
      const lead = threadLead ? await tx.leads.findById(threadLead) : await tx.leads.findByPhone(inbound.from);
      // Media are kept as links in the text: nothing the contact sent is dropped.
      const text = [inbound.text.slice(0, MAX_STORED_TEXT), ...inbound.media.map((m) => `[${m.contentType ?? 'attachment'}: ${m.url}]`)].filter(Boolean).join('\n');
      const { message, inserted } = await tx.messages.createInboundText({
        leadId: lead?.id ?? null, direction: 'in', purpose: 'reply', step: 0, status: 'received', channel: inbound.channel, provider: inbound.provider,
        providerMessageId: inbound.providerMessageId, text, fromAddress: inbound.from, toAddress: inbound.to,
      });
      if (!inserted) return { message, lead, duplicate: true, keyword: null };
      const actor: Actor = { type: 'provider', id: null, name: inbound.provider };
      const via = channelName(inbound.channel);
      if (lead) {
        await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.MESSAGE_IN, actor, reason: `${via} from ${inbound.from}: "${quote(text)}"`, data: { messageId: message.id, channel: inbound.channel } }]);
      }
      const keyword = keywordOf(inbound.text);
      if (keyword === 'opt_out') return { message: await this.optOut(tx, inbound, message, lead, actor), lead, duplicate: false, keyword };
      if (keyword === 'opt_in' && (await tx.records.liftOptOut(inbound.from))) {
        if (lead) await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.NOTE, actor, reason: `${inbound.from} opted back in by replying "${quote(inbound.text, 40)}" by ${via}: messages may go to this number again (a lost lead stays lost until a person reopens it)`, data: { messageId: message.id } }]);
        return { message, lead, duplicate: false, keyword };
      }
      await tx.jobs.send('reply.classify', { tenantId: this.deps.tenantId, messageId: message.id });
      return { message, lead, duplicate: false, keyword: null };
    });
  }

  /** STOP: the number is suppressed for good (its own act: only its START lifts it), the reply marked as an unsubscribe, the open lead lost. */
  private async optOut(tx: TenantTx, inbound: InboundTextMessage, message: Message, lead: Lead | null, actor: Actor): Promise<Message> {
    await tx.records.suppress(inbound.from, 'opt_out', lead?.id ?? null);
    const classification: ReplyClassification = {
      intent: 'unsubscribe', sentiment: 'neutral', confidence: 1, reasoning: `Opt-out keyword "${quote(inbound.text, 40)}": acted on without the AI`,
      language: /[\u0900-\u097F]/.test(inbound.text) ? 'hi' : /^\s*(stop|stopall|unsubscribe|end|quit|cancel|opt.?out|revoke)\b/i.test(inbound.text) ? 'en' : 'hinglish',
      returnDate: null, referral: null,
    };
    const classified = (await tx.messages.update(message.id, ['received'], { classification })) ?? message;
    if (!lead) return classified;
    await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.NOTE, actor, reason: `Opted out by replying "${quote(inbound.text, 40)}" by ${channelName(inbound.channel)}: nothing will be sent to ${inbound.from} again, by SMS or WhatsApp (a START from that number lifts it)`, data: { messageId: message.id, suppressed: inbound.from } }]);
    const current = await tx.leads.findById(lead.id, { forUpdate: true });
    if (current && OPEN.has(current.status)) await moveLead(tx.leads, current, LeadStatus.LOST, TransitionTrigger.ASKED_TO_UNSUBSCRIBE, actor, `Replied "${quote(inbound.text, 40)}" (opt-out)`, { messageId: message.id });
    return classified;
  }
}

function quote(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
