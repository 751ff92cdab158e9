import { OUTBOX_QUERY, type OutboxData } from '#lib/queries.ts';
import { loadGql } from '#lib/server/api.ts';
import type { AccountEmail } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

// For owners, the account emails (invitations, password resets) the offline mailer kept too.
const ACCOUNT_OUTBOX = /* GraphQL */ `query AccountOutbox { accountOutbox(first: 20) { nodes { messageId kind toAddress fromAddress subject text deliveredAt } } }`;

export const load = (async ({ locals, params, depends }) => {
  depends('app:outbox');
  const owner = locals.session?.user.role === 'OWNER';
  // The outbox reads itself again from the browser as emails go out; this is the first paint.
  const [data, mail] = await Promise.all([
    loadGql<OutboxData>(locals, OUTBOX_QUERY, {}, params.tenant),
    owner ? loadGql<{ accountOutbox: { nodes: AccountEmail[] } }>(locals, ACCOUNT_OUTBOX, {}, params.tenant) : null,
  ]);
  return {
    entries: data.outbox.nodes,
    leads: data.leads.nodes,
    channel: data.autopilotSettings.channelProvider,
    autopilot: data.autopilotSettings.autopilot,
    accountEmails: mail?.accountOutbox.nodes ?? [],
    loadedAt: Date.now(),
  };
}) satisfies PageServerLoad;
