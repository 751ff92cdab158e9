import twilio from 'twilio';
import { z } from 'zod';
import { ChannelError } from '../../../core/channels/channel.ts';
import type { Channel, OutboundMessage, SendReceipt, TextChannelKind } from '../../../core/channels/channel.ts';
import { parseProviderOptions } from '../provider-options.ts';
import { toChannelError } from './twilio-errors.ts';

const sid = (prefix: string) => z.string().trim().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${prefix} followed by 32 hexadecimal digits`);
const e164 = z.string().trim().regex(/^\+[1-9][0-9]{6,14}$/, 'must be a number in E.164 form (+ and 7-15 digits)');

const optionsSchema = z
  .object({
    kind: z.enum(['sms', 'whatsapp']),
    accountSid: sid('AC'),
    /** The account's auth token, or an API key and its secret (Twilio recommends keys for REST calls). */
    authToken: z.string().trim().min(1, 'is required').optional(),
    apiKeySid: sid('SK').optional(),
    apiKeySecret: z.string().trim().min(1, 'is required').optional(),
    /** A Messaging Service picks the sender; else `from`: the SMS number, or the WhatsApp sender's number. */
    messagingServiceSid: sid('MG').optional(),
    from: e164.optional(),
    /** Where Twilio reports delivery (queued, sent, delivered, read, failed, undelivered). */
    statusCallbackUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Another API host (a local server in tests): the SDK has no base-URL option, so its HTTP client rewrites the host. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    timeoutMs: z.number().int().positive().default(15_000),
  })
  .superRefine((options, ctx) => {
    if (!options.authToken && !(options.apiKeySid && options.apiKeySecret)) ctx.addIssue({ code: 'custom', path: ['authToken'], message: 'is required (or apiKeySid with apiKeySecret)' });
    if (options.apiKeySid && !options.apiKeySecret) ctx.addIssue({ code: 'custom', path: ['apiKeySecret'], message: 'is required with apiKeySid' });
    if (!options.from && !options.messagingServiceSid) ctx.addIssue({ code: 'custom', path: ['from'], message: `is required (the ${options.kind === 'whatsapp' ? 'WhatsApp sender' : 'SMS number'}), or messagingServiceSid` });
  });
export type TwilioOptions = z.input<typeof optionsSchema>;

/** Twilio's limit on a message body; past it the API refuses the message (error 21617). */
export const MAX_BODY = 1600;

/** The SDK's HTTP client, sending every request to `baseUrl` instead of api.twilio.com. */
class BaseUrlClient extends twilio.RequestClient {
  constructor(
    private readonly base: URL,
    timeout: number,
  ) {
    super({ timeout });
  }

  override request<TData>(opts: Parameters<twilio.RequestClient['request']>[0] & { data?: TData }) {
    const uri = new URL(opts.uri);
    uri.protocol = this.base.protocol;
    uri.host = this.base.host;
    return super.request<TData>({ ...opts, uri: uri.href });
  }
}

/** SMS or WhatsApp through Twilio's Messages API: one channel per kind, each with its sender. */
export class TwilioChannel implements Channel {
  static readonly id = 'twilio';
  readonly id = TwilioChannel.id;
  readonly kind: TextChannelKind;
  private readonly client: twilio.Twilio;
  private readonly sender: { from?: string; messagingServiceSid?: string };
  private readonly statusCallbackUrl: string | undefined;

  constructor(options: TwilioOptions) {
    const o = parseProviderOptions(TwilioChannel.id, optionsSchema, options);
    this.kind = o.kind;
    const httpClient = o.baseUrl ? new BaseUrlClient(new URL(o.baseUrl), o.timeoutMs) : new twilio.RequestClient({ timeout: o.timeoutMs });
    this.client = o.apiKeySid ? twilio(o.apiKeySid, o.apiKeySecret, { accountSid: o.accountSid, httpClient }) : twilio(o.accountSid, o.authToken, { httpClient });
    this.sender = { ...(o.from ? { from: this.address(o.from) } : {}), ...(o.messagingServiceSid ? { messagingServiceSid: o.messagingServiceSid } : {}) };
    this.statusCallbackUrl = o.statusCallbackUrl;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    if (!message.to.phone) throw new ChannelError('the lead has no phone number', false);
    const template = message.template;
    if (template && this.kind !== 'whatsapp') throw new ChannelError('templates are for WhatsApp only', false);
    if (!template && message.text.length > MAX_BODY) throw new ChannelError(`the text is ${message.text.length} characters; ${this.kind === 'sms' ? 'an SMS' : 'a WhatsApp message'} through Twilio takes at most ${MAX_BODY}`, false);
    try {
      const sent = await this.client.messages.create({
        to: this.address(message.to.phone),
        ...this.sender,
        ...(this.statusCallbackUrl ? { statusCallback: this.statusCallbackUrl } : {}),
        ...(template ? { contentSid: template.contentSid, contentVariables: JSON.stringify(template.variables) } : { body: message.text }),
      });
      return { providerMessageId: sent.sid };
    } catch (error) {
      throw toChannelError(error);
    }
  }

  private address(number: string): string {
    return this.kind === 'whatsapp' ? `whatsapp:${number}` : number;
  }
}
