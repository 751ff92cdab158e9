import type { Cookies } from '@sveltejs/kit';
import type { Agency, Tenant, User } from '../types.ts';
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
  query Session {
    me { id name email role }
    agency { id name }
    tenants { id name }
  }
`;

/** Asks the gateway who the token belongs to; null when it is not (or no longer) valid. */
export async function verifySession(token: string): Promise<Session | null> {
  try {
    const data = await serverGql<{ me: User; agency: Agency; tenants: Tenant[] }>(SESSION_QUERY, {}, { token });
    return { token, user: data.me, agency: data.agency, tenants: data.tenants };
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
