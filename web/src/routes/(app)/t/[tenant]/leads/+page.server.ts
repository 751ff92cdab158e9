import { filterInput, orderInput, PAGE_SIZE, parseListState } from '#lib/lead-list.ts';
import { LEAD_SUMMARY, TEAM_PAGE } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { LeadRow } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

const LEADS = /* GraphQL */ `
  query Leads($first: Int!, $after: String, $filter: LeadFilterInput, $orderBy: LeadOrderInput) {
    leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      nodes { ...LeadSummary website country companySize }
      pageInfo { hasNextPage endCursor }
    }
    users(first: ${TEAM_PAGE}) { nodes { id name } }
  }
  ${LEAD_SUMMARY}
`;

interface LeadsData {
  leads: { totalCount: number; nodes: LeadRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  users: { nodes: { id: string; name: string }[] };
}

export const load = (async ({ locals, params, url, depends }) => {
  depends('app:leads');
  const state = parseListState(url.searchParams);
  const data = await loadGql<LeadsData>(locals, LEADS, { first: PAGE_SIZE, after: state.after, filter: filterInput(state), orderBy: orderInput(state) }, params.tenant);
  return { state, leads: data.leads, users: data.users.nodes };
}) satisfies PageServerLoad;
