import type { Channel, OutboundMessage, SendReceipt } from '../../../core/channels/channel.ts';

/** Stores a delivered message for one tenant; idempotent by message id. */
export type OutboxWriter = (entry: {
  messageId: string;
  toAddress: string | null;
  fromAddress: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}) => Promise<void>;

/**
 * The default channel without provider keys: "delivers" into the tenant's outbox, where a user
 * reads what was sent and can answer it with a simulated reply. A real feature, not a stub: every
 * message goes through the same headers, suppression and limits as with a real provider.
 */
export class OutboxChannel implements Channel {
  static readonly id = 'outbox';
  readonly id = OutboxChannel.id;
  readonly kind = 'email' as const;

  constructor(private readonly write: OutboxWriter) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    await this.write({
      messageId: message.messageId,
      toAddress: message.to.email,
      fromAddress: `${message.from.name} <${message.from.email}>`,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: { ...message.headers, ...(message.replyTo ? { 'Reply-To': message.replyTo } : {}) },
    });
    return { providerMessageId: message.messageId };
  }
}
