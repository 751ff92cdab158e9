import { Migration } from '@mikro-orm/migrations';

/**
 * The daily send limit as a counter per tenant and day: a batch reserves its sends in one atomic
 * UPDATE (no count over the day's messages, and two workers cannot both take the last slot).
 */
export class Migration20261124030000_send_counters extends Migration {
  override up(): void {
    this.addSql(`
CREATE TABLE send_counters (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  day date NOT NULL,
  sent integer NOT NULL DEFAULT 0 CHECK (sent >= 0),
  PRIMARY KEY (tenant_id, day)
);
ALTER TABLE send_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE send_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON send_counters USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON send_counters TO crm_app;
-- Today's counters start from what was already sent today, so an upgrade keeps the limit.
INSERT INTO send_counters (tenant_id, day, sent)
SELECT tenant_id, (sent_at AT TIME ZONE 'UTC')::date, count(*) FROM messages
 WHERE direction = 'out' AND sent_at IS NOT NULL AND sent_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
 GROUP BY 1, 2;`);
  }
}
