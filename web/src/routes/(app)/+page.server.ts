import { OVERVIEW_QUERY } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { TenantOverview } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  // The overview follows every workspace live from the browser; this is the first paint.
  const { agencyOverview } = await loadGql<{ agencyOverview: TenantOverview[] }>(locals, OVERVIEW_QUERY);
  return { overview: agencyOverview, loadedAt: Date.now() };
}) satisfies PageServerLoad;
