/** Email, SMS and WhatsApp, behind the same port. */
export type ChannelKind = 'email' | 'sms' | 'whatsapp';
/** The channels that carry text to a phone number. */
export type TextChannelKind = Exclude<ChannelKind, 'email'>;

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
  /**
   * WhatsApp outside its 24-hour window: the approved template to send instead of `text`, with its
   * variables filled in for this contact ("1", "2", …).
   */
  template?: { contentSid: string; variables: Record<string, string> } | null;
}

export interface SendReceipt {
  /** The provider's id for the accepted message, when it gives one. */
  providerMessageId: string | null;
}

/**
 * A send that failed. `permanent` (an invalid or bouncing address, a recipient who opted out)
 * suppresses the address: as a bounce, or as the recipient's own opt-out (`suppressAs`).
 */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly permanent = false,
    readonly suppressAs: 'bounce' | 'opt_out' = 'bounce',
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

/**
 * A message that arrived over a text channel (SMS, WhatsApp), whatever the provider: channel-neutral,
 * so a lead's reply and (later) a team member's message to the bot start from the same record.
 */
export interface InboundTextMessage {
  channel: TextChannelKind;
  /** How it arrived: the adapter's id (twilio), or "simulated" for the offline outbox. */
  provider: string;
  /** The provider's id for it (Twilio's MessageSid): a redelivery with the same id is stored once. */
  providerMessageId: string;
  /** E.164, without any channel prefix. */
  from: string;
  /** The number (or sender) it was sent to. */
  to: string;
  /** The name the sender's app shows (WhatsApp's profile name), when given. */
  senderName: string | null;
  text: string;
  media: Array<{ url: string; contentType: string | null }>;
}
