import { LEAD_PAGE } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { LeadDetail, TimelineEntry } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

/** History entries on first paint (the page fetches later ones on demand). */
const HISTORY_PAGE = 200;

interface LeadPageData {
  lead: LeadDetail;
  history: { entries: TimelineEntry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  users: { id: string; name: string }[];
}

export const load = (async ({ locals, params, depends }) => {
  depends('app:lead');
  const data = await loadGql<LeadPageData>(locals, LEAD_PAGE, { id: params.id, first: HISTORY_PAGE }, params.tenant);
  return { lead: data.lead, history: data.history, users: data.users };
}) satisfies PageServerLoad;
