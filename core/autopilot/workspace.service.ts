import { Permission, assertCan } from '../access.ts';
import { AiUnavailableError } from '../ai/ai-assistant.ts';
import type { ReplyClassification, ServiceOffering } from '../ai/ai.types.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, ErrorCode, validationError, type FieldError } from '../errors.ts';
import { readAmount, readCurrency } from '../money/money-input.ts';
import { callAi } from './ai-call.ts';
import { keyStillNeeded, providerProblems, providersAfter, readAiModel } from './provider-choice.ts';
import type { AutopilotDeps } from './autopilot.deps.ts';
import type { NodeKind } from './autopilot.ports.ts';
import type { TenantStats, Message, Proposal, TenantSettings } from './autopilot.types.ts';

/** Credentials a tenant may store (encrypted); the API only ever says which are set. */
export const ProviderCredential = {
  OPENAI_API_KEY: 'openai_api_key',
  GEMINI_API_KEY: 'gemini_api_key',
  SENDGRID_API_KEY: 'sendgrid_api_key',
  STRIPE_SECRET_KEY: 'stripe_secret_key',
  STRIPE_WEBHOOK_SECRET: 'stripe_webhook_secret',
} as const;
export type CredentialName = (typeof ProviderCredential)[keyof typeof ProviderCredential];
export const CREDENTIAL_NAMES: readonly CredentialName[] = Object.values(ProviderCredential);
const isCredentialName = (name: string): name is CredentialName => (CREDENTIAL_NAMES as readonly string[]).includes(name);

export type SettingsPatch = Partial<Pick<TenantSettings, 'autopilot' | 'dailySendLimit' | 'aiProvider' | 'aiModel' | 'channelProvider' | 'paymentsProvider' | 'currency' | 'onboardingChecklist'>> & {
  sender?: Partial<TenantSettings['sender']> | null;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PROVIDER_FIELDS = ['aiProvider', 'channelProvider', 'paymentsProvider'] as const;
const DEFAULT_PROVIDERS = { aiProvider: 'default', channelProvider: 'default', paymentsProvider: 'default' } as const;
/** For the check before any I/O: only whether each value is one of its set (keys are checked in the transaction). */
const ALL_KEYS: ReadonlySet<string> = new Set(CREDENTIAL_NAMES);

/**
 * How long a replaced webhook secret stays accepted: long enough to update the provider's settings
 * and for its retries of posts already under way (SendGrid retries for up to three days, but a day
 * covers the change itself), short enough that a leaked secret soon stops working.
 */
export const WEBHOOK_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

/** The dates a reply to try may say it arrived on: any real one, not a typo's year 20260. */
const RECEIVED_FROM = Date.UTC(2000, 0, 1);
const RECEIVED_UNTIL = Date.UTC(2101, 0, 1) - 1;
/**
 * Requests that run the AI on demand (classifyReply, writing an outreach, a proposal or a follow-up
 * by hand, a simulated reply) a tenant may make per minute, whoever asks and however (aliases,
 * requests, transports): each costs money with a paid provider. The autopilot's own work is bounded
 * by the daily send limit instead.
 */
export const DEFAULT_AI_REQUESTS_PER_MINUTE = 20;
/** The longest grace a caller may ask for (the default); 0 ends the replaced secret at once (it leaked). */
export const MAX_GRACE_SECONDS = WEBHOOK_SECRET_GRACE_MS / 1000;
const MINUTE_MS = 60_000;
/** A service's description goes into every proposal prompt: a paragraph, not a document. */
export const MAX_SERVICE_DESCRIPTION = 2_000;

/** Credentials that verify what providers post: replacing one keeps the old value for the grace period. */
const WEBHOOK_SECRETS: readonly string[] = ['stripe_webhook_secret'];
/** A catalog entry as a caller writes it: prices are minor units as text, checked here. */
export interface ServiceInput {
  name: string;
  description?: string | null;
  priceMin: string;
  /** Omitted for a fixed price (= priceMin). */
  priceMax?: string | null;
  currency: string;
}

/** A tenant's autopilot workspace: settings, catalog, credentials and figures (the lists are in funnel-lists.service.ts). */
export class AutopilotWorkspace {
  constructor(private readonly deps: AutopilotDeps) {}

  settings(ctx: TenantContext): Promise<TenantSettings> {
    assertCan(ctx, Permission.READ);
    return this.deps.uow.run((tx) => tx.settings.get());
  }

  async updateSettings(ctx: TenantContext, patch: SettingsPatch): Promise<TenantSettings> {
    assertCan(ctx, Permission.MANAGE_SETTINGS);
    const errors: FieldError[] = [];
    if (patch.dailySendLimit != null && (patch.dailySendLimit < 0 || patch.dailySendLimit > 1_000_000)) errors.push({ field: 'dailySendLimit', message: 'must be between 0 and 1000000' });
    const currency = patch.currency == null ? null : readCurrency('currency', patch.currency, errors);
    if (patch.sender?.email != null && !EMAIL.test(patch.sender.email)) errors.push({ field: 'sender.email', message: 'is not a valid email address' });
    for (const key of ['name', 'company', 'pitch'] as const) {
      const value = patch.sender?.[key];
      // An empty pitch is allowed: outreach then says what the tenant sells from its catalog.
      const min = key === 'pitch' ? 0 : 1;
      if (value != null && (value.trim().length < min || value.length > 300)) errors.push({ field: `sender.${key}`, message: `must be ${min}-300 characters` });
    }
    if (patch.onboardingChecklist && (patch.onboardingChecklist.length > 30 || patch.onboardingChecklist.some((item) => !item.trim() || item.length > 200))) {
      errors.push({ field: 'onboardingChecklist', message: 'must be at most 30 items of 1-200 characters' });
    }
    const aiModel = readAiModel(patch.aiModel, errors);
    const providersChanged = PROVIDER_FIELDS.filter((field) => patch[field] != null);
    errors.push(...providerProblems(providersAfter(DEFAULT_PROVIDERS, patch), ALL_KEYS, providersChanged));
    if (errors.length) throw validationError(errors);
    const settings = await this.deps.uow.run(async (tx) => {
      const current = await tx.settings.get();
      // A provider that needs a key is chosen only once the key is there (the tenant's, or the server's).
      const available = new Set([...(await tx.settings.secretNames()), ...this.deps.providers.credentialsFromEnvironment()]);
      const keyProblems = providerProblems(providersAfter(current, patch), available, providersChanged);
      if (keyProblems.length) throw validationError(keyProblems);
      const sender = patch.sender ? { ...current.sender, ...Object.fromEntries(Object.entries(patch.sender).filter(([, v]) => v != null)) } : undefined;
      const updated = await tx.settings.update({ ...stripNulls({ ...patch, aiModel: undefined }), ...(aiModel !== undefined ? { aiModel } : {}), ...(currency ? { currency } : {}), ...(sender ? { sender } : {}) } as Partial<TenantSettings>);
      // Switching the autopilot on picks up every NEW lead that waits.
      if (patch.autopilot && !current.autopilot) await tx.jobs.send('autopilot.dispatch', { tenantId: ctx.tenantId }, { singletonKey: ctx.tenantId });
      return updated;
    });
    this.deps.providers.forget?.(ctx.tenantId);
    return settings;
  }

  /**
   * Sets or removes a credential. A removal ends it at once, and with it any value it replaced that
   * was still accepted. A replaced webhook secret stays accepted for `graceSeconds` (default and most
   * MAX_GRACE_SECONDS; 0 ends it at once, for a secret that leaked).
   */
  async setCredential(ctx: TenantContext, name: string, value: string | null, graceSeconds?: number | null): Promise<CredentialName[]> {
    assertCan(ctx, Permission.MANAGE_SETTINGS);
    if (!isCredentialName(name)) throw validationError([{ field: 'name', message: `must be one of ${CREDENTIAL_NAMES.join(', ')}` }]);
    if (value != null && (!value.trim() || value.length > 500)) throw validationError([{ field: 'value', message: 'must be 1-500 characters, or null to remove it' }]);
    const grace = readGrace(graceSeconds);
    const names = await this.deps.uow.run(async (tx) => {
      const stillNeeded = value == null ? keyStillNeeded(await tx.settings.get(), name, this.deps.providers.credentialsFromEnvironment()) : null;
      if (stillNeeded) throw validationError([{ field: 'value', message: `cannot be removed: ${stillNeeded}` }]);
      const keepReplacedUntil = WEBHOOK_SECRETS.includes(name) && grace > 0 ? new Date(this.deps.now().getTime() + grace * 1000) : null;
      await tx.settings.setSecret(name, value?.trim() ?? null, keepReplacedUntil);
      return (await tx.settings.secretNames()).filter(isCredentialName);
    });
    // This process stops accepting an ended secret now; other processes within their cache's few seconds.
    this.deps.providers.forget?.(ctx.tenantId);
    return names;
  }

  /** A new secret in the inbound email webhook's URL; the old URL keeps working for `graceSeconds` (default a day; 0: not at all). */
  async rotateInboundSecret(ctx: TenantContext, graceSeconds?: number | null): Promise<TenantSettings> {
    assertCan(ctx, Permission.READ_SECRETS);
    const grace = readGrace(graceSeconds);
    const keepOldUntil = grace > 0 ? new Date(this.deps.now().getTime() + grace * 1000) : null;
    const settings = await this.deps.uow.run((tx) => tx.settings.rotateInboundSecret(keepOldUntil));
    this.deps.providers.forget?.(ctx.tenantId);
    return settings;
  }

  /** Counts one request that runs the AI on demand; past `perMinute` this minute, RATE_LIMITED. */
  async chargeAiBudget(ctx: TenantContext, perMinute = DEFAULT_AI_REQUESTS_PER_MINUTE): Promise<void> {
    assertCan(ctx, Permission.SPEND_AI);
    const now = this.deps.now().getTime();
    const windowStart = now - (now % MINUTE_MS);
    const used = await this.deps.uow.run((tx) => tx.records.countUsage('ai', new Date(windowStart)));
    if (used > perMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + MINUTE_MS - now) / 1000));
      throw new DomainError(ErrorCode.RATE_LIMITED, `This workspace may run the AI on demand ${perMinute} times a minute; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
  }

  /**
   * The tenant's AI on any text, storing nothing (the gateway charges the AI budget first). Dates in
   * the reply are read from `receivedAt` (default now), as for a reply that arrived then.
   */
  async tryClassifyReply(ctx: TenantContext, input: { subject: string | null; body: string; receivedAt?: Date | null }): Promise<ReplyClassification> {
    assertCan(ctx, Permission.SPEND_AI);
    const errors: FieldError[] = [];
    if (!input.body.trim() || input.body.length > 20_000) errors.push({ field: 'body', message: 'must be 1-20000 characters' });
    if (input.subject && input.subject.length > 300) errors.push({ field: 'subject', message: 'must be at most 300 characters' });
    const receivedAt = input.receivedAt ?? this.deps.now();
    if (Number.isNaN(receivedAt.getTime()) || receivedAt.getTime() < RECEIVED_FROM || receivedAt.getTime() > RECEIVED_UNTIL) {
      errors.push({ field: 'receivedAt', message: 'must be a date between 2000-01-01 and 2100-12-31' });
    }
    if (errors.length) throw validationError(errors);
    const { ai } = await this.deps.providers.resolve(ctx.tenantId);
    // Our own address is never a referral; the AI is told which it is.
    const senderEmail = (await this.deps.uow.run((tx) => tx.settings.get())).sender.email || null;
    const unavailable = (why: string) => new DomainError(ErrorCode.UNAVAILABLE, `The workspace's AI (${ai.id}) cannot answer now: ${why}`, { reason: 'PROVIDER', provider: ai.id });
    let outcome;
    try {
      outcome = await callAi(ai.id, () => ai.classifyReply({ lead: null, subject: input.subject, body: input.body, receivedAt, senderEmail }));
    } catch (error) {
      // An outage (the provider unreachable, rate limiting, a 5xx): said as such, never an internal error.
      if (error instanceof AiUnavailableError) throw unavailable(error.message);
      throw error;
    }
    if (!outcome.ok) throw outcome.unavailable ? unavailable(outcome.error) : new DomainError(ErrorCode.VALIDATION, `The AI did not return a valid classification: ${outcome.error}`);
    return outcome.result.output;
  }

  /** What `id` names in this tenant, with the object for the kinds this service owns (messages, proposals). */
  async node(ctx: TenantContext, id: string): Promise<{ kind: NodeKind; value: Message | Proposal | null } | null> {
    assertCan(ctx, Permission.READ);
    return this.deps.uow.run(async (tx) => {
      const kind = await tx.records.kindOf(id);
      if (kind === 'Message') return { kind, value: await tx.messages.find(id) };
      if (kind === 'Proposal') return { kind, value: await tx.records.findProposal(id) };
      return kind ? { kind, value: null } : null;
    });
  }

  async credentialsSet(ctx: TenantContext): Promise<CredentialName[]> {
    assertCan(ctx, Permission.READ);
    return (await this.deps.uow.run((tx) => tx.settings.secretNames())).filter(isCredentialName);
  }

  catalog(ctx: TenantContext): Promise<ServiceOffering[]> {
    assertCan(ctx, Permission.READ);
    return this.deps.uow.run((tx) => tx.settings.catalog());
  }

  setCatalog(ctx: TenantContext, input: ServiceInput[]): Promise<ServiceOffering[]> {
    assertCan(ctx, Permission.MANAGE_SETTINGS);
    const errors: FieldError[] = [];
    if (input.length > 100) errors.push({ field: 'services', message: 'at most 100 services' });
    const services = input.slice(0, 100).map((s, i) => {
      const field = `services.${i}`;
      if (!s.name.trim() || s.name.length > 200) errors.push({ field: `${field}.name`, message: 'must be 1-200 characters' });
      if (s.description && s.description.length > MAX_SERVICE_DESCRIPTION) errors.push({ field: `${field}.description`, message: `must be at most ${MAX_SERVICE_DESCRIPTION} characters` });
      const priceMin = readAmount(`${field}.priceMin`, s.priceMin, errors);
      const priceMax = s.priceMax == null ? priceMin : readAmount(`${field}.priceMax`, s.priceMax, errors);
      if (priceMin !== null && priceMax !== null && priceMax < priceMin) errors.push({ field: `${field}.priceMax`, message: 'must be at least priceMin' });
      const currency = readCurrency(`${field}.currency`, s.currency, errors);
      return { name: s.name, description: s.description ?? '', priceMin: priceMin ?? 0n, priceMax: priceMax ?? 0n, currency: currency ?? '' };
    });
    // Nothing is stored unless every entry is right: a refused price is never half-saved.
    if (errors.length) throw validationError(errors);
    return this.deps.uow.run((tx) => tx.settings.replaceCatalog(services));
  }

  /** Leads per state, conversion, revenue collected and messages sent in the last `days` days. */
  async stats(ctx: TenantContext, days = 7): Promise<TenantStats> {
    assertCan(ctx, Permission.READ);
    const raw = await this.deps.uow.run((tx) => tx.records.stats(new Date(this.deps.now().getTime() - days * 86_400_000)));
    const totalLeads = Object.values(raw.leadsByStatus).reduce((sum, n) => sum + n, 0);
    return { ...raw, totalLeads, conversionRate: totalLeads ? (raw.leadsByStatus.PAID ?? 0) / totalLeads : 0 };
  }
}

/** How long a replaced secret stays accepted, in seconds: MAX_GRACE_SECONDS unless the caller says less. */
function readGrace(graceSeconds: number | null | undefined): number {
  if (graceSeconds == null) return MAX_GRACE_SECONDS;
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    throw validationError([{ field: 'graceSeconds', message: `must be a whole number of seconds from 0 (the old secret stops now) to ${MAX_GRACE_SECONDS} (a day)` }]);
  }
  return graceSeconds;
}

function stripNulls<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key, v]) => v !== null && v !== undefined && key !== 'sender')) as Partial<T>;
}
