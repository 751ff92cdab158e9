import { Migration } from '@mikro-orm/migrations';

/**
 * Imports of real exports (issue #12): a row can be imported with a warning (a phone that could not
 * be read, kept as a custom field); blank rows, report footers and notes above the header are
 * counted as skipped; and a lead without email is a duplicate of one with the same phone (found
 * through the index below) or the same business name and city (found through the trigram index
 * on search_text, which holds both: one index more is a cost every imported row pays).
 */
export class Migration20261203100000_import_formats extends Migration {
  override up(): void {
    this.addSql(`
ALTER TABLE lead_import_issues DROP CONSTRAINT lead_import_issues_kind_check;
ALTER TABLE lead_import_issues ADD CONSTRAINT lead_import_issues_kind_check CHECK (kind IN ('invalid', 'duplicate', 'warning'));
ALTER TABLE lead_imports ADD COLUMN skipped integer NOT NULL DEFAULT 0, ADD COLUMN warnings integer NOT NULL DEFAULT 0;
CREATE INDEX leads_tenant_phone ON leads (tenant_id, phone) WHERE phone IS NOT NULL;
`);
  }
}
