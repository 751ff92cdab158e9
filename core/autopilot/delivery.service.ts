import { ChannelError, sendAll, type ChannelKind, type SendReceipt } from '../channels/channel.ts';
import { channelName } from '../channels/channel-choice.ts';
import { templateSummary, whatsappSendDecision, type WhatsAppTemplate } from '../channels/whatsapp-window.ts';
import { TimelineKind, type Lead, type NewTimelineEntry } from '../leads/lead.types.ts';
import { moveLeads, type LeadMove } from '../leads/lead-moves.ts';
import { LeadAction, LeadStatus, TransitionTrigger, isActionAllowed, type LeadStatus as Status } from '../lifecycle/lead-lifecycle.ts';
import { autopilotActor, channelOf, settle, type AutopilotDeps, type StepOutcome } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { Message } from './autopilot.types.ts';
import { outboundMessage } from './outbound-message.ts';
import { closeUnreachable } from './unreachable.ts';

/** The action a message of each purpose needs from the lead's state. */
function actionFor(message: Message, status: Status): LeadAction | null {
  switch (message.purpose) {
    case 'outreach':
      return LeadAction.SEND_OUTREACH;
    case 'follow_up':
      return LeadAction.SEND_FOLLOW_UP;
    case 'proposal':
      return status === LeadStatus.PROPOSAL_SENT ? LeadAction.MODIFY_PROPOSAL : LeadAction.SEND_PROPOSAL;
    case 'welcome':
      return LeadAction.ONBOARD;
    case 'answer':
      return status === LeadStatus.PAID ? LeadAction.MANAGE_CLIENT : LeadAction.ADD_NOTE;
    default:
      return null;
  }
}

const startOfNextUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));

interface Claimed {
  index: number;
  message: Message;
  lead: Lead;
  /** WhatsApp outside its 24-hour window: the approved template that goes instead of the text. */
  template: WhatsAppTemplate | null;
}

type Accepted = Claimed & { provider: string; providerMessageId: string | null; sentText: string | null };

/** Hands queued messages to the channel, once, and moves the lead when the channel accepts. */
export class DeliveryService {
  constructor(
    private readonly deps: AutopilotDeps,
    private readonly messageDomain: string,
  ) {}

  async deliver(messageId: string): Promise<Message> {
    return settle((await this.deliverMany([messageId]))[0]);
  }

  /**
   * `deliver` for a batch of jobs: one transaction claims them all, the channel takes them (in one
   * call when it can), one transaction records the outcome. One outcome per id, in order.
   */
  async deliverMany(messageIds: readonly string[]): Promise<Array<StepOutcome<Message>>> {
    const outcomes: Array<StepOutcome<Message>> = messageIds.map(() => ({ status: 'skipped', reason: 'not reached' }));
    const { claimed, settings } = await this.deps.uow.run((tx) => this.claim(tx, messageIds, outcomes));
    if (!claimed.length) return outcomes;
    const providers = await this.deps.providers.resolve(this.deps.tenantId);
    const accepted: Accepted[] = [];
    const refused: Array<Claimed & { error: ChannelError }> = [];
    // Each channel takes its own messages (in one call when it can); the channels go at once.
    const byChannel = new Map<ChannelKind, Claimed[]>();
    for (const c of claimed) byChannel.set(c.message.channel, [...(byChannel.get(c.message.channel) ?? []), c]);
    await Promise.all(
      [...byChannel].map(async ([kind, items]) => {
        const channel = channelOf(providers, kind);
        // The tenant turned the channel off after the message was written.
        if (!channel) return void items.forEach((c) => refused.push({ ...c, error: new ChannelError(`this workspace no longer sends by ${channelName(kind)}`, false) }));
        const unsubscribe = (lead: Lead) => this.deps.links.unsubscribeUrl(this.deps.tenantId, lead.id);
        const outbound = items.map((c) => outboundMessage(c.message, c.lead, settings, unsubscribe(c.lead), c.template));
        const results = await sendAll(channel, outbound);
        items.forEach((c, i) => {
          const result = results[i] as PromiseSettledResult<SendReceipt>;
          // A template went instead of the AI's text: the message records what the contact got (the AI's draft stays in its decision).
          const template = outbound[i]?.template;
          if (result.status === 'fulfilled') accepted.push({ ...c, provider: channel.id, providerMessageId: result.value.providerMessageId, sentText: template ? templateSummary(template) : null });
          else if (result.reason instanceof ChannelError && !result.reason.retryable) refused.push({ ...c, error: result.reason });
          // Anything else (an outage, a timeout): the message stays "sending" and its job retries.
          else outcomes[c.index] = { status: 'failed', error: result.reason };
        });
      }),
    );
    if (!accepted.length && !refused.length) return outcomes;
    await this.deps.uow.run(async (tx) => {
      await this.accepted(tx, accepted, outcomes);
      await this.refused(tx, refused, outcomes);
    });
    return outcomes;
  }

  /** Checks everything that could stop each send, then marks the ones that go as being sent. */
  private async claim(tx: TenantTx, ids: readonly string[], outcomes: Array<StepOutcome<Message>>) {
    const messages = new Map((await tx.messages.findMany(ids, { forUpdate: true })).map((m) => [m.id, m]));
    const leadIds = [...new Set([...messages.values()].flatMap((m) => (m.leadId ? [m.leadId] : [])))];
    const leads = new Map((await tx.leads.findByIds(leadIds)).map((lead) => [lead.id, lead]));
    // An email goes to an email address, a text to the lead's number (E.164): one suppression list holds both.
    const addressOf = (m: Message) => m.toAddress ?? (m.leadId ? ((m.channel === 'email' ? leads.get(m.leadId)?.email : leads.get(m.leadId)?.phone) ?? null) : null);
    const addresses = [...messages.values()].flatMap((m) => addressOf(m) ?? []);
    const suppressed = await tx.records.suppressedAmong(addresses);
    const settings = await tx.settings.get();
    const whatsappLeads = [...messages.values()].flatMap((m) => (m.channel === 'whatsapp' && m.leadId ? [m.leadId] : []));
    const lastInbound = await tx.messages.lastInboundAt(whatsappLeads, 'whatsapp');
    const now = this.deps.now();
    const stopped: Array<{ id: string; status: 'failed' | 'suppressed'; error: string }> = [];
    const timeline: NewTimelineEntry[] = [];
    const candidates: Array<Claimed & { to: string }> = [];
    const taken = new Set<string>();
    ids.forEach((id, index) => {
      const skipped = (reason: string) => void (outcomes[index] = { status: 'skipped', reason });
      const message = messages.get(id);
      if (!message || message.direction !== 'out') return skipped('no such outbound message');
      if (!['queued', 'sending'].includes(message.status)) return skipped(`the message is ${message.status}`);
      if (taken.has(id)) return skipped('a duplicate job in the same batch');
      taken.add(id);
      const lead = message.leadId ? leads.get(message.leadId) : undefined;
      if (!lead) return skipped('the lead no longer exists');
      const action = actionFor(message, lead.status);
      if (!action || !isActionAllowed(lead.status, action)) {
        stopped.push({ id, status: 'failed', error: `not sent: the lead is ${lead.status}` });
        return skipped(`${message.purpose} is not allowed on a ${lead.status} lead`);
      }
      const to = addressOf(message);
      if (!to || suppressed.has(to.toLowerCase())) {
        const missing = message.channel === 'email' ? 'no email address' : 'no phone number';
        stopped.push({ id, status: 'suppressed', error: to ? `${to} is on the suppression list` : `the lead has ${missing}` });
        timeline.push({ leadId: lead.id, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: to ? `Not sent: ${to} is suppressed` : `Not sent: ${missing}`, data: { messageId: id } });
        return skipped('suppressed');
      }
      // WhatsApp's 24-hour rule: free-form text inside the window, else the approved template, else nothing.
      const decision = message.channel === 'whatsapp' ? whatsappSendDecision(lastInbound.get(lead.id) ?? null, now, settings.whatsappTemplate) : null;
      if (decision?.kind === 'none') {
        stopped.push({ id, status: 'failed', error: `not sent: ${decision.reason}` });
        timeline.push({ leadId: lead.id, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `The ${message.purpose.replace('_', ' ')} was not sent by WhatsApp: ${decision.reason}`, data: { messageId: id, channel: 'whatsapp', rule: 'whatsapp_24h' } });
        return skipped('outside the WhatsApp 24-hour window, with no template');
      }
      candidates.push({ index, message, lead, to, template: decision?.kind === 'template' ? decision.template : null });
    });
    await tx.messages.updateMany(['queued', 'sending'], stopped);
    await tx.leads.appendTimeline(timeline);
    // The daily limit: each fresh message takes a slot; a retry of one already "sending" has its own.
    const fresh = candidates.filter((c) => c.message.status === 'queued');
    const granted = await tx.messages.reserveSends(now.toISOString().slice(0, 10), fresh.length, settings.dailySendLimit);
    const deferred = new Set(fresh.slice(granted).map((c) => c.index));
    for (const index of deferred) outcomes[index] = { status: 'deferred', reason: `the daily send limit of ${settings.dailySendLimit} is reached`, retryAt: startOfNextUtcDay(now) };
    const going = candidates.filter((c) => !deferred.has(c.index));
    const sending = new Map(
      (await tx.messages.updateMany(['queued', 'sending'], going.map((c) => ({ id: c.message.id, status: 'sending' as const, rfcMessageId: c.message.rfcMessageId ?? `<${c.message.id}@${this.messageDomain}>`, toAddress: c.to })))).map((m) => [m.id, m]),
    );
    const claimed = going.flatMap((c) => {
      const message = sending.get(c.message.id);
      return message ? [{ index: c.index, message, lead: c.lead, template: c.template }] : [];
    });
    return { claimed, settings };
  }

  /** The channel took them: record, and make the moves these messages stand for. */
  private async accepted(tx: TenantTx, items: Accepted[], outcomes: Array<StepOutcome<Message>>): Promise<void> {
    if (!items.length) return;
    const now = this.deps.now();
    const sent = new Map((await tx.messages.updateMany(['sending'], items.map((i) => ({ id: i.message.id, status: 'sent' as const, provider: i.provider, providerMessageId: i.providerMessageId, sentAt: now })))).map((m) => [m.id, m]));
    const templated = items.filter((i) => i.sentText !== null && sent.has(i.message.id));
    for (const m of await tx.messages.updateMany(['sent'], templated.map((i) => ({ id: i.message.id, text: i.sentText, html: null })))) sent.set(m.id, m);
    const leads = new Map((await tx.leads.findByIds([...new Set(items.map((i) => i.lead.id))], { forUpdate: true })).map((lead) => [lead.id, lead]));
    const timeline: NewTimelineEntry[] = [];
    const moves = new Map<string, LeadMove>();
    for (const item of items) {
      const message = sent.get(item.message.id);
      const lead = leads.get(item.lead.id);
      if (!message || !lead) {
        outcomes[item.index] = { status: 'skipped', reason: 'the message was already marked sent' };
        continue;
      }
      outcomes[item.index] = { status: 'done', value: message };
      timeline.push({ leadId: lead.id, kind: TimelineKind.MESSAGE_OUT, actor: autopilotActor, reason: sentReason(message, item.template), data: { messageId: message.id, channel: item.provider, via: message.channel, to: message.toAddress, ...(item.template ? { templateSid: item.template.contentSid } : {}) } });
      if (message.purpose === 'outreach' && lead.status === LeadStatus.NEW) {
        moves.set(lead.id, { lead, to: LeadStatus.CONTACTED, trigger: TransitionTrigger.OUTREACH_SENT, actor: autopilotActor, reason: `First outreach accepted by ${item.provider}` });
      }
      if (message.purpose === 'proposal' && message.proposalId) {
        // One proposal per lead at a time: these are few, so one statement each.
        await tx.records.updateProposal(message.proposalId, { status: 'sent', sentAt: now });
        if (lead.status === LeadStatus.INTERESTED) {
          moves.set(lead.id, { lead, to: LeadStatus.PROPOSAL_SENT, trigger: TransitionTrigger.PROPOSAL_SENT, actor: autopilotActor, reason: 'Proposal sent with a payment link' });
        }
      }
    }
    await tx.leads.appendTimeline(timeline);
    await moveLeads(tx.leads, [...moves.values()]);
  }

  /** Permanent refusals (invalid or bouncing addresses, opted-out numbers) suppress the address and lose the lead. Rare: one by one. */
  private async refused(tx: TenantTx, items: Array<Claimed & { error: ChannelError }>, outcomes: Array<StepOutcome<Message>>): Promise<void> {
    for (const { index, message, lead, error } of items) {
      await tx.messages.update(message.id, ['sending', 'queued'], { status: 'failed', error: error.message });
      await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `The channel refused the ${message.purpose}: ${error.message}`, data: { messageId: message.id } }]);
      if (error.permanent && message.toAddress) {
        await closeUnreachable(tx, lead.id, message.toAddress, error.suppressAs, { type: 'provider', id: null, name: message.provider ?? 'channel' }, error.message);
      }
      outcomes[index] = { status: 'skipped', reason: `the channel refused the message: ${error.message}` };
    }
  }
}

/** The timeline's line for a message the channel took. */
function sentReason(message: Message, template: WhatsAppTemplate | null): string {
  const what = message.purpose.replace('_', ' ');
  if (message.channel === 'email') return `Sent ${what}: "${message.subject ?? ''}"`;
  const how = template ? ` as the approved template ${template.contentSid} (outside WhatsApp's 24-hour window, free-form text cannot go)` : '';
  return `Sent ${what} by ${channelName(message.channel)} to ${message.toAddress}${how}`;
}
