import { Migration } from '@mikro-orm/migrations';

/** Imported leads get their "created" timeline entry from the import, which now names its actor. */
export class Migration20261124020000_import_actor extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE lead_imports ADD COLUMN actor_name text;`);
  }
}
