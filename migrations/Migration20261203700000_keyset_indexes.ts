import { Migration } from '@mikro-orm/migrations';

/**
 * Lists page by keyset on their UUIDv7 ids (time-ordered): the inbox, a lead's messages, tasks and
 * AI decisions, and the tenant's tasks. Each page is one range of an index led by the tenant; the
 * indexes these replace ordered by created_at, which no list reads by any more. Tasks had no index
 * by lead at all (a lead's tasks, and deleting a lead, scanned the tenant's tasks).
 */
export class Migration20261203700000_keyset_indexes extends Migration {
  override up(): void {
    this.addSql(`
DROP INDEX messages_inbox;
CREATE INDEX messages_inbox ON messages (tenant_id, id) WHERE direction = 'in';
DROP INDEX messages_lead;
CREATE INDEX messages_lead ON messages (tenant_id, lead_id, id);
DROP INDEX ai_decisions_lead;
CREATE INDEX ai_decisions_lead ON ai_decisions (tenant_id, lead_id, id);
DROP INDEX tasks_open;
CREATE INDEX tasks_status ON tasks (tenant_id, status, id);
CREATE INDEX tasks_lead ON tasks (tenant_id, lead_id, id);`);
  }
}
