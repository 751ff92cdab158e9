import { redirect } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { isCrossSiteFormPost } from '#lib/server/origin.ts';
import { clearSessionCookie, SESSION_COOKIE, verifySession } from '#lib/server/session.ts';

const PUBLIC_ROUTES = new Set(['/login', '/signup']);

/**
 * Every request: the session cookie is verified with the gateway (never trusted as is), the
 * verified user, agency and tenants go into `locals`; app pages without a session go to /login.
 */
export const handle: Handle = async ({ event, resolve }) => {
  if (isCrossSiteFormPost(event.request)) return new Response('Cross-site form submissions are forbidden.', { status: 403 });
  const token = event.cookies.get(SESSION_COOKIE);
  event.locals.session = token ? await verifySession(token) : null;
  if (token && !event.locals.session) clearSessionCookie(event.cookies, event.url);

  const routeId = event.route.id;
  const isPublic = routeId !== null && PUBLIC_ROUTES.has(routeId);
  if (!event.locals.session && !isPublic && routeId !== '/logout') {
    const next = event.url.pathname + event.url.search;
    redirect(303, next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  }
  if (event.locals.session && isPublic && event.request.method === 'GET') redirect(303, '/');

  const response = await resolve(event);
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('referrer-policy', 'same-origin');
  return response;
};
