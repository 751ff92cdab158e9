import { HISTORY_PAGE, LEAD_PAGE, type LeadPageData } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
  // The page refreshes itself from the browser (live updates, after actions); this is the first paint.
  const data = await loadGql<LeadPageData>(locals, LEAD_PAGE, { id: params.id, first: HISTORY_PAGE }, params.tenant);
  return { ...data, loadedAt: Date.now() };
}) satisfies PageServerLoad;
