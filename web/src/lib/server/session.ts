import type { Cookies } from '@sveltejs/kit';
import { ALL_PAGE, allNodes } from '../connection.ts';
import type { Agency, Connection, Tenant, User } from '../types.ts';
import { serverGql } from './gateway.ts';
import { isSecureOrigin } from './origin.ts';

/** The httpOnly cookie the session token lives in; the gateway reads the same name. */
export const SESSION_COOKIE = 'crm_session';

export interface Session {
  token: string;
  user: User;
  agency: Agency;
  tenants: Tenant[];
}

const SESSION_QUERY = /* GraphQL */ `
  query Session($first: Int!) {
    me { id name email role }
    agency { id name }
    tenants(first: $first) { nodes { id name } pageInfo { hasNextPage endCursor } }
  }
`;
const MORE_TENANTS = /* GraphQL */ `
  query Tenants($first: Int!, $after: String) { tenants(first: $first, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }
`;

/** Asks the gateway who the token belongs to; null when it is not (or no longer) valid. */
export async function verifySession(token: string): Promise<Session | null> {
  try {
    const data = await serverGql<{ me: User; agency: Agency; tenants: Connection<Tenant> }>(SESSION_QUERY, { first: ALL_PAGE }, { token });
    // One request unless the agency has more tenants than a page holds.
    const tenants = await allNodes(async (after) =>
      after === null ? data.tenants : (await serverGql<{ tenants: Connection<Tenant> }>(MORE_TENANTS, { first: ALL_PAGE, after }, { token })).tenants,
    );
    return { token, user: data.me, agency: data.agency, tenants };
  } catch (error) {
    if ((error as { code?: string }).code === 'UNAUTHENTICATED') return null;
    throw error;
  }
}

export function setSessionCookie(cookies: Cookies, token: string, url: URL, maxAgeSeconds = 43_200): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureOrigin(url),
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureOrigin(url) });
}

/** A relative path to return to after signing in (never another origin): see safe-next.ts. */
export { safeNext } from '../safe-next.ts';
