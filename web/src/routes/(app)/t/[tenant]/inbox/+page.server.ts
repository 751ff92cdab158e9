import { MESSAGE_FIELDS } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { LeadStatus, Message } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

// The replies, and the recently active leads to name them by (one request).
const INBOX = /* GraphQL */ `
  query Inbox {
    inbox(first: 50) { ...MessageFields }
    leads(first: 200, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id businessName contactName status } }
  }
  ${MESSAGE_FIELDS}
`;

interface InboxData {
  inbox: Message[];
  leads: { nodes: { id: string; businessName: string; contactName: string | null; status: LeadStatus }[] };
}

export const load = (async ({ locals, params, depends }) => {
  depends('app:inbox');
  const data = await loadGql<InboxData>(locals, INBOX, {}, params.tenant);
  return { replies: data.inbox, leads: data.leads.nodes };
}) satisfies PageServerLoad;
