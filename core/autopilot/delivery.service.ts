import { ChannelError, sendAll, type OutboundMessage, type SendReceipt } from '../channels/channel.ts';
import { TimelineKind, type Lead, type NewTimelineEntry } from '../leads/lead.types.ts';
import { moveLead, moveLeads, type LeadMove } from '../leads/lead-moves.ts';
import { LeadAction, LeadStatus, TransitionTrigger, isActionAllowed, type LeadStatus as Status } from '../lifecycle/lead-lifecycle.ts';
import { autopilotActor, settle, type AutopilotDeps, type StepOutcome } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { Message, TenantSettings } from './autopilot.types.ts';

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
}

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
    const { channel } = await this.deps.providers.resolve(this.deps.tenantId);
    const results = await sendAll(channel, claimed.map((c) => this.outbound(c.message, c.lead, settings)));
    const accepted: Array<Claimed & { providerMessageId: string | null }> = [];
    const refused: Array<Claimed & { error: ChannelError }> = [];
    claimed.forEach((c, i) => {
      const result = results[i] as PromiseSettledResult<SendReceipt>;
      if (result.status === 'fulfilled') accepted.push({ ...c, providerMessageId: result.value.providerMessageId });
      else if (result.reason instanceof ChannelError && !result.reason.retryable) refused.push({ ...c, error: result.reason });
      // Anything else (an outage, a timeout): the message stays "sending" and its job retries.
      else outcomes[c.index] = { status: 'failed', error: result.reason };
    });
    if (!accepted.length && !refused.length) return outcomes;
    await this.deps.uow.run(async (tx) => {
      await this.accepted(tx, accepted, channel.id, outcomes);
      await this.refused(tx, refused, outcomes);
    });
    return outcomes;
  }

  /** Checks everything that could stop each send, then marks the ones that go as being sent. */
  private async claim(tx: TenantTx, ids: readonly string[], outcomes: Array<StepOutcome<Message>>) {
    const messages = new Map((await tx.messages.findMany(ids, { forUpdate: true })).map((m) => [m.id, m]));
    const leadIds = [...new Set([...messages.values()].flatMap((m) => (m.leadId ? [m.leadId] : [])))];
    const leads = new Map((await tx.leads.findByIds(leadIds)).map((lead) => [lead.id, lead]));
    const addresses = [...messages.values()].flatMap((m) => (m.toAddress ?? (m.leadId ? leads.get(m.leadId)?.email : null)) ?? []);
    const suppressed = await tx.records.suppressedAmong(addresses);
    const settings = await tx.settings.get();
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
      const to = message.toAddress ?? lead.email;
      if (!to || suppressed.has(to.toLowerCase())) {
        stopped.push({ id, status: 'suppressed', error: to ? `${to} is on the suppression list` : 'the lead has no email address' });
        timeline.push({ leadId: lead.id, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: to ? `Not sent: ${to} is suppressed` : 'Not sent: no email address', data: { messageId: id } });
        return skipped('suppressed');
      }
      candidates.push({ index, message, lead, to });
    });
    await tx.messages.updateMany(['queued', 'sending'], stopped);
    await tx.leads.appendTimeline(timeline);
    // The daily limit: each fresh message takes a slot; a retry of one already "sending" has its own.
    const now = this.deps.now();
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
      return message ? [{ index: c.index, message, lead: c.lead }] : [];
    });
    return { claimed, settings };
  }

  private outbound(message: Message, lead: Lead, settings: TenantSettings): OutboundMessage {
    const unsubscribe = this.deps.links.unsubscribeUrl(this.deps.tenantId, lead.id);
    const footer = `\n\n--\nDon't want these emails? Unsubscribe: ${unsubscribe}`;
    const htmlFooter = `<hr><p style="font-size:12px;color:#666">Don't want these emails? <a href="${unsubscribe}">Unsubscribe</a></p>`;
    return {
      messageId: message.rfcMessageId as string,
      to: { email: message.toAddress, phone: lead.phone, name: lead.contactName },
      from: { email: settings.sender.email, name: `${settings.sender.name}, ${settings.sender.company}` },
      replyTo: settings.sender.email,
      subject: message.subject,
      text: `${message.text ?? ''}${footer}`,
      html: message.html ? `${message.html}${htmlFooter}` : null,
      headers: {
        'Message-ID': message.rfcMessageId as string,
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  /** The channel took them: record, and make the moves these messages stand for. */
  private async accepted(tx: TenantTx, items: Array<Claimed & { providerMessageId: string | null }>, provider: string, outcomes: Array<StepOutcome<Message>>): Promise<void> {
    if (!items.length) return;
    const now = this.deps.now();
    const sent = new Map((await tx.messages.updateMany(['sending'], items.map((i) => ({ id: i.message.id, status: 'sent' as const, provider, providerMessageId: i.providerMessageId, sentAt: now })))).map((m) => [m.id, m]));
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
      timeline.push({ leadId: lead.id, kind: TimelineKind.MESSAGE_OUT, actor: autopilotActor, reason: `Sent ${message.purpose.replace('_', ' ')}: "${message.subject ?? ''}"`, data: { messageId: message.id, channel: provider, to: message.toAddress } });
      if (message.purpose === 'outreach' && lead.status === LeadStatus.NEW) {
        moves.set(lead.id, { lead, to: LeadStatus.CONTACTED, trigger: TransitionTrigger.OUTREACH_SENT, actor: autopilotActor, reason: `First outreach accepted by ${provider}` });
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

  /** Permanent refusals (invalid or bouncing addresses) suppress the address and lose the lead. Rare: one by one. */
  private async refused(tx: TenantTx, items: Array<Claimed & { error: ChannelError }>, outcomes: Array<StepOutcome<Message>>): Promise<void> {
    for (const { index, message, lead, error } of items) {
      await tx.messages.update(message.id, ['sending', 'queued'], { status: 'failed', error: error.message });
      await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `The channel refused the ${message.purpose}: ${error.message}`, data: { messageId: message.id } }]);
      if (error.permanent && message.toAddress) {
        await tx.records.suppress(message.toAddress, 'bounce', lead.id);
        const current = await tx.leads.findById(lead.id, { forUpdate: true });
        if (current && current.status !== LeadStatus.PAID && current.status !== LeadStatus.LOST) {
          await moveLead(tx.leads, current, LeadStatus.LOST, TransitionTrigger.HARD_BOUNCE, { type: 'provider', id: null, name: message.provider ?? 'channel' }, error.message);
        }
      }
      outcomes[index] = { status: 'skipped', reason: `the channel refused the message: ${error.message}` };
    }
  }
}
