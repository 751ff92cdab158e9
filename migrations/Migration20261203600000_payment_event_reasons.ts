import { Migration } from '@mikro-orm/migrations';

/**
 * Every verified payment event is kept with why it was not acted on: ignored (malformed, or not one
 * of ours), held (the right amount for a lead closed as lost, waiting for a person), refused (an
 * amount that does not match). Nothing a provider confirmed is ever only in a log.
 */
export class Migration20261203600000_payment_event_reasons extends Migration {
  override up(): void {
    this.addSql(`
ALTER TABLE payment_events ADD COLUMN reason text;
`);
  }
}
