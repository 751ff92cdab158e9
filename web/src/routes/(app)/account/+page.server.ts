import { loadGql } from '#lib/server/api.ts';
import type { SessionInfo } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

const SESSIONS = /* GraphQL */ `
  query Sessions {
    sessions { id current userAgent address createdAt lastSeenAt expiresAt }
  }
`;

export const load = (async ({ locals, depends }) => {
  depends('app:account');
  const { sessions } = await loadGql<{ sessions: SessionInfo[] }>(locals, SESSIONS);
  return { sessions };
}) satisfies PageServerLoad;
