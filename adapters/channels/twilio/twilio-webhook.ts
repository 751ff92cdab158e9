import twilio from 'twilio';
import type { InboundTextMessage } from '../../../core/channels/channel.ts';
import type { DeliveryUpdate, ReportedDelivery } from '../../../core/channels/delivery-status.ts';
import { suppressionFor } from './twilio-errors.ts';

/** The POST parameters of a webhook, as Twilio signed them (a repeated name keeps all its values). */
export type TwilioParams = Record<string, string | string[]>;

/** What Twilio posted: a message that came in, a delivery report of one we sent, or something we do not use. */
export type TwilioWebhook =
  | { kind: 'message'; message: InboundTextMessage }
  | { kind: 'status'; update: DeliveryUpdate }
  | { kind: 'ignored'; reason: string };

/** Twilio's form body (application/x-www-form-urlencoded) as the parameters it signed. */
export function readTwilioForm(body: Buffer): TwilioParams {
  const params: TwilioParams = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    const seen = params[name];
    params[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}

/**
 * X-Twilio-Signature: HMAC-SHA1, keyed with the account's auth token, over the exact URL Twilio
 * posted to (as configured, query string included) followed by the sorted POST parameters. Checked
 * by the SDK's own validateRequest.
 */
export function verifyTwilioSignature(authToken: string, signature: string | undefined, url: string, params: TwilioParams): boolean {
  if (!signature) return false;
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    return false; // a URL it cannot parse signs nothing
  }
}

const STATUS: Record<string, ReportedDelivery> = {
  accepted: 'pending', scheduled: 'pending', queued: 'pending', sending: 'pending',
  sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed', undelivered: 'failed', canceled: 'failed',
};
const E164 = /^\+[1-9][0-9]{6,14}$/;
const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

/** A verified webhook's parameters in our words (vendor statuses mapped to ours, numbers without their channel prefix). */
export function parseTwilioWebhook(params: TwilioParams): TwilioWebhook {
  const sid = one(params.MessageSid) || one(params.SmsSid);
  if (!sid) return { kind: 'ignored', reason: 'no MessageSid' };
  const reported = one(params.MessageStatus).toLowerCase();
  if (reported && reported !== 'received' && reported !== 'receiving') {
    const status = STATUS[reported];
    if (!status) return { kind: 'ignored', reason: `unknown MessageStatus "${reported}"` };
    const code = Number.parseInt(one(params.ErrorCode), 10);
    const errorCode = Number.isFinite(code) ? code : null;
    const error = status === 'failed' ? `Twilio reported the message ${reported}${errorCode !== null ? ` (error ${errorCode}${one(params.ErrorMessage) ? `: ${one(params.ErrorMessage)}` : ''})` : ''}` : null;
    return { kind: 'status', update: { provider: 'twilio', providerMessageId: sid, status, error, suppressAs: status === 'failed' ? suppressionFor(errorCode) : null } };
  }
  const rawFrom = one(params.From);
  const whatsapp = rawFrom.startsWith('whatsapp:');
  const from = rawFrom.replace(/^whatsapp:/, '');
  if (!E164.test(from)) return { kind: 'ignored', reason: `a sender that is not a phone number (${rawFrom.slice(0, 40)})` };
  const mediaCount = Math.min(Number.parseInt(one(params.NumMedia), 10) || 0, 10);
  const media = Array.from({ length: mediaCount }, (_, i) => ({ url: one(params[`MediaUrl${i}`]), contentType: one(params[`MediaContentType${i}`]) || null })).filter((m) => m.url);
  return {
    kind: 'message',
    message: {
      channel: whatsapp ? 'whatsapp' : 'sms',
      provider: 'twilio',
      providerMessageId: sid,
      from,
      to: one(params.To).replace(/^whatsapp:/, ''),
      senderName: one(params.ProfileName) || null,
      text: one(params.Body),
      media,
    },
  };
}
