import { CallerKind, accessDenied, assertCan, can, callerOf, type Permission } from '../../core/access.ts';
import type { AgencyContext, TenantContext } from '../../core/context.ts';
import { operationRule } from '../../core/operation-access.ts';
import type { RequestAuth } from './authenticate.ts';

/**
 * The one gate every transport passes (GraphQL over HTTP and WebSocket, the REST file endpoints):
 * the caller is authenticated as the operation's scope needs, then the access table decides by
 * caller kind and role. Returns the caller's context (null for public operations).
 */
export async function authorize(auth: RequestAuth, operation: string): Promise<AgencyContext | null> {
  const rule = operationRule(operation);
  if (!rule) throw new Error(`The operation ${operation} is missing from the access table (core/operation-access.ts).`);
  if (rule.permission === null) return null;
  auth.assertNotForged();
  if (auth.callerKind === CallerKind.ANONYMOUS) throw accessDenied({ kind: CallerKind.ANONYMOUS, role: null }, rule.permission);
  const ctx = rule.scope === 'tenant' ? await auth.tenant() : await auth.agency();
  assertCan(ctx, rule.permission);
  return ctx;
}

/** `authorize` for an operation that acts in one tenant: that tenant's context. */
export async function authorizeInTenant(auth: RequestAuth, operation: string): Promise<TenantContext> {
  await authorize(auth, operation);
  return auth.tenant();
}

/** Whether an authenticated caller holds a field-level permission (anonymous callers never do). */
export async function holds(auth: RequestAuth, permission: Permission): Promise<boolean> {
  if (auth.callerKind === CallerKind.ANONYMOUS) return false;
  return can(callerOf(await auth.tenant()), permission);
}
