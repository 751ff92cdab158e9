import { Permission, assertCan, canAssignRole, type Role } from '../access.ts';
import type { AgencyContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError } from '../errors.ts';
import { LIST_PAGE, readPage, type Page, type PageQuery } from '../paging.ts';
import { checkEmail, checkName, checkPassword, checkRole, checkTenantIds, normalEmail } from '../tenancy/tenancy-input.ts';
import type { User } from '../tenancy/tenancy.types.ts';
import { INVITATION_TTL_MS } from './account-mail.ts';
import type { AccountDeps, AccountTx } from './account.ports.ts';
import type { ClientInfo, Invitation, Session } from './account.types.ts';
import { requireUser } from './caller.ts';
import { invalidLink } from './password.service.ts';
import type { SessionService } from './session.service.ts';
import { invitationCounter, linkCounter } from './throttle.ts';

export interface InviteInput {
  email: string;
  name: string;
  role: Role;
  tenantIds?: string[] | null;
}

/** What the invitee sees before accepting. */
export interface InvitationPreview {
  email: string;
  name: string;
  role: Role;
  agencyName: string;
  invitedBy: string | null;
  expiresAt: Date;
}

const pending = (invitation: Invitation | null): invitation is Invitation => Boolean(invitation && !invitation.acceptedAt && !invitation.revokedAt);

/**
 * People join an agency by invitation: an owner or admin names them, their role and workspaces; they
 * get an email with a one-time link (valid 7 days) and choose their own password. Inviting answers
 * the same whether or not the address has an account elsewhere; only the invitee, holding the link,
 * learns that (when accepting).
 */
export class InvitationService {
  constructor(
    private readonly deps: AccountDeps,
    private readonly sessions: SessionService,
  ) {}

  async invite(ctx: AgencyContext, input: InviteInput): Promise<Invitation> {
    const userId = requireUser(ctx);
    assertCan(ctx, Permission.MANAGE_USERS);
    const errors = [...checkName('name', input.name), ...checkEmail(input.email), ...checkRole(input.role), ...checkTenantIds(input.tenantIds)];
    if (errors.length) throw validationError(errors);
    this.assertMayInvite(ctx, input.role);
    await this.deps.attempts.enforce([invitationCounter(ctx.agencyId)]);
    const email = normalEmail(input.email);
    const id = this.deps.newId();
    const { hash } = this.deps.links.mint('invitation', ctx.agencyId, id, 1);
    return this.deps.uow.run(ctx.agencyId, async (tx) => {
      // Only this agency's users are visible here: another agency's account with this address is not.
      if (await tx.users.findUserByEmail(email)) throw new DomainError(ErrorCode.CONFLICT, `${email} is already a member of this agency.`, { field: 'email' });
      const tenantIds = await this.knownTenants(tx, input.tenantIds ?? []);
      const invitation = await tx.invitations.create({
        id,
        email,
        name: input.name.trim(),
        role: input.role,
        tenantIds,
        invitedBy: { id: userId, name: ctx.actor.name },
        tokenHash: hash,
        expiresAt: new Date(this.deps.clock() + INVITATION_TTL_MS),
      });
      await tx.jobs.send('account.email', { agencyId: ctx.agencyId, kind: 'invitation', id, version: 1 });
      return invitation;
    });
  }

  /** Invitations not yet accepted or revoked (expired ones too: they can be resent). */
  async list(ctx: AgencyContext, query: PageQuery): Promise<Page<Invitation>> {
    requireUser(ctx);
    assertCan(ctx, Permission.MANAGE_USERS);
    return readPage(query, LIST_PAGE, (slice) => this.deps.uow.run(ctx.agencyId, (tx) => tx.invitations.pagePending(slice)));
  }

  /** Sends a new link (the old one stops working) valid for another 7 days. */
  async resend(ctx: AgencyContext, id: string): Promise<Invitation> {
    requireUser(ctx);
    assertCan(ctx, Permission.MANAGE_USERS);
    await this.deps.attempts.enforce([invitationCounter(ctx.agencyId)]);
    return this.deps.uow.run(ctx.agencyId, async (tx) => {
      const invitation = await tx.invitations.find(id, { forUpdate: true });
      if (!pending(invitation)) throw notFound('Invitation', id);
      this.assertMayInvite(ctx, invitation.role);
      const version = invitation.version + 1;
      const { hash } = this.deps.links.mint('invitation', ctx.agencyId, id, version);
      // Sent again, it is the sender's now (the one who first sent it may have left).
      const renewed = await tx.invitations.renew(id, { version, tokenHash: hash, expiresAt: new Date(this.deps.clock() + INVITATION_TTL_MS), invitedBy: { id: ctx.userId as string, name: ctx.actor.name } });
      if (!renewed) throw notFound('Invitation', id);
      await tx.jobs.send('account.email', { agencyId: ctx.agencyId, kind: 'invitation', id, version });
      return renewed;
    });
  }

  /** Withdraws a pending invitation: its link stops working. */
  async revoke(ctx: AgencyContext, id: string): Promise<Invitation> {
    requireUser(ctx);
    assertCan(ctx, Permission.MANAGE_USERS);
    return this.deps.uow.run(ctx.agencyId, async (tx) => {
      const invitation = await tx.invitations.find(id, { forUpdate: true });
      if (!pending(invitation)) throw notFound('Invitation', id);
      this.assertMayInvite(ctx, invitation.role);
      const revoked = await tx.invitations.revoke(id);
      if (!revoked) throw notFound('Invitation', id);
      return revoked;
    });
  }

  /** What an invitation link offers, for the page that accepts it (anyone holding the link). */
  async preview(token: string, address: string | null): Promise<InvitationPreview> {
    await this.deps.attempts.enforce([linkCounter(address)]);
    const parsed = this.parse(token);
    return this.deps.uow.run(parsed.agencyId, async (tx) => {
      const invitation = await this.usable(tx, parsed.id, token);
      const agency = await tx.users.findAgency();
      if (!agency) throw invalidLink('invitation');
      return { email: invitation.email, name: invitation.name, role: invitation.role, agencyName: agency.name, invitedBy: invitation.invitedBy?.name ?? null, expiresAt: invitation.expiresAt };
    });
  }

  /**
   * Accepts an invitation: the invitee's account, with the password they chose, their role and the
   * workspaces that still exist, and a session. The link works once.
   */
  async accept(token: string, password: string, client: ClientInfo): Promise<{ user: User; session: Session }> {
    await this.deps.attempts.enforce([linkCounter(client.address)]);
    const parsed = this.parse(token);
    // The link is checked before the password is hashed (a bad link costs no hashing), and again under a lock.
    await this.deps.uow.run(parsed.agencyId, (tx) => this.usable(tx, parsed.id, token));
    const errors = checkPassword(password);
    if (errors.length) throw validationError(errors);
    const passwordHash = await this.deps.passwords.hash(password);
    return this.deps.uow
      .run(parsed.agencyId, async (tx) => {
        const invitation = await this.usable(tx, parsed.id, token, true);
        const user = await tx.users.createUser({ email: invitation.email, name: invitation.name, passwordHash, role: invitation.role }).catch((error: unknown) => {
          if (error instanceof DomainError && error.code === ErrorCode.CONFLICT) {
            throw new DomainError(
              ErrorCode.CONFLICT,
              `An account with the email ${invitation.email} already exists, and an address can belong to one agency only. Sign in to that account, or ask for an invitation to another address.`,
              { field: 'email' },
            );
          }
          throw error;
        });
        const existing = new Set((await tx.users.listTenants(null)).map((tenant) => tenant.id));
        await tx.users.setMemberships(user.id, invitation.tenantIds.filter((tenantId) => existing.has(tenantId)));
        await tx.invitations.markAccepted(invitation.id, user.id);
        return { user, session: await this.sessions.create(tx, user.id, client) };
      })
      .finally(() => this.deps.accessChanged());
  }

  private assertMayInvite(ctx: AgencyContext, role: Role): void {
    if (!canAssignRole(ctx.role, role)) throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${ctx.role}) cannot invite someone as ${role}.`);
  }

  private parse(token: string): { agencyId: string; id: string } {
    const parsed = this.deps.links.parse(token ?? '');
    if (!parsed) throw invalidLink('invitation');
    return parsed;
  }

  private async usable(tx: AccountTx, id: string, token: string, forUpdate = false): Promise<Invitation> {
    const invitation = await tx.invitations.find(id, { forUpdate });
    if (!pending(invitation) || invitation.expiresAt.getTime() <= this.deps.clock() || !this.deps.links.matches(invitation.tokenHash, token)) throw invalidLink('invitation');
    // An invitation is only as good as its sender's right to send it now: a removed or demoted
    // sender's invitations stop working until someone who may sends them again (resend).
    const inviter = invitation.invitedBy?.id ? await tx.users.findUser(invitation.invitedBy.id) : null;
    if (!inviter || !canAssignRole(inviter.role, invitation.role)) {
      throw new DomainError(ErrorCode.VALIDATION, 'Whoever sent this invitation can no longer invite people for this role; ask an owner or admin to send it again.', {
        fields: [{ field: 'token', message: 'was sent by someone who can no longer invite for this role' }],
        reason: 'INVITER_WITHOUT_RIGHT',
      });
    }
    return invitation;
  }

  private async knownTenants(tx: AccountTx, tenantIds: string[]): Promise<string[]> {
    const known = new Set((await tx.users.listTenants(null)).map((tenant) => tenant.id));
    const unknown = tenantIds.filter((id) => !known.has(id));
    if (unknown.length) throw notFound('Tenant', unknown.join(', '));
    return [...new Set(tenantIds)];
  }
}
