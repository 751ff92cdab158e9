import { error, redirect } from '@sveltejs/kit';
import { wordsFor } from '../error-words.ts';
import { GqlError } from '../graphql-error.ts';
import { serverGql } from './gateway.ts';
import type { Session } from './session.ts';

/**
 * GraphQL for a server load, as the verified session's user, in one tenant. Gateway errors become
 * Kit errors: NOT_FOUND → 404 (another tenant's id looks exactly like a missing one), FORBIDDEN → 403,
 * UNAUTHENTICATED → back to sign in.
 */
export async function loadGql<T>(locals: App.Locals, query: string, variables: Record<string, unknown> = {}, tenantId?: string): Promise<T> {
  const session = requireSession(locals);
  try {
    return await serverGql<T>(query, variables, { token: session.token, tenantId: tenantId ?? null });
  } catch (caught) {
    if (caught instanceof GqlError) {
      if (caught.code === 'UNAUTHENTICATED') redirect(303, '/login');
      // The error page shows people's words, never the gateway's ids or field keys.
      if (caught.code === 'NOT_FOUND') error(404, { message: 'This does not exist, or you have no access to it.', code: caught.code });
      if (caught.code === 'FORBIDDEN') error(403, { message: wordsFor(caught), code: caught.code });
      error(502, { message: wordsFor(caught), code: caught.code });
    }
    throw caught;
  }
}

export function requireSession(locals: App.Locals): Session {
  if (!locals.session) redirect(303, '/login');
  return locals.session;
}

/** The tenant named in the URL, if the session can reach it (else 404, like any unknown id). */
export function requireTenant(locals: App.Locals, tenantId: string | undefined) {
  const session = requireSession(locals);
  const tenant = session.tenants.find((t) => t.id === tenantId);
  if (!tenant) error(404, { message: 'This workspace does not exist or you have no access to it.', code: 'NOT_FOUND' });
  return tenant;
}
