import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys of creating requests: a retry with the same key gets the first answer instead of
 * a second object. A key is claimed before the work and completed with its answer after; one whose
 * first request failed is released. Keys live 24 hours.
 */
export class Migration20261203520000_idempotency_keys extends Migration {
  override up(): void {
    this.addSql(`
CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  operation text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO crm_app;`);
  }
}
