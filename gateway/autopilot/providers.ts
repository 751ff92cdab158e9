import type { PgBoss } from 'pg-boss';
import { createAiAssistant } from '../../adapters/llm/index.ts';
import { createSendGridChannel, createTwilioChannel, type TwilioSettings } from '../../adapters/channels/index.ts';
import { OutboxChannel } from '../../adapters/channels/outbox/outbox.channel.ts';
import type { SecretBox } from '../../adapters/crypto/secret-box.ts';
import type { Database } from '../../adapters/db/database.ts';
import { tenantUnitOfWork } from '../../adapters/db/units-of-work.ts';
import { createPayments } from '../../adapters/payments/index.ts';
import { UnavailableAi, UnavailableChannel, UnavailablePayments } from '../../adapters/unavailable-providers.ts';
import type { ProviderResolver, TenantProviders } from '../../core/autopilot/autopilot.deps.ts';
import type { TenantSettings } from '../../core/autopilot/autopilot.types.ts';
import type { Channel, TextChannelKind } from '../../core/channels/channel.ts';
import type { Config } from '../config.ts';
import { WebhookSecrets } from './webhook-secrets.ts';

export type ProviderConfig = Pick<
  Config,
  | 'AI_PROVIDER' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'GEMINI_API_KEY' | 'GEMINI_BASE_URL' | 'GEMINI_MODEL'
  | 'SENDGRID_API_KEY' | 'SENDGRID_BASE_URL' | 'STRIPE_SECRET_KEY' | 'STRIPE_API_BASE_URL' | 'STRIPE_MODE' | 'PUBLIC_URL'
  | 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_API_KEY_SID' | 'TWILIO_API_KEY_SECRET' | 'TWILIO_MESSAGING_SERVICE_SID' | 'TWILIO_SMS_FROM'
  | 'TWILIO_WHATSAPP_FROM' | 'TWILIO_API_BASE_URL'
> & Partial<Pick<Config, 'GOOGLE_PLACES_API_KEY'>>;

const SECRET_NAMES = ['openai_api_key', 'gemini_api_key', 'sendgrid_api_key', 'stripe_secret_key', 'twilio_account_sid', 'twilio_auth_token', 'twilio_api_key_sid', 'twilio_api_key_secret'];

/** Where Twilio posts a tenant's incoming texts and delivery reports. */
export const twilioWebhookUrl = (publicUrl: string, tenantId: string) => `${publicUrl}/webhooks/twilio/${tenantId}`;

/**
 * A tenant's Twilio account: its own when it set an Account SID (never mixed with the server's
 * token), else the server's; its own senders before the server's.
 */
export function twilioSettingsOf(config: ProviderConfig, secrets: Record<string, string | null>, sender: TenantSettings['twilioSender'] | null): TwilioSettings {
  const own = Boolean(secrets.twilio_account_sid);
  return {
    accountSid: own ? secrets.twilio_account_sid : (config.TWILIO_ACCOUNT_SID ?? null),
    authToken: own ? secrets.twilio_auth_token : (config.TWILIO_AUTH_TOKEN ?? null),
    apiKeySid: own ? secrets.twilio_api_key_sid : (config.TWILIO_API_KEY_SID ?? null),
    apiKeySecret: own ? secrets.twilio_api_key_secret : (config.TWILIO_API_KEY_SECRET ?? null),
    messagingServiceSid: sender?.messagingServiceSid ?? config.TWILIO_MESSAGING_SERVICE_SID ?? null,
    smsFrom: sender?.smsFrom ?? config.TWILIO_SMS_FROM ?? null,
    whatsappFrom: sender?.whatsappFrom ?? config.TWILIO_WHATSAPP_FROM ?? null,
    baseUrl: config.TWILIO_API_BASE_URL ?? null,
  };
}

/** The AI the process uses when a tenant chose none: OpenAI or Gemini when a key is set, else offline. */
export function defaultAiProvider(config: ProviderConfig): 'offline' | 'openai' | 'gemini' {
  return config.AI_PROVIDER ?? (config.OPENAI_API_KEY ? 'openai' : config.GEMINI_API_KEY ? 'gemini' : 'offline');
}

const CACHE_MS = 5_000;

/**
 * Builds a tenant's providers from its settings and credentials, the process environment filling
 * what the tenant left as default. Cached for a few seconds: a busy worker resolves per job.
 */
export class TenantProviderResolver implements ProviderResolver {
  private readonly cache = new Map<string, { at: number; providers: Promise<TenantProviders> }>();
  /** Webhook signing secrets, cached alongside and forgotten with the providers. */
  readonly webhookSecrets: WebhookSecrets;

  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
    private readonly box: SecretBox,
    private readonly config: ProviderConfig,
  ) {
    this.webhookSecrets = new WebhookSecrets(db, boss, box, { twilioAuthToken: config.TWILIO_AUTH_TOKEN ?? null });
  }

  resolve(tenantId: string): Promise<TenantProviders> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.providers;
    const providers = this.build(tenantId);
    this.cache.set(tenantId, { at: Date.now(), providers });
    providers.catch(() => this.cache.delete(tenantId));
    return providers;
  }

  forget(tenantId: string): void {
    this.cache.delete(tenantId);
    this.webhookSecrets.forget(tenantId);
  }

  credentialsFromEnvironment(): ReadonlySet<string> {
    const c = this.config;
    const supplied: Array<[string, string | undefined]> = [
      ['openai_api_key', c.OPENAI_API_KEY], ['gemini_api_key', c.GEMINI_API_KEY], ['sendgrid_api_key', c.SENDGRID_API_KEY], ['stripe_secret_key', c.STRIPE_SECRET_KEY],
      ['google_places_api_key', c.GOOGLE_PLACES_API_KEY], ['twilio_account_sid', c.TWILIO_ACCOUNT_SID], ['twilio_auth_token', c.TWILIO_AUTH_TOKEN],
      // Senders, which a tenant may also set as settings (checked by the same names).
      ['twilio_messaging_service_sid', c.TWILIO_MESSAGING_SERVICE_SID], ['twilio_sms_from', c.TWILIO_SMS_FROM], ['twilio_whatsapp_from', c.TWILIO_WHATSAPP_FROM],
    ];
    return new Set(supplied.filter(([, value]) => Boolean(value?.trim())).map(([name]) => name));
  }

  /**
   * Each provider is built on its own: one that cannot be (a key revoked or removed, a setting that
   * names nothing we have) becomes a stand-in failing with the reason, and the others still work.
   */
  private async build(tenantId: string): Promise<TenantProviders> {
    const uow = tenantUnitOfWork(this.db, this.boss, this.box, { agencyId: null, tenantId });
    const { settings, secrets } = await uow.run(async (tx) => ({
      settings: await tx.settings.get(),
      secrets: Object.fromEntries(await Promise.all(SECRET_NAMES.map(async (name) => [name, await tx.settings.secret(name)] as const))),
    }));
    const c = this.config;
    const aiProvider = settings.aiProvider === 'default' ? defaultAiProvider(c) : settings.aiProvider;
    const ai = attempt(aiProvider, (id, reason) => new UnavailableAi(id, reason), () =>
      createAiAssistant({
        provider: aiProvider,
        model: settings.aiModel ?? (aiProvider === 'openai' ? c.OPENAI_MODEL : aiProvider === 'gemini' ? c.GEMINI_MODEL : null),
        apiKey: aiProvider === 'openai' ? (secrets.openai_api_key ?? c.OPENAI_API_KEY) : aiProvider === 'gemini' ? (secrets.gemini_api_key ?? c.GEMINI_API_KEY) : null,
        baseUrl: aiProvider === 'openai' ? c.OPENAI_BASE_URL : aiProvider === 'gemini' ? c.GEMINI_BASE_URL : null,
      }),
    );
    const sendgridKey = secrets.sendgrid_api_key ?? c.SENDGRID_API_KEY;
    const useSendGrid = settings.channelProvider === 'sendgrid' || (settings.channelProvider === 'default' && Boolean(sendgridKey));
    const outbox = (kind: 'email' | TextChannelKind) => new OutboxChannel((entries) => uow.run((tx) => tx.messages.deliverToOutbox(entries.map((entry) => ({ ...entry, leadId: null })))), kind);
    const channel = attempt(useSendGrid ? 'sendgrid' : 'outbox', (id, reason) => new UnavailableChannel(id, reason), () =>
      useSendGrid ? createSendGridChannel({ apiKey: sendgridKey, baseUrl: c.SENDGRID_BASE_URL }) : outbox('email'),
    );
    const twilio = { ...twilioSettingsOf(c, secrets, settings.twilioSender), statusCallbackUrl: twilioWebhookUrl(c.PUBLIC_URL, tenantId) };
    // SMS and WhatsApp: Twilio when chosen, or by default when an account is set; else the outbox's threads; none when OFF.
    const text = (kind: TextChannelKind, setting: TenantSettings['smsProvider']): { value: Channel | null; problem: string | null } => {
      if (setting === 'off') return { value: null, problem: null };
      const useTwilio = setting === 'twilio' || (setting === 'default' && Boolean(twilio.accountSid));
      return attempt(useTwilio ? 'twilio' : 'outbox', (id, reason) => new UnavailableChannel(id, reason, kind), () => (useTwilio ? createTwilioChannel(kind, twilio) : outbox(kind)));
    };
    const sms = text('sms', settings.smsProvider);
    const whatsapp = text('whatsapp', settings.whatsappProvider);
    const stripeKey = secrets.stripe_secret_key ?? c.STRIPE_SECRET_KEY;
    const useStripe = settings.paymentsProvider === 'stripe' || (settings.paymentsProvider === 'default' && Boolean(stripeKey));
    const payments = attempt(useStripe ? 'stripe' : 'offline', (id, reason) => new UnavailablePayments(id, reason), () =>
      createPayments({ provider: useStripe ? 'stripe' : 'offline', secretKey: stripeKey, apiBaseUrl: c.STRIPE_API_BASE_URL, mode: c.STRIPE_MODE, publicUrl: c.PUBLIC_URL }),
    );
    return {
      ai: ai.value, channel: channel.value, sms: sms.value, whatsapp: whatsapp.value, payments: payments.value,
      problems: { ai: ai.problem, channel: channel.problem, sms: sms.problem, whatsapp: whatsapp.problem, payments: payments.problem },
    };
  }
}

/** A provider built, or its stand-in with the reason it could not be. */
function attempt<T>(id: string, standIn: (id: string, reason: string) => T, build: () => T): { value: T; problem: string | null } {
  try {
    return { value: build(), problem: null };
  } catch (error) {
    const reason = `The ${id} provider cannot be used: ${error instanceof Error ? error.message : String(error)}. Check the workspace's settings and credentials.`;
    return { value: standIn(id, reason), problem: reason };
  }
}

/** Builds the process's default providers once at start-up, so bad options stop the app, not a job. */
export function checkDefaultProviders(config: ProviderConfig): void {
  const ai = defaultAiProvider(config);
  createAiAssistant({
    provider: ai,
    model: ai === 'openai' ? config.OPENAI_MODEL : ai === 'gemini' ? config.GEMINI_MODEL : null,
    apiKey: ai === 'openai' ? config.OPENAI_API_KEY : ai === 'gemini' ? config.GEMINI_API_KEY : null,
    baseUrl: ai === 'openai' ? config.OPENAI_BASE_URL : ai === 'gemini' ? config.GEMINI_BASE_URL : null,
  });
  if (config.SENDGRID_API_KEY) createSendGridChannel({ apiKey: config.SENDGRID_API_KEY, baseUrl: config.SENDGRID_BASE_URL });
  if (config.TWILIO_ACCOUNT_SID) {
    // A sender per channel may come from the tenants' settings: only what the environment gives is checked here.
    const twilio = twilioSettingsOf(config, {}, null);
    if (twilio.smsFrom || twilio.messagingServiceSid) createTwilioChannel('sms', twilio);
    if (twilio.whatsappFrom || twilio.messagingServiceSid) createTwilioChannel('whatsapp', twilio);
  }
  createPayments({ provider: config.STRIPE_SECRET_KEY ? 'stripe' : 'offline', secretKey: config.STRIPE_SECRET_KEY, apiBaseUrl: config.STRIPE_API_BASE_URL, mode: config.STRIPE_MODE, publicUrl: config.PUBLIC_URL });
}
