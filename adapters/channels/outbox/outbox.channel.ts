import type { Channel, OutboundMessage, SendReceipt } from '../../../core/channels/channel.ts';


export interface OutboxWrite {
  messageId: string;
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
 * message goes through the same headers, suppression and limits as with a real provider.
 */
export class OutboxChannel implements Channel {
  static readonly id = 'outbox';
  readonly id = OutboxChannel.id;
  readonly kind = 'email' as const;

  constructor(private readonly write: OutboxWriter) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    await this.write([toOutbox(message)]);
    return { providerMessageId: message.messageId };
  }

  async sendMany(messages: readonly OutboundMessage[]): Promise<Array<PromiseSettledResult<SendReceipt>>> {
    try {
      await this.write(messages.map(toOutbox));
      return messages.map((message) => ({ status: 'fulfilled', value: { providerMessageId: message.messageId } }));
    } catch (error) {
      return messages.map(() => ({ status: 'rejected', reason: error }));
    }
  }
}

function toOutbox(message: OutboundMessage): OutboxWrite {
  return {
    messageId: message.messageId,
    toAddress: message.to.email,
    fromAddress: `${message.from.name} <${message.from.email}>`,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: { ...message.headers, ...(message.replyTo ? { 'Reply-To': message.replyTo } : {}) },
  };
}
