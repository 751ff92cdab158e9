import type { Channel, ChannelKind, OutboundMessage, SendReceipt } from '../../../core/channels/channel.ts';
import { templateSummary } from '../../../core/channels/whatsapp-window.ts';


export interface OutboxWrite {
  messageId: string;
  channel: ChannelKind;
  toAddress: string | null;
  fromAddress: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/** Stores delivered messages for one tenant, in one transaction; idempotent by message id. */
export type OutboxWriter = (entries: OutboxWrite[]) => Promise<void>;

/**
 * The default channel without provider keys: "delivers" into the tenant's outbox, where a user
 * reads what was sent and can answer it with a simulated reply. A real feature, not a stub: every
 * message goes through the same headers, suppression and limits as with a real provider. One per
 * kind: email, and the SMS and WhatsApp threads (what a phone would show: the text, or the template).
 */
export class OutboxChannel implements Channel {
  static readonly id = 'outbox';
  readonly id = OutboxChannel.id;

  constructor(
    private readonly write: OutboxWriter,
    readonly kind: ChannelKind = 'email',
  ) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    await this.write([this.toOutbox(message)]);
    return { providerMessageId: message.messageId };
  }

  async sendMany(messages: readonly OutboundMessage[]): Promise<Array<PromiseSettledResult<SendReceipt>>> {
    try {
      await this.write(messages.map((message) => this.toOutbox(message)));
      return messages.map((message) => ({ status: 'fulfilled', value: { providerMessageId: message.messageId } }));
    } catch (error) {
      return messages.map(() => ({ status: 'rejected', reason: error }));
    }
  }

  private toOutbox(message: OutboundMessage): OutboxWrite {
    if (this.kind === 'email') {
      return {
        messageId: message.messageId,
        channel: 'email',
        toAddress: message.to.email,
        fromAddress: `${message.from.name} <${message.from.email}>`,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { ...message.headers, ...(message.replyTo ? { 'Reply-To': message.replyTo } : {}) },
      };
    }
    const template = message.template;
    return {
      messageId: message.messageId,
      channel: this.kind,
      toAddress: message.to.phone,
      fromAddress: message.from.name,
      subject: null,
      // A template goes as its SID and variables; the approved wording lives with the provider.
      text: template ? templateSummary(template) : message.text,
      html: null,
      headers: template ? { 'X-Template-Sid': template.contentSid } : {},
    };
  }
}
