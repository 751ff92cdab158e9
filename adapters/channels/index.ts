import type { Channel, TextChannelKind } from '../../core/channels/channel.ts';
import { SendGridChannel } from './sendgrid/sendgrid.channel.ts';
import { TwilioChannel } from './twilio/twilio.channel.ts';

export { SendGridChannel } from './sendgrid/sendgrid.channel.ts';
export type { SendGridOptions } from './sendgrid/sendgrid.channel.ts';
export { DEFAULT_INBOUND_MAX_BYTES, InboundParseError, parseInboundParse } from './sendgrid/inbound-parse.ts';
export type { InboundParseErrorCode, InboundParseLimits, ParsedInboundEmail } from './sendgrid/inbound-parse.ts';

export { TwilioChannel } from './twilio/twilio.channel.ts';
export type { TwilioOptions } from './twilio/twilio.channel.ts';
export { parseTwilioWebhook, readTwilioForm, verifyTwilioSignature } from './twilio/twilio-webhook.ts';
export type { TwilioParams, TwilioWebhook } from './twilio/twilio-webhook.ts';

/** 'outbox' (the harmless default: mail kept in our own table) is built elsewhere. */
export type ChannelProviderId = 'outbox' | 'sendgrid' | 'twilio';

export function createSendGridChannel(settings: { apiKey?: string | null; baseUrl?: string | null }): Channel {
  if (!settings.apiKey) throw new Error('sendgrid: an API key is required (set one, or use the outbox channel)');
  return new SendGridChannel({ apiKey: settings.apiKey, ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}) });
}

/** A Twilio account and its senders, as settings and the environment give them (null: not set). */
export interface TwilioSettings {
  accountSid?: string | null;
  authToken?: string | null;
  apiKeySid?: string | null;
  apiKeySecret?: string | null;
  messagingServiceSid?: string | null;
  smsFrom?: string | null;
  whatsappFrom?: string | null;
  statusCallbackUrl?: string | null;
  baseUrl?: string | null;
}

export function createTwilioChannel(kind: TextChannelKind, settings: TwilioSettings): Channel {
  if (!settings.accountSid) throw new Error('twilio: an account SID is required (set one, or use the outbox channel)');
  const from = kind === 'whatsapp' ? settings.whatsappFrom : settings.smsFrom;
  const present = Object.entries({
    authToken: settings.authToken, apiKeySid: settings.apiKeySid, apiKeySecret: settings.apiKeySecret, messagingServiceSid: settings.messagingServiceSid,
    from, statusCallbackUrl: settings.statusCallbackUrl, baseUrl: settings.baseUrl,
  }).filter(([, value]) => value);
  return new TwilioChannel({ kind, accountSid: settings.accountSid, ...Object.fromEntries(present) });
}
