import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, idCursor, listCursor, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { AccountEmailConnection, SessionConnection, SessionType } from '../types/account.types.ts';
import { AuthPayload } from '../types/tenancy.types.ts';
import { signedIn } from './signed-in.ts';

const client = (context: GraphQLContext) => ({ address: context.clientAddress, userAgent: context.userAgent });
const sessionCursor = idCursor('sessions');
const accountMailCursor = listCursor('accountOutbox');

/** The signed-in user's own account: sessions and password; and resetting a forgotten password. */
@Resolver()
export class AccountResolver {
  @Query(() => SessionConnection, { description: 'Your active sessions, newest first (signed-in users).' })
  async sessions(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const found = await services.accounts.sessions.list(await auth.agency(), pageQuery(page, sessionCursor));
    return toConnection(found, (session) => sessionCursor.encode(session.id));
  }

  @Mutation(() => Boolean, { description: 'Signs out: ends the session this request came with; its token stops working at once.' })
  async logout(@Ctx() { auth, services }: GraphQLContext) {
    return services.accounts.sessions.logout(await auth.agency());
  }

  @Mutation(() => SessionType, { description: 'Ends one of your sessions (another browser or device); its token stops working at once.' })
  async revokeSession(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.agency();
    return { ...(await services.accounts.sessions.revoke(ctx, id)), current: id === ctx.sessionId };
  }

  @Mutation(() => Int, { description: 'Signs out everywhere: ends every session of yours, this one included. Returns how many ended.' })
  async revokeAllSessions(@Ctx() { auth, services }: GraphQLContext) {
    return services.accounts.sessions.revokeAll(await auth.agency());
  }

  @Mutation(() => Boolean, {
    description: 'Changes your password. The current one is required (a wrong one is VALIDATION on currentPassword, counted like a sign-in); every other session of yours ends.',
  })
  async changePassword(@Arg('currentPassword', () => String) currentPassword: string, @Arg('newPassword', () => String) newPassword: string, @Ctx() context: GraphQLContext) {
    return context.services.accounts.passwords.change(await context.auth.agency(), currentPassword, newPassword, client(context));
  }

  @Mutation(() => Boolean, {
    description:
      'Emails a link to choose a new password (valid one hour, once) when the address has an account. Always answers true, whether or not it has. More than 10 requests from an address within 15 minutes are refused with RATE_LIMITED.',
  })
  async requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() { services, clientAddress }: GraphQLContext) {
    return services.accounts.passwords.request(email, clientAddress);
  }

  @Mutation(() => AuthPayload, { description: 'Sets a new password with the token of a reset link; ends every session of the account and signs in anew.' })
  async resetPassword(@Arg('token', () => String) token: string, @Arg('password', () => String, { description: '8-200 characters.' }) password: string, @Ctx() context: GraphQLContext): Promise<AuthPayload> {
    const { user, session } = await context.services.accounts.passwords.reset(token, password, client(context));
    return signedIn(context, user, session);
  }

  @Query(() => AccountEmailConnection, { description: 'Account emails (invitations, password resets) the offline outbox kept, newest first (1-100 at a time, default 50): owners only, as they carry sign-in links.' })
  async accountOutbox(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const found = await services.accounts.mail.outbox(await auth.agency(), pageQuery(page, accountMailCursor));
    return toConnection(found, (email) => accountMailCursor.encode(email.messageId));
  }
}
