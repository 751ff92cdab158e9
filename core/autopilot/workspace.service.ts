import { Permission, assertCan } from '../access.ts';
import type { ServiceOffering } from '../ai/ai.types.ts';
import type { TenantContext } from '../context.ts';
import { validationError, type FieldError } from '../errors.ts';
import type { AutopilotDeps } from './autopilot.deps.ts';
import type { AiDecision, Client, TenantStats, Message, OutboxEntry, Proposal, Task, TenantSettings } from './autopilot.types.ts';

/** Credentials a tenant may store (encrypted); the API only ever says which are set. */
export const CREDENTIAL_NAMES = ['openai_api_key', 'gemini_api_key', 'sendgrid_api_key', 'stripe_secret_key', 'stripe_webhook_secret'] as const;
export type CredentialName = (typeof CREDENTIAL_NAMES)[number];

export type SettingsPatch = Partial<Pick<TenantSettings, 'autopilot' | 'dailySendLimit' | 'aiProvider' | 'aiModel' | 'channelProvider' | 'paymentsProvider' | 'currency' | 'onboardingChecklist'>> & {
  sender?: Partial<TenantSettings['sender']> | null;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export interface LeadActivity {
  messages: Message[];
  proposal: Proposal | null;
  decisions: AiDecision[];
  tasks: Task[];
}

/** A tenant's autopilot workspace: settings, catalog, credentials, and what the funnel produced. */
export class AutopilotWorkspace {
  constructor(private readonly deps: AutopilotDeps) {}

  settings(ctx: TenantContext): Promise<TenantSettings> {
    assertCan(ctx.role, Permission.READ);
    return this.deps.uow.run((tx) => tx.settings.get());
  }

  async updateSettings(ctx: TenantContext, patch: SettingsPatch): Promise<TenantSettings> {
    assertCan(ctx.role, Permission.MANAGE_TENANTS);
    const errors: FieldError[] = [];
    if (patch.dailySendLimit != null && (patch.dailySendLimit < 0 || patch.dailySendLimit > 1_000_000)) errors.push({ field: 'dailySendLimit', message: 'must be between 0 and 1000000' });
    if (patch.currency != null && !/^[A-Z]{3}$/.test(patch.currency)) errors.push({ field: 'currency', message: 'must be a 3-letter ISO code such as INR' });
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
    if (errors.length) throw validationError(errors);
    const settings = await this.deps.uow.run(async (tx) => {
      const current = await tx.settings.get();
      const sender = patch.sender ? { ...current.sender, ...Object.fromEntries(Object.entries(patch.sender).filter(([, v]) => v != null)) } : undefined;
      const updated = await tx.settings.update({ ...stripNulls(patch), ...(sender ? { sender } : {}) } as Partial<TenantSettings>);
      // Switching the autopilot on picks up every NEW lead that waits.
      if (patch.autopilot && !current.autopilot) await tx.jobs.send('autopilot.dispatch', { tenantId: ctx.tenantId }, { singletonKey: ctx.tenantId });
      return updated;
    });
    this.deps.providers.forget?.(ctx.tenantId);
    return settings;
  }

  async setCredential(ctx: TenantContext, name: string, value: string | null): Promise<string[]> {
    assertCan(ctx.role, Permission.MANAGE_TENANTS);
    if (!(CREDENTIAL_NAMES as readonly string[]).includes(name)) throw validationError([{ field: 'name', message: `must be one of ${CREDENTIAL_NAMES.join(', ')}` }]);
    if (value !== null && (!value.trim() || value.length > 500)) throw validationError([{ field: 'value', message: 'must be 1-500 characters, or null to remove it' }]);
    const names = await this.deps.uow.run(async (tx) => {
      await tx.settings.setSecret(name, value?.trim() ?? null);
      return tx.settings.secretNames();
    });
    this.deps.providers.forget?.(ctx.tenantId);
    return names;
  }

  credentialsSet(ctx: TenantContext): Promise<string[]> {
    assertCan(ctx.role, Permission.READ);
    return this.deps.uow.run((tx) => tx.settings.secretNames());
  }

  catalog(ctx: TenantContext): Promise<ServiceOffering[]> {
    assertCan(ctx.role, Permission.READ);
    return this.deps.uow.run((tx) => tx.settings.catalog());
  }

  setCatalog(ctx: TenantContext, services: Array<Omit<ServiceOffering, 'id'>>): Promise<ServiceOffering[]> {
    assertCan(ctx.role, Permission.MANAGE_TENANTS);
    const errors: FieldError[] = [];
    services.forEach((s, i) => {
      if (!s.name.trim() || s.name.length > 200) errors.push({ field: `services.${i}.name`, message: 'must be 1-200 characters' });
      if (!Number.isInteger(s.priceMin) || s.priceMin < 0) errors.push({ field: `services.${i}.priceMin`, message: 'must be a whole amount in minor units (e.g. paise), 0 or more' });
      if (!Number.isInteger(s.priceMax) || s.priceMax < s.priceMin) errors.push({ field: `services.${i}.priceMax`, message: 'must be a whole amount, at least priceMin' });
      if (!/^[A-Z]{3}$/.test(s.currency)) errors.push({ field: `services.${i}.currency`, message: 'must be a 3-letter ISO code' });
    });
    if (services.length > 100) errors.push({ field: 'services', message: 'at most 100 services' });
    if (errors.length) throw validationError(errors);
    return this.deps.uow.run((tx) => tx.settings.replaceCatalog(services));
  }

  outbox(ctx: TenantContext, page: { first: number; before: string | null }): Promise<OutboxEntry[]> {
    assertCan(ctx.role, Permission.READ);
    return this.deps.uow.run((tx) => tx.messages.outbox(page));
  }

  inbox(ctx: TenantContext, page: { first: number; before: string | null }): Promise<Message[]> {
    assertCan(ctx.role, Permission.READ);
    return this.deps.uow.run((tx) => tx.messages.inbox(page));
  }

  /** What the funnel produced for a set of leads, in four queries whatever the number of leads. */
  async leadActivity(ctx: TenantContext, leadIds: string[]): Promise<Map<string, LeadActivity>> {
    assertCan(ctx.role, Permission.READ);
    return this.deps.uow.run(async (tx) => {
      const [messages, proposals, decisions, tasks] = await Promise.all([
        tx.messages.listForLeads(leadIds),
        tx.records.latestProposals(leadIds),
        tx.records.decisionsForLeads(leadIds),
        tx.records.tasksForLeads(leadIds),
      ]);
      const activity = new Map<string, LeadActivity>(leadIds.map((id) => [id, { messages: [], proposal: null, decisions: [], tasks: [] }]));
      for (const m of messages) activity.get(m.leadId as string)?.messages.push(m);
      for (const p of proposals) (activity.get(p.leadId) as LeadActivity).proposal = p;
      for (const d of decisions) activity.get(d.leadId as string)?.decisions.push(d);
      for (const t of tasks) activity.get(t.leadId as string)?.tasks.push(t);
      return activity;
    });
  }

  /** Leads per state, conversion, revenue collected and messages sent in the last `days` days. */
  async stats(ctx: TenantContext, days = 7): Promise<TenantStats> {
    assertCan(ctx.role, Permission.READ);
    const raw = await this.deps.uow.run((tx) => tx.records.stats(new Date(this.deps.now().getTime() - days * 86_400_000)));
    const totalLeads = Object.values(raw.leadsByStatus).reduce((sum, n) => sum + n, 0);
    return { ...raw, totalLeads, conversionRate: totalLeads ? (raw.leadsByStatus.PAID ?? 0) / totalLeads : 0 };
  }

  clients(ctx: TenantContext, first: number): Promise<Client[]> {
    assertCan(ctx.role, Permission.READ);
    return this.deps.uow.run((tx) => tx.records.clients({ first }));
  }

  tasks(ctx: TenantContext, filter: { status?: 'open' | 'done' | null; leadId?: string | null }): Promise<Task[]> {
    assertCan(ctx.role, Permission.READ);
    return this.deps.uow.run((tx) => tx.records.tasks(filter));
  }
}

function stripNulls<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key, v]) => v !== null && v !== undefined && key !== 'sender')) as Partial<T>;
}
