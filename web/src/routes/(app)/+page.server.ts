import { loadOverview } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  // The overview follows every workspace live from the browser; this is the first paint.
  const overview = await loadOverview((query, variables) => loadGql(locals, query, variables));
  return { overview, loadedAt: Date.now() };
}) satisfies PageServerLoad;
