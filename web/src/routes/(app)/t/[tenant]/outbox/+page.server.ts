import { OUTBOX_QUERY, type OutboxData } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
  // The outbox reads itself again from the browser as emails go out; this is the first paint.
  const data = await loadGql<OutboxData>(locals, OUTBOX_QUERY, {}, params.tenant);
  return { entries: data.outbox, leads: data.leads.nodes, channel: data.autopilotSettings.channelProvider, autopilot: data.autopilotSettings.autopilot, loadedAt: Date.now() };
}) satisfies PageServerLoad;
