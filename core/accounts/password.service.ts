import type { JobQueue } from '../autopilot/jobs.ts';
import type { AgencyContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError } from '../errors.ts';
import { checkEmail, checkPassword, MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, normalEmail } from '../tenancy/tenancy-input.ts';
import type { User } from '../tenancy/tenancy.types.ts';
import { RESET_TTL_MS } from './account-mail.ts';
import type { AccountDeps, AccountTx } from './account.ports.ts';
import type { ClientInfo, PasswordReset, Session } from './account.types.ts';
import { requireUser } from './caller.ts';
import type { SessionService } from './session.service.ts';
import { isOver, linkCounter, refusal, resetCounters, signInCounters } from './throttle.ts';

/** The answer to a link that is not (or no longer) good: the same whatever the reason. */
export const invalidLink = (what: string) =>
  new DomainError(ErrorCode.VALIDATION, `This ${what} link is invalid, has expired or has already been used; ask for a new one.`, {
    fields: [{ field: 'token', message: 'is invalid or has expired' }],
  });

/** Passwords: changed by their owner, or reset through a one-time link sent by email. */
export class PasswordService {
  constructor(
    private readonly deps: AccountDeps,
    private readonly sessions: SessionService,
    /** Queues jobs outside any transaction (a reset request has no agency to write in yet). */
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Changes the caller's password. The current one is required (and counted like a sign-in, so a
   * borrowed session cannot guess it); every other session of the user ends, and so do reset links.
   */
  async change(ctx: AgencyContext, currentPassword: string, newPassword: string, client: ClientInfo): Promise<boolean> {
    const userId = requireUser(ctx);
    const errors = checkPassword(newPassword, 'newPassword');
    // No password is longer (they are checked when set): refused before any hashing.
    if ((currentPassword ?? '').length > MAX_PASSWORD_LENGTH) errors.push({ field: 'currentPassword', message: `must be at most ${MAX_PASSWORD_LENGTH} characters` });
    if (errors.length) throw validationError(errors);
    const found = await this.deps.uow.run(ctx.agencyId, (tx) => tx.users.credentialsOf(userId));
    if (!found) throw notFound('User', userId);
    const counters = signInCounters(found.user.email, client.address);
    await this.deps.attempts.enforce(counters);
    if (!(await this.deps.passwords.verify(found.passwordHash, currentPassword ?? ''))) throw validationError([{ field: 'currentPassword', message: 'is incorrect' }]);
    const hash = await this.deps.passwords.hash(newPassword);
    await this.deps.uow
      .run(ctx.agencyId, async (tx) => {
        await tx.users.setPasswordHash(userId, hash);
        await tx.sessions.revokeAll(userId, ctx.sessionId ?? null);
        await tx.resets.useAll(userId);
      })
      .finally(() => this.deps.accessChanged());
    await this.deps.attempts.clear(counters.filter((c) => c.kind === 'signInPair'));
    return true;
  }

  /**
   * Asks for a reset link by email, from `address`. The answer is the same whether or not the
   * address has an account, and costs the same: the lookup happens in a job. Too many requests from
   * one address are refused; past the limit for one account, requests are answered but send nothing.
   */
  async request(email: string, address: string | null): Promise<boolean> {
    // Longer than any address: refused before it becomes a counter's key.
    if (email.length > MAX_EMAIL_LENGTH) throw validationError(checkEmail(email));
    const { now, counts } = await this.deps.attempts.count(resetCounters(email, address));
    const refused = refusal(counts.filter((c) => c.kind === 'resetAddress'), now);
    if (refused) throw refused;
    const errors = checkEmail(email);
    if (errors.length) throw validationError(errors);
    if (counts.some((c) => c.kind === 'resetAccount' && isOver(c))) return true;
    await this.jobs.send('account.reset-requested', { email: normalEmail(email), requestKey: this.deps.newId() });
    return true;
  }

  /** The job behind a request: when the address has an account, a reset link and its email, in one transaction. */
  async issue(request: { email: string; requestKey: string }): Promise<'queued' | 'no account' | 'done before'> {
    const login = await this.deps.uow.findLogin(request.email);
    if (!login) return 'no account';
    const id = this.deps.newId();
    const { hash } = this.deps.links.mint('password_reset', login.agencyId, id, 1);
    return this.deps.uow.run(login.agencyId, async (tx) => {
      const reset = await tx.resets.create({ id, userId: login.userId, requestKey: request.requestKey, tokenHash: hash, expiresAt: new Date(this.deps.clock() + RESET_TTL_MS) });
      if (!reset) return 'done before';
      await tx.jobs.send('account.email', { agencyId: login.agencyId, kind: 'password_reset', id, version: 1 });
      return 'queued';
    });
  }

  /**
   * Sets a new password with a reset link: once, within the hour. Every session of the user ends,
   * every other reset link with it, and a new session starts.
   */
  async reset(token: string, password: string, client: ClientInfo): Promise<{ user: User; session: Session }> {
    await this.deps.attempts.enforce([linkCounter(client.address)]);
    const parsed = this.deps.links.parse(token ?? '');
    if (!parsed) throw invalidLink('password reset');
    // The link is checked before the password is hashed (a bad link costs no hashing), and again under a lock.
    await this.deps.uow.run(parsed.agencyId, (tx) => this.usable(tx, parsed.id, token));
    const errors = checkPassword(password);
    if (errors.length) throw validationError(errors);
    const hash = await this.deps.passwords.hash(password);
    return this.deps.uow
      .run(parsed.agencyId, async (tx) => {
        const reset = await this.usable(tx, parsed.id, token, true);
        const user = await tx.users.findUser(reset.userId);
        if (!user) throw invalidLink('password reset');
        await tx.users.setPasswordHash(user.id, hash);
        await tx.resets.useAll(user.id);
        await tx.sessions.revokeAll(user.id);
        return { user, session: await this.sessions.create(tx, user.id, client) };
      })
      .finally(() => this.deps.accessChanged());
  }

  private async usable(tx: AccountTx, id: string, token: string, forUpdate = false): Promise<PasswordReset> {
    const reset = await tx.resets.find(id, { forUpdate });
    if (!reset || reset.usedAt || reset.expiresAt.getTime() <= this.deps.clock() || !this.deps.links.matches(reset.tokenHash, token)) throw invalidLink('password reset');
    return reset;
  }
}
