import { ALL_PAGE, allNodes } from '#lib/connection.ts';
import { loadGql } from '#lib/server/api.ts';
import type { Connection, SessionInfo } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

const SESSIONS = /* GraphQL */ `
  query Sessions($first: Int!, $after: String) {
    sessions(first: $first, after: $after) { nodes { id current userAgent address createdAt lastSeenAt expiresAt } pageInfo { hasNextPage endCursor } }
  }
`;

export const load = (async ({ locals, depends }) => {
  depends('app:account');
  const sessions = await allNodes(async (after) => (await loadGql<{ sessions: Connection<SessionInfo> }>(locals, SESSIONS, { first: ALL_PAGE, after })).sessions);
  return { sessions };
}) satisfies PageServerLoad;
