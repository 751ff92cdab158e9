import { redirect } from '@sveltejs/kit';
import { serverGql } from '#lib/server/gateway.ts';
import { clearSessionCookie, SESSION_COOKIE } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => redirect(303, '/')) satisfies PageServerLoad;

export const actions = {
  /** Ends the session on the server (its token stops working everywhere), then forgets the cookie. */
  default: async ({ cookies, url }) => {
    const token = cookies.get(SESSION_COOKIE);
    // Signing out must always work here: a session that already ended has nothing left to end.
    if (token) await serverGql('mutation Logout { logout }', {}, { token }).catch(() => undefined);
    clearSessionCookie(cookies, url);
    redirect(303, '/login');
  },
} satisfies Actions;
