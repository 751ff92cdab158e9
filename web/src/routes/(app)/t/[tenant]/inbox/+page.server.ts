import { INBOX_QUERY, type InboxData } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
  // The inbox reads itself again from the browser as replies arrive; this is the first paint.
  const data = await loadGql<InboxData>(locals, INBOX_QUERY, {}, params.tenant);
  return { replies: data.inbox.nodes, leads: data.leads.nodes, loadedAt: Date.now() };
}) satisfies PageServerLoad;
