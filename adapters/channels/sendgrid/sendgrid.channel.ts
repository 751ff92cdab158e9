import { MailService } from '@sendgrid/mail';
import type { MailDataRequired } from '@sendgrid/mail';
import { z } from 'zod';
import { ChannelError } from '../../../core/channels/channel.ts';
import type { Channel, OutboundMessage, SendReceipt } from '../../../core/channels/channel.ts';
import { parseProviderOptions } from '../provider-options.ts';
import { toChannelError } from './sendgrid-errors.ts';

const optionsSchema = z.object({
  apiKey: z.string().trim().min(1, 'is required'),
  baseUrl: z.url({ protocol: /^https?$/ }).default('https://api.sendgrid.com'),
  timeoutMs: z.number().int().positive().default(15_000),
});
export type SendGridOptions = z.input<typeof optionsSchema>;

/** Headers SendGrid refuses to let us set (they are its own) — sending one turns the mail into a 400. */
const RESERVED_HEADERS = new Set([
  'to', 'from', 'subject', 'reply-to', 'cc', 'bcc', 'content-type', 'content-transfer-encoding',
  'x-sg-id', 'x-sg-eid', 'received', 'dkim-signature',
]);
// The SDK also copies mail headers onto the HTTP request itself: keep those from clobbering ours.
const HTTP_HEADERS = new Set(['authorization', 'host', 'content-length', 'accept', 'user-agent', 'connection']);

/** The `client` the JS MailService holds; its .d.ts leaves it out. */
interface MailServiceClient {
  client: { setDefaultRequest(key: string, value: unknown): void };
}

/** Email through SendGrid's v3 mail/send. One MailService per channel: the SDK's default export is a shared singleton. */
export class SendGridChannel implements Channel {
  static readonly id = 'sendgrid';
  readonly id = SendGridChannel.id;
  readonly kind = 'email' as const;
  private readonly mail: MailService;

  constructor(options: SendGridOptions) {
    const { apiKey, baseUrl, timeoutMs } = parseProviderOptions(SendGridChannel.id, optionsSchema, options);
    this.mail = new MailService();
    this.mail.setApiKey(apiKey);
    // setApiKey resets baseUrl to the region's host, so the override must come after it.
    (this.mail as unknown as MailServiceClient).client.setDefaultRequest('baseUrl', baseUrl);
    this.mail.setTimeout(timeoutMs);
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const request = toMailData(message);
    try {
      const [response] = await this.mail.send(request);
      const id = (response.headers as Record<string, unknown>)['x-message-id'];
      return { providerMessageId: typeof id === 'string' && id !== '' ? id : null };
    } catch (error) {
      throw toChannelError(error);
    }
  }
}

function toMailData(message: OutboundMessage): MailDataRequired {
  if (!message.to.email) throw new ChannelError('the lead has no email address', false);
  if (!message.subject) throw new ChannelError('an email needs a subject', false);
  const to = message.to.name ? { email: message.to.email, name: message.to.name } : message.to.email;
  return {
    to,
    from: message.from.name ? { email: message.from.email, name: message.from.name } : message.from.email,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    headers: mailHeaders(message),
    customArgs: { message_id: message.messageId },
  };
}

function mailHeaders(message: OutboundMessage): Record<string, string> {
  const headers: Record<string, string> = { 'Message-ID': rfcMessageId(message) };
  for (const [name, value] of Object.entries(message.headers)) {
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower) || HTTP_HEADERS.has(lower)) continue;
    // Non-ASCII would fail in the HTTP layer (see above) and be retried forever; refuse it now.
    if (!/^[\x20-\x7e\t]*$/.test(value)) throw new ChannelError(`header ${name} must be ASCII (RFC 2047-encode it)`, false);
    if (lower === 'message-id') delete headers['Message-ID'];
    headers[name] = value;
  }
  return headers;
}

/** Our messageId is the Message-ID when it already has the <id@domain> form; otherwise we give it the sender's domain. */
function rfcMessageId(message: OutboundMessage): string {
  if (/^<[^<>\s]+@[^<>\s]+>$/.test(message.messageId)) return message.messageId;
  const domain = message.from.email.split('@')[1] ?? 'localhost';
  return `<${message.messageId}@${domain}>`;
}
