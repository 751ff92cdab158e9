import { Permission, assertCan } from '../access.ts';
import type { JobPayloads } from '../autopilot/jobs.ts';
import type { AgencyContext } from '../context.ts';
import { readPage, type Page, type PageQuery } from '../paging.ts';
import { invitationEmail, invitationUrl, passwordResetEmail, resetUrl } from './account-mail.ts';
import type { AccountDeps, AccountMailer } from './account.ports.ts';
import type { AccountEmail, AccountOutboxEntry } from './account.types.ts';
import { requireUser } from './caller.ts';

type EmailJob = JobPayloads['account.email'];

/**
 * Writes and sends account emails (the `account.email` job). Each job names one version of an
 * invitation or one reset; one that was superseded, used or already sent is skipped, so a retried
 * or duplicated job sends nothing twice (short of a crash between the send and its record).
 */
export class AccountMailService {
  constructor(
    private readonly deps: AccountDeps,
    private readonly mailer: AccountMailer,
  ) {}

  async deliver(job: EmailJob): Promise<'sent' | 'skipped'> {
    const email = await this.compose(job);
    if (!email) return 'skipped';
    await this.mailer.send(email);
    await this.deps.uow.run(job.agencyId, (tx) => (job.kind === 'invitation' ? tx.invitations.markSent(job.id, job.version) : tx.resets.markSent(job.id)));
    return 'sent';
  }

  /** Account emails the offline outbox kept. They carry sign-in links, so only owners read them. */
  async outbox(ctx: AgencyContext, query: PageQuery): Promise<Page<AccountOutboxEntry>> {
    requireUser(ctx);
    assertCan(ctx, Permission.READ_ACCOUNT_MAIL);
    return readPage(query, { defaultSize: 50, maxSize: 100 }, (slice) => this.deps.uow.run(ctx.agencyId, (tx) => tx.outbox.page(slice)));
  }

  /** The email a job stands for, with its link derived again; null when there is nothing (more) to send. */
  private compose(job: EmailJob): Promise<AccountEmail | null> {
    const now = this.deps.clock();
    return this.deps.uow.run(job.agencyId, async (tx) => {
      const agency = await tx.users.findAgency();
      if (!agency) return null;
      const messageId = `${job.kind}-${job.id}-${job.version}`;
      if (job.kind === 'invitation') {
        const invitation = await tx.invitations.find(job.id);
        if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.version !== job.version || invitation.emailedVersion >= job.version) return null;
        const link = invitationUrl(this.deps.publicUrl, this.deps.links.mint('invitation', job.agencyId, job.id, job.version).token);
        const mail = invitationEmail({ agencyName: agency.name, inviterName: invitation.invitedBy?.name ?? null, inviteeName: invitation.name, role: invitation.role, link, expiresAt: invitation.expiresAt });
        return { id: messageId, agencyId: job.agencyId, kind: job.kind, to: { email: invitation.email, name: invitation.name }, link, ...mail };
      }
      const reset = await tx.resets.find(job.id);
      if (!reset || reset.usedAt || reset.emailedAt || reset.expiresAt.getTime() <= now) return null;
      const user = await tx.users.findUser(reset.userId);
      if (!user) return null;
      const link = resetUrl(this.deps.publicUrl, this.deps.links.mint('password_reset', job.agencyId, job.id, 1).token);
      return { id: messageId, agencyId: job.agencyId, kind: job.kind, to: { email: user.email, name: user.name }, link, ...passwordResetEmail({ name: user.name, link, expiresAt: reset.expiresAt }) };
    });
  }
}
