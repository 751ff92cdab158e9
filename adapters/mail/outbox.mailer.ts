import type { AccountMailer } from '../../core/accounts/account.ports.ts';
import type { AccountEmail } from '../../core/accounts/account.types.ts';
import { PgAccountOutboxStore } from '../db/account-outbox.store.pg.ts';
import type { Database } from '../db/database.ts';

/** Where the offline mailer says what it kept: the process's log. */
export type MailLog = (fields: Record<string, unknown>, message: string) => void;

/**
 * Account emails without an email provider: kept in the agency's account outbox (its owners read
 * them in the dashboard's Outbox) and written to the log with their link, so whoever runs the
 * product can open it. Idempotent by the email's id.
 */
export class OutboxAccountMailer implements AccountMailer {
  static readonly id = 'outbox';

  constructor(
    private readonly db: Database,
    private readonly from: string,
    private readonly log: MailLog,
  ) {}

  async send(email: AccountEmail): Promise<void> {
    await this.db.transaction({ agencyId: email.agencyId, tenantId: null }, (tx) =>
      new PgAccountOutboxStore(tx).deliver({ messageId: email.id, kind: email.kind, toAddress: email.to.email, fromAddress: this.from, subject: email.subject, text: email.text }),
    );
    this.log({ kind: email.kind, to: email.to.email, link: email.link }, `No email provider is configured: the ${email.kind.replace('_', ' ')} email to ${email.to.email} is in the outbox. Its link: ${email.link}`);
  }
}
