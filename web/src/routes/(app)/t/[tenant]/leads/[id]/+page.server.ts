import { loadLeadPage } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
  // The page refreshes itself from the browser (live updates, after actions); this is the first paint.
  const data = await loadLeadPage((query, variables) => loadGql(locals, query, variables, params.tenant), params.id);
  return { ...data, loadedAt: Date.now() };
}) satisfies PageServerLoad;
