import { emptyColumns, type Columns } from '#lib/board.ts';
import { LEAD_SUMMARY } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import { STATUSES } from '#lib/status.ts';
import type { LeadSummary } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

/** Cards per column on first paint; the table pages through the rest. */
const PER_COLUMN = 40;

// One request: every column (an alias per state), the team (for the new-lead form) and the switch.
const BOARD = /* GraphQL */ `
  query Board($first: Int!) {
    ${STATUSES.map((s) => `${s}: leads(first: $first, filter: { status: [${s}] }, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount nodes { ...LeadSummary } }`).join('\n    ')}
    users { id name }
    autopilotSettings { autopilot }
  }
  ${LEAD_SUMMARY}
`;

type BoardData = Record<string, { totalCount: number; nodes: LeadSummary[] }> & { users: { id: string; name: string }[]; autopilotSettings: { autopilot: boolean } };

export const load = (async ({ locals, params, depends }) => {
  depends('app:board');
  const data = await loadGql<BoardData>(locals, BOARD, { first: PER_COLUMN }, params.tenant);
  const columns: Columns = emptyColumns();
  for (const status of STATUSES) {
    const column = data[status] as { totalCount: number; nodes: LeadSummary[] };
    columns[status] = { leads: column.nodes, total: column.totalCount };
  }
  return { columns, users: data.users, autopilot: data.autopilotSettings.autopilot };
}) satisfies PageServerLoad;
