import type { AgencyContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError } from '../errors.ts';
import { LIST_PAGE, readPage, type Page, type PageQuery } from '../paging.ts';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, normalEmail } from '../tenancy/tenancy-input.ts';
import type { User } from '../tenancy/tenancy.types.ts';
import type { AccountDeps, AccountTx } from './account.ports.ts';
import type { ClientInfo, Session } from './account.types.ts';
import { hint, requireUser } from './caller.ts';
import { signInCounters } from './throttle.ts';

const invalidLogin = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'The email or password is incorrect.');

// A valid hash of a random password, verified when the email is unknown so both paths cost the same.
const DUMMY_HASH = 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Signed-in sessions: every session token names a session row, so signing out, revoking a session,
 * removing a user or changing a password ends that token's access on its next request.
 */
export class SessionService {
  constructor(private readonly deps: AccountDeps) {}

  /**
   * Signs in from `client` and starts a session. A wrong password and an unknown email fail the same
   * way, in about the same time. Each attempt is counted first (see throttle.ts), and one past the
   * limits is refused before the password is checked.
   */
  async signIn(email: string, password: string, client: ClientInfo): Promise<{ user: User; session: Session }> {
    // No account has a longer email or password (both are checked when set): refused before any work, saying nothing about accounts.
    if (email.length > MAX_EMAIL_LENGTH) throw validationError([{ field: 'email', message: `must be at most ${MAX_EMAIL_LENGTH} characters` }]);
    if (password.length > MAX_PASSWORD_LENGTH) throw validationError([{ field: 'password', message: `must be at most ${MAX_PASSWORD_LENGTH} characters` }]);
    const counters = signInCounters(email, client.address);
    await this.deps.attempts.enforce(counters);
    const record = await this.deps.uow.findLogin(normalEmail(email));
    const ok = await this.deps.passwords.verify(record?.passwordHash ?? DUMMY_HASH, password);
    if (!record || !ok) throw invalidLogin();
    const signedIn = await this.deps.uow.run(record.agencyId, async (tx) => {
      const user = await tx.users.findUser(record.userId);
      return user ? { user, session: await this.create(tx, user.id, client) } : null;
    });
    if (!signedIn) throw invalidLogin();
    // This account's count from this address starts again; the address's own count stays (it may be trying others).
    await this.deps.attempts.clear(counters.filter((c) => c.kind === 'signInPair'));
    return signedIn;
  }

  /** A session for a user who has just proved who they are another way (signup). */
  start(user: User, client: ClientInfo): Promise<Session> {
    return this.deps.uow.run(user.agencyId, (tx) => this.create(tx, user.id, client));
  }

  /** A new session in the caller's unit of work; sessions of the user that ended long ago are forgotten. */
  async create(tx: AccountTx, userId: string, client: ClientInfo): Promise<Session> {
    await tx.sessions.sweep(userId);
    return tx.sessions.create({
      id: this.deps.newId(),
      userId,
      expiresAt: new Date(this.deps.clock() + this.deps.sessionTtlMs),
      userAgent: hint(client.userAgent, 300),
      address: hint(client.address, 100),
    });
  }

  /** The caller's active sessions, newest first; `current` marks the one this request came with. */
  async list(ctx: AgencyContext, query: PageQuery): Promise<Page<Session & { current: boolean }>> {
    const userId = requireUser(ctx);
    const page = await readPage(query, LIST_PAGE, (slice) => this.deps.uow.run(ctx.agencyId, (tx) => tx.sessions.pageActive(userId, slice)));
    return { ...page, items: page.items.map((session) => ({ ...session, current: session.id === ctx.sessionId })) };
  }

  /** Signs out: ends the session this request came with. */
  async logout(ctx: AgencyContext): Promise<boolean> {
    const userId = requireUser(ctx);
    if (!ctx.sessionId) return false;
    const sessionId = ctx.sessionId;
    const ended = await this.deps.uow.run(ctx.agencyId, (tx) => tx.sessions.revoke(userId, sessionId)).finally(() => this.deps.accessChanged());
    return ended !== null;
  }

  /** Ends one of the caller's own sessions (another device, say). */
  async revoke(ctx: AgencyContext, id: string): Promise<Session> {
    const userId = requireUser(ctx);
    const session = await this.deps.uow.run(ctx.agencyId, (tx) => tx.sessions.revoke(userId, id)).finally(() => this.deps.accessChanged());
    if (!session) throw notFound('Session', id);
    return session;
  }

  /** Signs out everywhere: ends every session of the caller, this one included; returns how many. */
  async revokeAll(ctx: AgencyContext): Promise<number> {
    const userId = requireUser(ctx);
    return this.deps.uow.run(ctx.agencyId, (tx) => tx.sessions.revokeAll(userId)).finally(() => this.deps.accessChanged());
  }
}
