import type { FieldError } from '../errors.ts';
import type { AiProviderSetting, ChannelProviderSetting, PaymentsProviderSetting, TenantSettings, TextChannelProviderSetting } from './autopilot.types.ts';

/** Every value each provider setting may take ("default": what the server is configured with). */
export const AI_PROVIDERS: readonly AiProviderSetting[] = ['default', 'offline', 'openai', 'gemini'];
export const CHANNEL_PROVIDERS: readonly ChannelProviderSetting[] = ['default', 'outbox', 'sendgrid'];
export const PAYMENTS_PROVIDERS: readonly PaymentsProviderSetting[] = ['default', 'offline', 'stripe'];
/** SMS and WhatsApp; "off": leads are not reached on that channel. */
export const TEXT_CHANNEL_PROVIDERS: readonly TextChannelProviderSetting[] = ['default', 'off', 'outbox', 'twilio'];

export const MAX_AI_MODEL_LENGTH = 100;
/** Model names as providers write them: "gpt-4o", "gemini-2.5-flash", "ft:gpt-4o-mini:org::id", "models/…". */
const AI_MODEL = /^[A-Za-z0-9._:/@+-]+$/;

/** The text channels are left out by callers that predate them: they are then "default". */
type ProviderSettings = Pick<TenantSettings, 'aiProvider' | 'channelProvider' | 'paymentsProvider'> & Partial<Pick<TenantSettings, 'smsProvider' | 'whatsappProvider'>>;
type ProviderField = 'aiProvider' | 'channelProvider' | 'paymentsProvider' | 'smsProvider' | 'whatsappProvider';

/**
 * What each provider that is not built in works with (from the tenant, or the server's environment):
 * every credential of `keys`, and one of `anyOf` (Twilio's senders: a number, or a Messaging Service).
 */
interface Need {
  keys: string[];
  name: string;
  anyOf?: { names: string[]; what: string };
}
const twilio = (sender: string, what: string): Need => ({
  keys: ['twilio_account_sid', 'twilio_auth_token'],
  name: 'Twilio',
  anyOf: { names: [sender, 'twilio_messaging_service_sid'], what },
});
const KEY_NEEDED: Record<ProviderField, Partial<Record<string, Need>>> = {
  aiProvider: { openai: { keys: ['openai_api_key'], name: 'OpenAI' }, gemini: { keys: ['gemini_api_key'], name: 'Gemini' } },
  channelProvider: { sendgrid: { keys: ['sendgrid_api_key'], name: 'SendGrid' } },
  paymentsProvider: { stripe: { keys: ['stripe_secret_key'], name: 'Stripe' } },
  smsProvider: { twilio: twilio('twilio_sms_from', 'twilioSender.smsFrom or twilioSender.messagingServiceSid (or TWILIO_SMS_FROM or TWILIO_MESSAGING_SERVICE_SID on the server)') },
  whatsappProvider: { twilio: twilio('twilio_whatsapp_from', 'twilioSender.whatsappFrom or twilioSender.messagingServiceSid (or TWILIO_WHATSAPP_FROM or TWILIO_MESSAGING_SERVICE_SID on the server)') },
};
const ALLOWED: Record<ProviderField, readonly string[]> = {
  aiProvider: AI_PROVIDERS, channelProvider: CHANNEL_PROVIDERS, paymentsProvider: PAYMENTS_PROVIDERS, smsProvider: TEXT_CHANNEL_PROVIDERS, whatsappProvider: TEXT_CHANNEL_PROVIDERS,
};

const valueOf = (settings: ProviderSettings, field: ProviderField): string => settings[field] ?? 'default';

/** The provider settings as they would be after `patch` (nulls and omissions keep what is there). */
export function providersAfter(current: ProviderSettings, patch: Partial<Record<ProviderField, string | null | undefined>>): Required<ProviderSettings> {
  return {
    aiProvider: (patch.aiProvider ?? current.aiProvider) as AiProviderSetting,
    channelProvider: (patch.channelProvider ?? current.channelProvider) as ChannelProviderSetting,
    paymentsProvider: (patch.paymentsProvider ?? current.paymentsProvider) as PaymentsProviderSetting,
    smsProvider: (patch.smsProvider ?? valueOf(current, 'smsProvider')) as TextChannelProviderSetting,
    whatsappProvider: (patch.whatsappProvider ?? valueOf(current, 'whatsappProvider')) as TextChannelProviderSetting,
  };
}

/**
 * Problems with a choice of providers, by field: a value outside the closed sets, or a provider
 * whose credentials are nowhere (`available`: names of the tenant's credentials and senders, and of
 * what the environment supplies). Only the fields in `changed` are judged: a key removed from the
 * environment later does not block changing something else (it fails visibly at run time instead).
 */
export function providerProblems(settings: ProviderSettings, available: ReadonlySet<string>, changed: readonly ProviderField[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of changed) {
    const value = valueOf(settings, field);
    if (!ALLOWED[field].includes(value)) {
      errors.push({ field, message: `must be one of ${ALLOWED[field].join(', ')}` });
      continue;
    }
    const need = KEY_NEEDED[field][value];
    const missing = need?.keys.filter((key) => !available.has(key)) ?? [];
    if (need && missing.length) {
      const what = need.keys.length > 1 ? `needs ${need.keys.join(' and ')}: set the ${missing.join(' and ')} credential${missing.length > 1 ? 's' : ''} first` : `needs an API key: set the ${missing[0]} credential first`;
      errors.push({ field, message: `${need.name} ${what}, or choose another provider` });
    } else if (need?.anyOf && !need.anyOf.names.some((name) => available.has(name))) {
      errors.push({ field, message: `${need.name} needs a sender: set ${need.anyOf.what} first, or choose another provider` });
    }
  }
  return errors;
}

/**
 * Why `key` may not be removed now: a chosen provider works with it and nothing else supplies it; null
 * when it may. A Twilio account is one set: with the tenant's own Account SID, the server's token is no stand-in.
 */
export function keyStillNeeded(settings: ProviderSettings, key: string, fromEnvironment: ReadonlySet<string>, tenantKeys: ReadonlySet<string> = new Set()): string | null {
  const ownTwilioAccount = key.startsWith('twilio_') && key !== 'twilio_account_sid' && tenantKeys.has('twilio_account_sid');
  if (fromEnvironment.has(key) && !ownTwilioAccount) return null;
  for (const field of Object.keys(KEY_NEEDED) as ProviderField[]) {
    const value = valueOf(settings, field);
    if (KEY_NEEDED[field][value]?.keys.includes(key)) return `the ${field} is ${value}, which needs this key: choose another ${field} first, or set a new key instead of removing this one`;
  }
  return null;
}

/** The AI model: 1-100 characters of a model name; '' means the provider's default (null is stored). */
export function readAiModel(value: string | null | undefined, errors: FieldError[]): string | null | undefined {
  if (value == null) return undefined;
  if (value === '') return null;
  if (value.length > MAX_AI_MODEL_LENGTH || !AI_MODEL.test(value)) {
    errors.push({ field: 'aiModel', message: `must be a model name of 1-${MAX_AI_MODEL_LENGTH} letters, digits and . _ : / @ + - (or "" for the provider's default)` });
    return undefined;
  }
  return value;
}
