import { randomBytes } from 'node:crypto';
import type { ServiceOffering } from '../../core/ai/ai.types.ts';
import type { SettingsStore } from '../../core/autopilot/autopilot.ports.ts';
import type { TenantSettings } from '../../core/autopilot/autopilot.types.ts';
import { notFound } from '../../core/errors.ts';
import { bigintAsString } from '../../core/money/money.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { sql, type Sql } from './database.ts';

export const DEFAULT_CHECKLIST = ['Kick-off call with the client', 'Collect brand assets and logins', 'Agree on goals and KPIs', 'Set up reporting', 'First progress review in two weeks'];

interface SettingsRow {
  tenant_id: string; autopilot: boolean; sender_name: string; sender_email: string; sender_company: string; sender_pitch: string;
  daily_send_limit: number; ai_provider: TenantSettings['aiProvider']; ai_model: string | null; channel_provider: TenantSettings['channelProvider'];
  payments_provider: TenantSettings['paymentsProvider']; currency: string; onboarding_checklist: string[]; inbound_secret: string;
  previous_inbound_secret: string | null; sms_provider: TenantSettings['smsProvider']; whatsapp_provider: TenantSettings['whatsappProvider'];
  twilio_messaging_service_sid: string | null; sms_from: string | null; whatsapp_from: string | null; whatsapp_template_sid: string | null;
  whatsapp_template_variables: string[];
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
  smsProvider: r.sms_provider,
  whatsappProvider: r.whatsapp_provider,
  twilioSender: { messagingServiceSid: r.twilio_messaging_service_sid, smsFrom: r.sms_from, whatsappFrom: r.whatsapp_from },
  whatsappTemplate: r.whatsapp_template_sid ? { contentSid: r.whatsapp_template_sid, variables: r.whatsapp_template_variables } : null,
  currency: r.currency,
  onboardingChecklist: r.onboarding_checklist,
  inboundSecret: r.inbound_secret,
  previousInboundSecret: r.previous_inbound_secret,
});

// The replaced inbound secret only while its grace period lasts.
const SETTINGS = sql`select *, case when inbound_secret_previous_until > now() then inbound_secret_previous end as previous_inbound_secret from tenant_settings where tenant_id = app_current_tenant()`;
const PREVIOUS = '.previous';

const columnOf: Record<string, string> = {
  autopilot: 'autopilot', dailySendLimit: 'daily_send_limit', aiProvider: 'ai_provider', aiModel: 'ai_model',
  channelProvider: 'channel_provider', paymentsProvider: 'payments_provider', currency: 'currency', smsProvider: 'sms_provider',
  whatsappProvider: 'whatsapp_provider',
};

/** A tenant's settings, catalog and encrypted credentials. */
export class PgSettingsStore implements SettingsStore {
  constructor(
    private readonly db: Sql,
    private readonly box: SecretBox,
  ) {}

  async get(): Promise<TenantSettings> {
    const found = await sql<SettingsRow>`${SETTINGS}`.execute(this.db);
    if (found.rows[0]) return toSettings(found.rows[0]);
    // First use: defaults from the tenant, and the secrets its webhooks will be checked with. The pitch
    // starts empty (the catalog says what the tenant sells) rather than a claim made for every tenant.
    await sql`
      insert into tenant_settings (tenant_id, sender_name, sender_email, sender_company, sender_pitch, currency, onboarding_checklist, inbound_secret)
      select id, name || ' team', 'outreach@crm-autopilot.local', name, '',
             case when default_country = 'IN' then 'INR' else 'USD' end, ${JSON.stringify(DEFAULT_CHECKLIST)}::jsonb, ${randomBytes(24).toString('base64url')}
        from tenants where id = app_current_tenant()
      on conflict do nothing`.execute(this.db);
    const created = await sql<SettingsRow>`${SETTINGS}`.execute(this.db);
    if (!created.rows[0]) throw notFound('Tenant', 'of this request');
    if (!(await this.secret('stripe_webhook_secret'))) await this.setSecret('stripe_webhook_secret', `whsec_${randomBytes(24).toString('base64url')}`);
    return toSettings(created.rows[0]);
  }

  async rotateInboundSecret(graceUntil: Date | null): Promise<TenantSettings> {
    await this.get();
    await sql`
      update tenant_settings set inbound_secret_previous = case when ${graceUntil}::timestamptz is null then null else inbound_secret end,
             inbound_secret_previous_until = ${graceUntil},
             inbound_secret = ${randomBytes(24).toString('base64url')}, updated_at = now()
       where tenant_id = app_current_tenant()`.execute(this.db);
    return this.get();
  }

  async update(patch: Partial<Omit<TenantSettings, 'tenantId' | 'inboundSecret' | 'previousInboundSecret'>>): Promise<TenantSettings> {
    await this.get();
    const sets = Object.entries(patch)
      .filter(([key]) => key in columnOf)
      .map(([key, value]) => sql`${sql.raw(columnOf[key] as string)} = ${value}`);
    if (patch.sender) {
      sets.push(sql`sender_name = ${patch.sender.name}`, sql`sender_email = ${patch.sender.email}`, sql`sender_company = ${patch.sender.company}`, sql`sender_pitch = ${patch.sender.pitch}`);
    }
    if (patch.onboardingChecklist) sets.push(sql`onboarding_checklist = ${JSON.stringify(patch.onboardingChecklist)}::jsonb`);
    if (patch.twilioSender) {
      const { messagingServiceSid, smsFrom, whatsappFrom } = patch.twilioSender;
      sets.push(sql`twilio_messaging_service_sid = ${messagingServiceSid}`, sql`sms_from = ${smsFrom}`, sql`whatsapp_from = ${whatsappFrom}`);
    }
    if (patch.whatsappTemplate !== undefined) {
      sets.push(sql`whatsapp_template_sid = ${patch.whatsappTemplate?.contentSid ?? null}`, sql`whatsapp_template_variables = ${JSON.stringify(patch.whatsappTemplate?.variables ?? [])}::jsonb`);
    }
    if (sets.length) await sql`update tenant_settings set ${sql.join(sets, sql`, `)}, updated_at = now() where tenant_id = app_current_tenant()`.execute(this.db);
    return this.get();
  }

  async catalog(): Promise<ServiceOffering[]> {
    const { rows } = await sql<{ id: string; name: string; description: string; price_min: string; price_max: string; currency: string }>`
      select id, name, description, price_min, price_max, currency from services where active order by position, created_at`.execute(this.db);
    return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, priceMin: BigInt(r.price_min), priceMax: BigInt(r.price_max), currency: r.currency }));
  }

  async replaceCatalog(services: Array<Omit<ServiceOffering, 'id'>>): Promise<ServiceOffering[]> {
    await sql`update services set active = false where active`.execute(this.db);
    if (services.length) {
      await sql`
        insert into services (tenant_id, name, description, price_min, price_max, currency, position)
        select app_current_tenant(), name, description, price_min, price_max, currency, ord
          from rows from (jsonb_to_recordset(${JSON.stringify(services.map((s) => ({ name: s.name, description: s.description, price_min: s.priceMin, price_max: s.priceMax, currency: s.currency })), bigintAsString)}::jsonb)
               as (name text, description text, price_min bigint, price_max bigint, currency text)) with ordinality as t(name, description, price_min, price_max, currency, ord)`.execute(this.db);
    }
    return this.catalog();
  }

  async secret(name: string): Promise<string | null> {
    const { rows } = await sql<{ ciphertext: Buffer; tenant_id: string }>`
      select ciphertext, tenant_id from tenant_secrets
       where tenant_id = app_current_tenant() and name = ${name} and (expires_at is null or expires_at > now())`.execute(this.db);
    return rows[0] ? this.box.open(rows[0].ciphertext, `${rows[0].tenant_id}:${name}`) : null;
  }

  previousSecret(name: string): Promise<string | null> {
    return this.secret(name + PREVIOUS);
  }

  async setSecret(name: string, value: string | null, graceUntil?: Date | null): Promise<void> {
    const current = await this.secret(name);
    if (value !== null && current === value && graceUntil) return; // the same value again: a grace under way goes on
    if (value !== null && current !== null && current !== value && graceUntil) await this.seal(name + PREVIOUS, current, graceUntil);
    // A removal, or a change without grace, ends every value that was accepted before, now.
    else await sql`delete from tenant_secrets where tenant_id = app_current_tenant() and name = ${name + PREVIOUS}`.execute(this.db);
    if (value === null) {
      await sql`delete from tenant_secrets where tenant_id = app_current_tenant() and name = ${name}`.execute(this.db);
      return;
    }
    await this.seal(name, value, null);
  }

  private async seal(name: string, value: string, expiresAt: Date | null): Promise<void> {
    const { rows } = await sql<{ id: string }>`select app_current_tenant() as id`.execute(this.db);
    const sealed = this.box.seal(value, `${rows[0]!.id}:${name}`);
    await sql`
      insert into tenant_secrets (tenant_id, name, ciphertext, expires_at) values (app_current_tenant(), ${name}, ${sealed}, ${expiresAt})
      on conflict (tenant_id, name) do update set ciphertext = excluded.ciphertext, expires_at = excluded.expires_at, updated_at = now()`.execute(this.db);
  }

  /** Credentials the user set (replaced ones in their grace period are not among them). */
  async secretNames(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`select name from tenant_secrets where tenant_id = app_current_tenant() and expires_at is null order by name`.execute(this.db);
    return rows.map((row) => row.name);
  }
}
