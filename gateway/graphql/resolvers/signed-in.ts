import type { Session } from '../../../core/accounts/account.types.ts';
import type { AgencyContext } from '../../../core/context.ts';
import type { User } from '../../../core/tenancy/tenancy.types.ts';
import type { GraphQLContext } from '../context.ts';
import type { AuthPayload } from '../types/tenancy.types.ts';

/** What every way of signing in answers: a token naming the new session, who, the agency and its reachable tenants. */
export async function signedIn({ services, tokens }: GraphQLContext, user: User, session: Session): Promise<AuthPayload> {
  const ctx: AgencyContext = { agencyId: user.agencyId, userId: user.id, sessionId: session.id, role: user.role, actor: { type: 'user', id: user.id, name: user.name } };
  const [token, agency, tenants] = await Promise.all([
    tokens.issue({ userId: user.id, agencyId: user.agencyId, sessionId: session.id }, session.expiresAt),
    services.tenancy.agency(ctx),
    services.tenancy.listTenants(ctx),
  ]);
  return { token, user, agency, tenants };
}
