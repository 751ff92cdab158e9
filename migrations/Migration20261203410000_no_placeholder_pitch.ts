import { Migration } from '@mikro-orm/migrations';

/**
 * Tenants created before this change got a placeholder pitch ("help businesses like yours win more
 * customers") that every tenant's outreach then claimed, whatever it sells. It was never written by
 * a person: it becomes empty, and outreach says what the tenant sells from its catalog instead.
 */
export class Migration20261203410000_no_placeholder_pitch extends Migration {
  override up(): void {
    this.addSql(`UPDATE tenant_settings SET sender_pitch = '' WHERE sender_pitch = 'help businesses like yours win more customers';`);
  }
}
