import type { Channel } from '../../core/channels/channel.ts';
import { SendGridChannel } from './sendgrid/sendgrid.channel.ts';

export { SendGridChannel } from './sendgrid/sendgrid.channel.ts';
export type { SendGridOptions } from './sendgrid/sendgrid.channel.ts';
export { DEFAULT_INBOUND_MAX_BYTES, InboundParseError, parseInboundParse } from './sendgrid/inbound-parse.ts';
export type { InboundParseErrorCode, InboundParseLimits, ParsedInboundEmail } from './sendgrid/inbound-parse.ts';

/** 'outbox' (the harmless default: mail kept in our own table) is built elsewhere. */
export type ChannelProviderId = 'outbox' | 'sendgrid';

export function createSendGridChannel(settings: { apiKey?: string | null; baseUrl?: string | null }): Channel {
  if (!settings.apiKey) throw new Error('sendgrid: an API key is required (set one, or use the outbox channel)');
  return new SendGridChannel({ apiKey: settings.apiKey, ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}) });
}
