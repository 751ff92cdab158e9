import { randomBytes } from 'node:crypto';
import type { ServiceOffering } from '../../core/ai/ai.types.ts';
import type { SettingsStore } from '../../core/autopilot/autopilot.ports.ts';
import type { TenantSettings } from '../../core/autopilot/autopilot.types.ts';
import { notFound } from '../../core/errors.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { sql, type Sql } from './database.ts';

export const DEFAULT_CHECKLIST = ['Kick-off call with the client', 'Collect brand assets and logins', 'Agree on goals and KPIs', 'Set up reporting', 'First progress review in two weeks'];

interface SettingsRow {
  tenant_id: string; autopilot: boolean; sender_name: string; sender_email: string; sender_company: string; sender_pitch: string;
  daily_send_limit: number; ai_provider: TenantSettings['aiProvider']; ai_model: string | null; channel_provider: TenantSettings['channelProvider'];
  payments_provider: TenantSettings['paymentsProvider']; currency: string; onboarding_checklist: string[]; inbound_secret: string;
}

const toSettings = (r: SettingsRow): TenantSettings => ({
  tenantId: r.tenant_id,
  autopilot: r.autopilot,
  sender: { name: r.sender_name, email: r.sender_email, company: r.sender_company, pitch: r.sender_pitch },
  dailySendLimit: r.daily_send_limit,
  aiProvider: r.ai_provider,
  aiModel: r.ai_model,
  channelProvider: r.channel_provider,
  paymentsProvider: r.payments_provider,
  currency: r.currency,
  onboardingChecklist: r.onboarding_checklist,
  inboundSecret: r.inbound_secret,
});

const columnOf: Record<string, string> = {
  autopilot: 'autopilot', dailySendLimit: 'daily_send_limit', aiProvider: 'ai_provider', aiModel: 'ai_model',
  channelProvider: 'channel_provider', paymentsProvider: 'payments_provider', currency: 'currency',
};

/** A tenant's settings, catalog and encrypted credentials. */
export class PgSettingsStore implements SettingsStore {
  constructor(
    private readonly db: Sql,
    private readonly box: SecretBox,
  ) {}

  async get(): Promise<TenantSettings> {
    const found = await sql<SettingsRow>`select * from tenant_settings where tenant_id = app_current_tenant()`.execute(this.db);
    if (found.rows[0]) return toSettings(found.rows[0]);
    // First use: defaults from the tenant, and the secrets its webhooks will be checked with. The pitch
    // starts empty (the catalog says what the tenant sells) rather than a claim made for every tenant.
    await sql`
      insert into tenant_settings (tenant_id, sender_name, sender_email, sender_company, sender_pitch, currency, onboarding_checklist, inbound_secret)
      select id, name || ' team', 'outreach@crm-autopilot.local', name, '',
             case when default_country = 'IN' then 'INR' else 'USD' end, ${JSON.stringify(DEFAULT_CHECKLIST)}::jsonb, ${randomBytes(24).toString('base64url')}
        from tenants where id = app_current_tenant()
      on conflict do nothing`.execute(this.db);
    const created = await sql<SettingsRow>`select * from tenant_settings where tenant_id = app_current_tenant()`.execute(this.db);
    if (!created.rows[0]) throw notFound('Tenant', 'of this request');
    if (!(await this.secret('stripe_webhook_secret'))) await this.setSecret('stripe_webhook_secret', `whsec_${randomBytes(24).toString('base64url')}`);
    return toSettings(created.rows[0]);
  }

  async update(patch: Partial<Omit<TenantSettings, 'tenantId' | 'inboundSecret'>>): Promise<TenantSettings> {
    await this.get();
    const sets = Object.entries(patch)
      .filter(([key]) => key in columnOf)
      .map(([key, value]) => sql`${sql.raw(columnOf[key] as string)} = ${value}`);
    if (patch.sender) {
      sets.push(sql`sender_name = ${patch.sender.name}`, sql`sender_email = ${patch.sender.email}`, sql`sender_company = ${patch.sender.company}`, sql`sender_pitch = ${patch.sender.pitch}`);
    }
    if (patch.onboardingChecklist) sets.push(sql`onboarding_checklist = ${JSON.stringify(patch.onboardingChecklist)}::jsonb`);
    if (sets.length) await sql`update tenant_settings set ${sql.join(sets, sql`, `)}, updated_at = now() where tenant_id = app_current_tenant()`.execute(this.db);
    return this.get();
  }

  async catalog(): Promise<ServiceOffering[]> {
    const { rows } = await sql<{ id: string; name: string; description: string; price_min: string; price_max: string; currency: string }>`
      select id, name, description, price_min, price_max, currency from services where active order by position, created_at`.execute(this.db);
    return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, priceMin: Number(r.price_min), priceMax: Number(r.price_max), currency: r.currency }));
  }

  async replaceCatalog(services: Array<Omit<ServiceOffering, 'id'>>): Promise<ServiceOffering[]> {
    await sql`update services set active = false where active`.execute(this.db);
    if (services.length) {
      await sql`
        insert into services (tenant_id, name, description, price_min, price_max, currency, position)
        select app_current_tenant(), name, description, price_min, price_max, currency, ord
          from rows from (jsonb_to_recordset(${JSON.stringify(services.map((s) => ({ name: s.name, description: s.description, price_min: s.priceMin, price_max: s.priceMax, currency: s.currency })))}::jsonb)
               as (name text, description text, price_min bigint, price_max bigint, currency text)) with ordinality as t(name, description, price_min, price_max, currency, ord)`.execute(this.db);
    }
    return this.catalog();
  }

  async secret(name: string): Promise<string | null> {
    const { rows } = await sql<{ ciphertext: Buffer; tenant_id: string }>`
      select ciphertext, tenant_id from tenant_secrets where tenant_id = app_current_tenant() and name = ${name}`.execute(this.db);
    return rows[0] ? this.box.open(rows[0].ciphertext, `${rows[0].tenant_id}:${name}`) : null;
  }

  async setSecret(name: string, value: string | null): Promise<void> {
    if (value === null) {
      await sql`delete from tenant_secrets where tenant_id = app_current_tenant() and name = ${name}`.execute(this.db);
      return;
    }
    const { rows } = await sql<{ id: string }>`select app_current_tenant() as id`.execute(this.db);
    const sealed = this.box.seal(value, `${rows[0]!.id}:${name}`);
    await sql`
      insert into tenant_secrets (tenant_id, name, ciphertext) values (app_current_tenant(), ${name}, ${sealed})
      on conflict (tenant_id, name) do update set ciphertext = excluded.ciphertext, updated_at = now()`.execute(this.db);
  }

  async secretNames(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`select name from tenant_secrets where tenant_id = app_current_tenant() order by name`.execute(this.db);
    return rows.map((row) => row.name);
  }
}
