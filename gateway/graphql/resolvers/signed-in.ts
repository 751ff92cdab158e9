import type { Session } from '../../../core/accounts/account.types.ts';
import type { AgencyContext } from '../../../core/context.ts';
import type { User } from '../../../core/tenancy/tenancy.types.ts';
import type { GraphQLContext } from '../context.ts';
import type { AuthPayload } from '../types/tenancy.types.ts';

/** What every way of signing in answers: a token naming the new session, who, and the agency (its reachable tenants page on demand). */
export async function signedIn({ services, tokens }: GraphQLContext, user: User, session: Session): Promise<AuthPayload> {
  const caller: AgencyContext = { agencyId: user.agencyId, userId: user.id, sessionId: session.id, role: user.role, actor: { type: 'user', id: user.id, name: user.name } };
  const [token, agency] = await Promise.all([tokens.issue({ userId: user.id, agencyId: user.agencyId, sessionId: session.id }, session.expiresAt), services.tenancy.agency(caller)]);
  return { token, user, agency, caller };
}
