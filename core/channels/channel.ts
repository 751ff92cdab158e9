/** Email now; SMS and WhatsApp arrive behind the same port. */
export type ChannelKind = 'email' | 'sms' | 'whatsapp';

export interface OutboundMessage {
  /** Our id for the message; also the RFC 5322 Message-ID for email ("<id@domain>"). */
  messageId: string;
  to: { email: string | null; phone: string | null; name: string | null };
  from: { email: string; name: string };
  replyTo: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  /** Extra headers, e.g. List-Unsubscribe, In-Reply-To. */
  headers: Record<string, string>;
}

export interface SendReceipt {
  /** The provider's id for the accepted message, when it gives one. */
  providerMessageId: string | null;
}

/** A send that failed. `permanent` (an invalid or bouncing address) suppresses the address. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** Port: one way of reaching a lead. `send` resolves when the provider has accepted the message. */
export interface Channel {
  readonly id: string;
  readonly kind: ChannelKind;
  send(message: OutboundMessage): Promise<SendReceipt>;
  /** A batch in one go, when the provider can (results in input order); else `sendAll` sends one by one. */
  sendMany?(messages: readonly OutboundMessage[]): Promise<Array<PromiseSettledResult<SendReceipt>>>;
}

/** Sends a batch: in one go when the channel can, else concurrently one by one. Results in input order. */
export function sendAll(channel: Channel, messages: readonly OutboundMessage[]): Promise<Array<PromiseSettledResult<SendReceipt>>> {
  return channel.sendMany ? channel.sendMany(messages) : Promise.allSettled(messages.map((message) => channel.send(message)));
}

/** An incoming reply, whatever the provider's format. */
export interface InboundMessage {
  from: { email: string; name: string | null };
  to: string[];
  subject: string | null;
  text: string;
  html: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
}
