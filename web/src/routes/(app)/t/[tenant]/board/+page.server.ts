import { BOARD_QUERY, PER_COLUMN, columnsFrom, type BoardData } from '#lib/board.ts';
import { loadGql } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
  // The board follows live changes and reads itself again from the browser; this is the first paint.
  const data = await loadGql<BoardData>(locals, BOARD_QUERY, { first: PER_COLUMN }, params.tenant);
  return { columns: columnsFrom(data), users: data.users.nodes, autopilot: data.autopilotSettings.autopilot, loadedAt: Date.now() };
}) satisfies PageServerLoad;
