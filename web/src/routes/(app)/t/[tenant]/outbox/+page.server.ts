import { loadGql } from '#lib/server/api.ts';
import type { AccountEmail, LeadStatus, OutboxEntry } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

// What the offline channel delivered, and the recently active leads to match recipients to; for
// owners, the account emails (invitations, password resets) the offline mailer kept too.
const OUTBOX = (owner: boolean) => /* GraphQL */ `
  query Outbox {
    outbox(first: 50) { messageId toAddress fromAddress subject text deliveredAt }
    leads(first: 200, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id businessName email status } }
    autopilotSettings { channelProvider autopilot }
    ${owner ? 'accountOutbox(first: 20) { messageId kind toAddress fromAddress subject text deliveredAt }' : ''}
  }
`;

interface OutboxData {
  outbox: OutboxEntry[];
  leads: { nodes: { id: string; businessName: string; email: string | null; status: LeadStatus }[] };
  autopilotSettings: { channelProvider: string; autopilot: boolean };
  accountOutbox?: AccountEmail[];
}

export const load = (async ({ locals, params, depends }) => {
  depends('app:outbox');
  const owner = locals.session?.user.role === 'OWNER';
  const data = await loadGql<OutboxData>(locals, OUTBOX(owner), {}, params.tenant);
  return { entries: data.outbox, leads: data.leads.nodes, channel: data.autopilotSettings.channelProvider, autopilot: data.autopilotSettings.autopilot, accountEmails: data.accountOutbox ?? [] };
}) satisfies PageServerLoad;
