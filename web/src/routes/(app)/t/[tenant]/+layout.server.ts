import { requireTenant } from '#lib/server/api.ts';
import type { LayoutServerLoad } from './$types';

/** A tenant the session cannot reach is a 404, exactly like one that does not exist. */
export const load = (({ locals, params }) => ({ tenant: requireTenant(locals, params.tenant) })) satisfies LayoutServerLoad;
