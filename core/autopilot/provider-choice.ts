import type { FieldError } from '../errors.ts';
import type { AiProviderSetting, ChannelProviderSetting, PaymentsProviderSetting, TenantSettings } from './autopilot.types.ts';

/** Every value each provider setting may take ("default": what the server is configured with). */
export const AI_PROVIDERS: readonly AiProviderSetting[] = ['default', 'offline', 'openai', 'gemini'];
export const CHANNEL_PROVIDERS: readonly ChannelProviderSetting[] = ['default', 'outbox', 'sendgrid'];
export const PAYMENTS_PROVIDERS: readonly PaymentsProviderSetting[] = ['default', 'offline', 'stripe'];

export const MAX_AI_MODEL_LENGTH = 100;
/** Model names as providers write them: "gpt-4o", "gemini-2.5-flash", "ft:gpt-4o-mini:org::id", "models/…". */
const AI_MODEL = /^[A-Za-z0-9._:/@+-]+$/;

type ProviderSettings = Pick<TenantSettings, 'aiProvider' | 'channelProvider' | 'paymentsProvider'>;
type ProviderField = keyof ProviderSettings;

/** The credential each provider that is not built in works with (from the tenant, or the server's environment). */
const KEY_NEEDED: Record<ProviderField, Partial<Record<string, { key: string; name: string }>>> = {
  aiProvider: { openai: { key: 'openai_api_key', name: 'OpenAI' }, gemini: { key: 'gemini_api_key', name: 'Gemini' } },
  channelProvider: { sendgrid: { key: 'sendgrid_api_key', name: 'SendGrid' } },
  paymentsProvider: { stripe: { key: 'stripe_secret_key', name: 'Stripe' } },
};

/** The provider settings as they would be after `patch` (nulls and omissions keep what is there). */
export function providersAfter(current: ProviderSettings, patch: Partial<Record<ProviderField, string | null | undefined>>): ProviderSettings {
  return {
    aiProvider: (patch.aiProvider ?? current.aiProvider) as AiProviderSetting,
    channelProvider: (patch.channelProvider ?? current.channelProvider) as ChannelProviderSetting,
    paymentsProvider: (patch.paymentsProvider ?? current.paymentsProvider) as PaymentsProviderSetting,
  };
}

/**
 * Problems with a choice of providers, by field: a value outside the closed sets, or a provider
 * whose credential is nowhere (`available`: the tenant's credentials and the environment's). Only
 * the fields in `changed` are judged: a key removed from the environment later does not block
 * changing something else (it fails visibly at run time instead).
 */
export function providerProblems(settings: ProviderSettings, available: ReadonlySet<string>, changed: readonly ProviderField[]): FieldError[] {
  const errors: FieldError[] = [];
  const allowed: Record<ProviderField, readonly string[]> = { aiProvider: AI_PROVIDERS, channelProvider: CHANNEL_PROVIDERS, paymentsProvider: PAYMENTS_PROVIDERS };
  for (const field of changed) {
    const value = settings[field];
    if (!allowed[field].includes(value)) {
      errors.push({ field, message: `must be one of ${allowed[field].join(', ')}` });
      continue;
    }
    const need = KEY_NEEDED[field][value];
    if (need && !available.has(need.key)) {
      errors.push({ field, message: `${need.name} needs an API key: set the ${need.key} credential first, or choose another provider` });
    }
  }
  return errors;
}

/** Why `key` may not be removed now: a chosen provider works with it and nothing else supplies it; null when it may. */
export function keyStillNeeded(settings: ProviderSettings, key: string, fromEnvironment: ReadonlySet<string>): string | null {
  if (fromEnvironment.has(key)) return null;
  for (const field of Object.keys(KEY_NEEDED) as ProviderField[]) {
    const need = KEY_NEEDED[field][settings[field]];
    if (need?.key === key) return `the ${field} is ${settings[field]}, which needs this key: choose another ${field} first, or set a new key instead of removing this one`;
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
