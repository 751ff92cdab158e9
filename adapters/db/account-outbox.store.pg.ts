import type { AccountOutboxStore } from '../../core/accounts/account.ports.ts';
import type { AccountEmailKind, AccountOutboxEntry } from '../../core/accounts/account.types.ts';
import type { PageSlice } from '../../core/paging.ts';
import { sql, type Sql } from './database.ts';
import { keysetByTime } from './keyset.ts';
import { toDate } from './values.ts';

interface OutboxRow { message_id: string; kind: AccountEmailKind; to_address: string; from_address: string; subject: string; text_body: string; delivered_at: Date | string }

/** Account emails the offline mailer kept, per agency; idempotent by message id. */
export class PgAccountOutboxStore implements AccountOutboxStore {
  constructor(private readonly db: Sql) {}

  async deliver(entry: Omit<AccountOutboxEntry, 'deliveredAt'>): Promise<void> {
    await sql`
      insert into account_outbox (agency_id, message_id, kind, to_address, from_address, subject, text_body)
      values (app_current_agency(), ${entry.messageId}, ${entry.kind}, ${entry.toAddress}, ${entry.fromAddress}, ${entry.subject}, ${entry.text})
      on conflict do nothing`.execute(this.db);
  }

  async page(slice: PageSlice): Promise<AccountOutboxEntry[]> {
    const page = keysetByTime(slice, { table: 'account_outbox', time: 'delivered_at', key: 'message_id', keyType: 'text', scope: sql`agency_id = app_current_agency()` }, { newestFirst: true });
    const { rows } = await sql<OutboxRow>`
      select message_id, kind, to_address, from_address, subject, text_body, delivered_at from account_outbox
       where agency_id = app_current_agency() and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map((r) => ({ messageId: r.message_id, kind: r.kind, toAddress: r.to_address, fromAddress: r.from_address, subject: r.subject, text: r.text_body, deliveredAt: toDate(r.delivered_at) }));
  }
}
