import { loadGql } from '#lib/server/api.ts';
import type { TenantOverview } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

const OVERVIEW = /* GraphQL */ `
  query Overview {
    agencyOverview {
      tenantId name error autopilot conversionRate totalLeads messagesSentThisWeek
      revenue { amount currency exponent }
      pipelineValue { amount currency exponent }
      leadsByStatus { status count }
    }
  }
`;

export const load = (async ({ locals }) => {
  const { agencyOverview } = await loadGql<{ agencyOverview: TenantOverview[] }>(locals, OVERVIEW);
  return { overview: agencyOverview };
}) satisfies PageServerLoad;
