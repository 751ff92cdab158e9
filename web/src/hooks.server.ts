import { redirect } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { isCrossSiteFormPost } from '#lib/server/origin.ts';
import { clearSessionCookie, SESSION_COOKIE, verifySession } from '#lib/server/session.ts';

/** Pages anyone may open; a signed-in user opening the first three goes to the app instead. */
const PUBLIC_ROUTES = new Set(['/login', '/signup', '/forgot-password', '/reset-password', '/invite']);
const SIGNED_OUT_ONLY = new Set(['/login', '/signup', '/forgot-password']);

/**
 * Every request: the session cookie is verified with the gateway (never trusted as is), the
 * verified user, agency and tenants go into `locals`; app pages without a session go to /login.
 * No answer may be cached: pages behind sign-in hold someone's data, and after signing out the
 * browser's Back button must ask again (and land on the sign-in page), not show a stored copy.
 */
export const handle: Handle = async ({ event, resolve }) => {
  if (isCrossSiteFormPost(event.request)) return new Response('Cross-site form submissions are forbidden.', { status: 403 });
  // The gateway puts the address it sees for the client in this header (replacing any the client sent).
  event.locals.client = { address: event.request.headers.get('x-crm-client-address') || safeClientAddress(event.getClientAddress), userAgent: event.request.headers.get('user-agent') };
  const token = event.cookies.get(SESSION_COOKIE);
  event.locals.session = token ? await verifySession(token) : null;
  if (token && !event.locals.session) clearSessionCookie(event.cookies, event.url);

  const routeId = event.route.id;
  const isPublic = routeId !== null && PUBLIC_ROUTES.has(routeId);
  if (!event.locals.session && !isPublic && routeId !== '/logout') {
    const next = event.url.pathname + event.url.search;
    redirect(303, next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  }
  if (event.locals.session && routeId !== null && SIGNED_OUT_ONLY.has(routeId) && event.request.method === 'GET') redirect(303, '/');

  const response = await resolve(event);
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('cache-control', 'private, no-store');
  return response;
};

function safeClientAddress(get: () => string): string | null {
  try {
    return get();
  } catch {
    return null;
  }
}
