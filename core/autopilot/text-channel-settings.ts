import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders, type WhatsAppTemplate } from '../channels/whatsapp-window.ts';
import type { FieldError } from '../errors.ts';
import type { TenantSettings, TwilioSender } from './autopilot.types.ts';

/** A change to the Twilio senders: null or left out keeps a value, "" clears it. */
export type TwilioSenderPatch = Partial<Record<keyof TwilioSender, string | null>>;
/** A change to the WhatsApp template: contentSid "" removes it. */
export interface WhatsAppTemplatePatch {
  contentSid: string;
  variables?: string[] | null;
}

export const MAX_TEMPLATE_VARIABLES = 10;
export const MAX_TEMPLATE_VARIABLE_LENGTH = 200;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const SENDER_FORMAT: Record<keyof TwilioSender, { pattern: RegExp; message: string }> = {
  messagingServiceSid: { pattern: /^MG[0-9a-fA-F]{32}$/, message: 'must be a Messaging Service SID: MG followed by 32 hexadecimal digits, or "" to clear it' },
  smsFrom: { pattern: E164, message: 'must be a phone number in E.164 form (+ and 7-15 digits, e.g. +15005550006), or "" to clear it' },
  whatsappFrom: { pattern: E164, message: 'must be the WhatsApp sender\'s number in E.164 form (e.g. +14155238886), or "" to clear it' },
};

/** The senders after `patch`, or undefined when it changes nothing; problems go to `errors` by field. */
export function readTwilioSender(current: TwilioSender, patch: TwilioSenderPatch | null | undefined, errors: FieldError[]): TwilioSender | undefined {
  if (!patch) return undefined;
  const next = { ...current };
  for (const key of Object.keys(SENDER_FORMAT) as Array<keyof TwilioSender>) {
    const raw = patch[key];
    if (raw == null) continue;
    // People paste numbers with spaces and dashes: "+1 415-523-8886".
    const value = key === 'messagingServiceSid' ? raw.trim() : raw.replace(/[\s().-]/g, '');
    if (value === '') next[key] = null;
    else if (value.length > 40 || !SENDER_FORMAT[key].pattern.test(value)) errors.push({ field: `twilioSender.${key}`, message: SENDER_FORMAT[key].message });
    else next[key] = value;
  }
  return next;
}

/** The template after `patch` (null: removed), or undefined when it changes nothing. */
export function readWhatsAppTemplate(patch: WhatsAppTemplatePatch | null | undefined, errors: FieldError[]): WhatsAppTemplate | null | undefined {
  if (!patch) return undefined;
  const contentSid = patch.contentSid.trim();
  if (contentSid === '') return null;
  const before = errors.length;
  if (!/^HX[0-9a-fA-F]{32}$/.test(contentSid)) errors.push({ field: 'whatsappTemplate.contentSid', message: 'must be an approved template\'s Content SID: HX followed by 32 hexadecimal digits, or "" to remove the template' });
  const variables = patch.variables ?? [];
  if (variables.length > MAX_TEMPLATE_VARIABLES) errors.push({ field: 'whatsappTemplate.variables', message: `at most ${MAX_TEMPLATE_VARIABLES} variables` });
  variables.slice(0, MAX_TEMPLATE_VARIABLES).forEach((text, i) => {
    const field = `whatsappTemplate.variables.${i}`;
    const unknown = unknownPlaceholders(text);
    if (!text.trim() || text.length > MAX_TEMPLATE_VARIABLE_LENGTH) errors.push({ field, message: `must be 1-${MAX_TEMPLATE_VARIABLE_LENGTH} characters` });
    else if (unknown.length) errors.push({ field, message: `uses {${unknown[0]}}: the placeholders are ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
  });
  return errors.length > before ? undefined : { contentSid, variables };
}

/** What a tenant's own senders supply, by the names the provider choice checks (see provider-choice.ts). */
export function senderNames(settings: Pick<TenantSettings, 'twilioSender'>): string[] {
  const { messagingServiceSid, smsFrom, whatsappFrom } = settings.twilioSender;
  return [messagingServiceSid && 'twilio_messaging_service_sid', smsFrom && 'twilio_sms_from', whatsappFrom && 'twilio_whatsapp_from'].filter((name): name is string => Boolean(name));
}
