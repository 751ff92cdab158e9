import { requireSession } from '#lib/server/api.ts';
import type { LayoutServerLoad } from './$types';

/** The verified session for every app page (no extra request: hooks.server.ts already asked). */
export const load = (({ locals }) => {
  const { user, agency, tenants } = requireSession(locals);
  return { user, agency, tenants };
}) satisfies LayoutServerLoad;
