import { ChannelError, type OutboundMessage } from '../channels/channel.ts';
import type { Lead } from '../leads/lead.types.ts';
import { TimelineKind } from '../leads/lead.types.ts';
import { moveLead } from '../leads/lead-moves.ts';
import { LeadAction, LeadStatus, TransitionTrigger, isActionAllowed, type LeadStatus as Status } from '../lifecycle/lead-lifecycle.ts';
import { autopilotActor, skip, StepDeferred, StepSkipped, unlessSkipped, type AutopilotDeps } from './autopilot.deps.ts';
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

/** Hands queued messages to the channel, once, and moves the lead when the channel accepts. */
export class DeliveryService {
  constructor(
    private readonly deps: AutopilotDeps,
    private readonly messageDomain: string,
  ) {}

  async deliver(messageId: string): Promise<Message> {
    const claimed = unlessSkipped(await this.deps.uow.run((tx) => this.claim(tx, messageId)));
    const { channel } = await this.deps.providers.resolve(this.deps.tenantId);
    const outbound = this.outbound(claimed.message, claimed.lead, claimed.settings);
    try {
      const receipt = await channel.send(outbound);
      return await this.deps.uow.run((tx) => this.accepted(tx, claimed.message, channel.id, receipt.providerMessageId));
    } catch (error) {
      if (!(error instanceof ChannelError) || error.retryable) throw error;
      await this.deps.uow.run((tx) => this.rejected(tx, claimed.message, claimed.lead, error));
      throw new StepSkipped(`the channel refused the message: ${error.message}`);
    }
  }

  /** Checks everything that could stop the send, then marks the message as being sent. */
  private async claim(tx: TenantTx, messageId: string) {
    const message = await tx.messages.find(messageId, { forUpdate: true });
    if (!message || message.direction !== 'out') throw new StepSkipped('no such outbound message');
    if (!['queued', 'sending'].includes(message.status)) throw new StepSkipped(`the message is ${message.status}`);
    const lead = message.leadId ? await tx.leads.findById(message.leadId) : null;
    if (!lead) throw new StepSkipped('the lead no longer exists');
    const action = actionFor(message, lead.status);
    if (!action || !isActionAllowed(lead.status, action)) {
      await tx.messages.update(message.id, ['queued', 'sending'], { status: 'failed', error: `not sent: the lead is ${lead.status}` });
      return skip(`${message.purpose} is not allowed on a ${lead.status} lead`);
    }
    const to = message.toAddress ?? lead.email;
    if (!to || (await tx.records.isSuppressed(to))) {
      await tx.messages.update(message.id, ['queued', 'sending'], { status: 'suppressed', error: to ? `${to} is on the suppression list` : 'the lead has no email address' });
      await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: to ? `Not sent: ${to} is suppressed` : 'Not sent: no email address', data: { messageId } }]);
      return skip('suppressed');
    }
    const settings = await tx.settings.get();
    const now = this.deps.now();
    if (message.status === 'queued' && (await tx.messages.sentSince(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())))) >= settings.dailySendLimit) {
      throw new StepDeferred(`the daily send limit of ${settings.dailySendLimit} is reached`, startOfNextUtcDay(now));
    }
    const rfcMessageId = message.rfcMessageId ?? `<${message.id}@${this.messageDomain}>`;
    const sending = await tx.messages.update(message.id, ['queued', 'sending'], { status: 'sending', rfcMessageId, toAddress: to });
    return { message: sending as Message, lead, settings };
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

  /** The channel took it: record, and make the move this message stands for. */
  private async accepted(tx: TenantTx, message: Message, provider: string, providerMessageId: string | null): Promise<Message> {
    const sent = await tx.messages.update(message.id, ['sending'], { status: 'sent', provider, providerMessageId, sentAt: this.deps.now() });
    if (!sent) throw new StepSkipped('the message was already marked sent');
    const lead = (await tx.leads.findById(sent.leadId as string, { forUpdate: true })) as Lead;
    await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.MESSAGE_OUT, actor: autopilotActor, reason: `Sent ${sent.purpose.replace('_', ' ')}: "${sent.subject ?? ''}"`, data: { messageId: sent.id, channel: provider, to: sent.toAddress } }]);
    if (sent.purpose === 'outreach' && lead.status === LeadStatus.NEW) {
      await moveLead(tx.leads, lead, LeadStatus.CONTACTED, TransitionTrigger.OUTREACH_SENT, autopilotActor, `First outreach accepted by ${provider}`);
    }
    if (sent.purpose === 'proposal' && sent.proposalId) {
      await tx.records.updateProposal(sent.proposalId, { status: 'sent', sentAt: this.deps.now() });
      if (lead.status === LeadStatus.INTERESTED) {
        await moveLead(tx.leads, lead, LeadStatus.PROPOSAL_SENT, TransitionTrigger.PROPOSAL_SENT, autopilotActor, `Proposal sent with a payment link`);
      }
    }
    return sent;
  }

  /** A permanent refusal (invalid or bouncing address) suppresses the address and loses the lead. */
  private async rejected(tx: TenantTx, message: Message, lead: Lead, error: ChannelError): Promise<void> {
    await tx.messages.update(message.id, ['sending', 'queued'], { status: 'failed', error: error.message });
    await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: `The channel refused the ${message.purpose}: ${error.message}`, data: { messageId: message.id } }]);
    if (error.permanent && message.toAddress) {
      await tx.records.suppress(message.toAddress, 'bounce', lead.id);
      const current = await tx.leads.findById(lead.id, { forUpdate: true });
      if (current && current.status !== LeadStatus.PAID && current.status !== LeadStatus.LOST) {
        await moveLead(tx.leads, current, LeadStatus.LOST, TransitionTrigger.HARD_BOUNCE, { type: 'provider', id: null, name: message.provider ?? 'channel' }, error.message);
      }
    }
  }
}
