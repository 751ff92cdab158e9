import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook secrets can be rotated: the one replaced stays valid until a deadline, so a provider that
 * still posts to the old URL (or signs with the old secret) during the change loses nothing. And
 * per-tenant usage counters for what costs money on demand (trying the AI), per fixed window.
 */
export class Migration20261203500000_secrets_and_usage extends Migration {
  override up(): void {
    this.addSql(`
ALTER TABLE tenant_settings
  ADD COLUMN inbound_secret_previous text,
  ADD COLUMN inbound_secret_previous_until timestamptz;
-- A secret with an expiry is a replaced one in its grace period (never a credential the user set).
ALTER TABLE tenant_secrets ADD COLUMN expires_at timestamptz;

CREATE TABLE usage_counters (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  window_start timestamptz NOT NULL,
  used integer NOT NULL CHECK (used > 0),
  PRIMARY KEY (tenant_id, name)
);
ALTER TABLE usage_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_counters USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON usage_counters TO crm_app;
`);
  }
}
