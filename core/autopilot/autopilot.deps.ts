import type { AiAssistant } from '../ai/ai-assistant.ts';
import type { LeadProfile } from '../ai/ai.types.ts';
import type { Channel, ChannelKind } from '../channels/channel.ts';
import { systemActor, type Actor } from '../context.ts';
import type { Lead } from '../leads/lead.types.ts';
import type { Payments } from '../payments/payments.ts';
import type { TenantUnitOfWork } from './autopilot.ports.ts';

/**
 * The providers a tenant uses now (its settings, else the process defaults). A provider that cannot
 * be set up (no key, a setting no longer valid) is a stand-in that fails every call with the reason,
 * which its step records on the lead; `problems` says so up front.
 */
export interface TenantProviders {
  ai: AiAssistant;
  /** Email. */
  channel: Channel;
  /** Text channels; null when the tenant keeps its leads off them (its setting is OFF). */
  sms: Channel | null;
  whatsapp: Channel | null;
  payments: Payments;
  problems: { ai: string | null; channel: string | null; sms: string | null; whatsapp: string | null; payments: string | null };
}

/** The channel that carries messages of `kind` for a tenant (null: the tenant does not use it). */
export function channelOf(providers: TenantProviders, kind: ChannelKind): Channel | null {
  return kind === 'email' ? providers.channel : providers[kind];
}

export interface ProviderResolver {
  resolve(tenantId: string): Promise<TenantProviders>;
  /** Drops what is cached for a tenant, after its settings or credentials change. */
  forget?(tenantId: string): void;
  /** The credentials (by name, e.g. openai_api_key) the process's environment supplies to every tenant. */
  credentialsFromEnvironment(): ReadonlySet<string>;
}

/** URLs the gateway serves for a lead: one-click unsubscribe. */
export interface AutopilotLinks {
  unsubscribeUrl(tenantId: string, leadId: string): string;
}

/** What every autopilot step needs, for one tenant. */
export interface AutopilotDeps {
  tenantId: string;
  uow: TenantUnitOfWork;
  providers: ProviderResolver;
  links: AutopilotLinks;
  now: () => Date;
}

export const autopilotActor: Actor = systemActor('autopilot');

export function profileOf(lead: Lead): LeadProfile {
  return {
    businessName: lead.businessName,
    contactName: lead.contactName,
    email: lead.email,
    phone: lead.phone,
    website: lead.website,
    industry: lead.industry,
    city: lead.city,
    country: lead.country,
    source: lead.source,
    companySize: lead.companySize,
    tags: lead.tags,
  };
}

/** A lead whose work was stopped: skip quietly (a retry or a duplicate job finds nothing to do). */
export class StepSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'StepSkipped';
  }
}

/** A skip decided inside a transaction whose writes must commit; throw it (with `unlessSkipped`) after. */
export interface Skip {
  skipped: string;
}

export const skip = (reason: string): Skip => ({ skipped: reason });

/** Throws StepSkipped for a Skip returned by a committed unit of work; passes anything else through. */
export function unlessSkipped<T>(value: T | Skip): T {
  if (value && typeof value === 'object' && 'skipped' in value) throw new StepSkipped((value as Skip).skipped);
  return value as T;
}

/** The step cannot run yet (e.g. the daily send limit): run it again at `retryAt`. */
export class StepDeferred extends Error {
  constructor(
    readonly reason: string,
    readonly retryAt: Date,
  ) {
    super(reason);
    this.name = 'StepDeferred';
  }
}

/** What became of one item of a batch step: the worker settles each job from its own outcome. */
export type StepOutcome<T> =
  | { status: 'done'; value: T }
  | { status: 'skipped'; reason: string }
  | { status: 'deferred'; reason: string; retryAt: Date }
  | { status: 'failed'; error: unknown };

export const done = <T>(value: T): StepOutcome<T> => ({ status: 'done', value });

/** The outcome of a step that threw: skips and deferrals are outcomes too, anything else a failure. */
export function outcomeOfError<T>(error: unknown): StepOutcome<T> {
  if (error instanceof StepSkipped) return { status: 'skipped', reason: error.reason };
  if (error instanceof StepDeferred) return { status: 'deferred', reason: error.reason, retryAt: error.retryAt };
  return { status: 'failed', error };
}

/** The single-item form of a batch step: its value, or the skip, deferral or error it stood for. */
export function settle<T>(outcome: StepOutcome<T> | undefined): T {
  if (!outcome) throw new Error('the step returned no outcome');
  switch (outcome.status) {
    case 'done':
      return outcome.value;
    case 'skipped':
      throw new StepSkipped(outcome.reason);
    case 'deferred':
      throw new StepDeferred(outcome.reason, outcome.retryAt);
    case 'failed':
      throw outcome.error;
  }
}
