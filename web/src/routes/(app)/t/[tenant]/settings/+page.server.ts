import { loadGql } from '#lib/server/api.ts';
import { canAdminister } from '#lib/roles.ts';
import type { ApiKey, AutopilotSettings, Currency, Invitation, Service, User } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

const SETTINGS = (admin: boolean) => /* GraphQL */ `
  query Settings {
    autopilotSettings {
      autopilot aiProvider aiModel channelProvider paymentsProvider currency dailySendLimit credentialsSet onboardingChecklist
      sender { name email company pitch }
      inboundWebhookUrl stripeWebhookUrl
    }
    serviceCatalog { id name description currency priceMin { amount currency exponent } priceMax { amount currency exponent } }
    currencies { code name exponent }
    users { id name email role tenantIds }
    ${admin ? 'apiKeys { id name hint role lastUsedAt revokedAt createdAt }' : ''}
    ${admin ? 'invitations { id email name role tenantIds invitedBy { id name } createdAt expiresAt lastSentAt }' : ''}
  }
`;

interface SettingsData {
  autopilotSettings: AutopilotSettings;
  serviceCatalog: Service[];
  currencies: Currency[];
  users: User[];
  apiKeys?: ApiKey[];
  invitations?: Invitation[];
}

export const load = (async ({ locals, params, depends }) => {
  depends('app:settings');
  // API keys and invitations are for owners and admins only: others do not ask (the gateway would refuse).
  const admin = canAdminister(locals.session?.user.role ?? 'VIEWER');
  const data = await loadGql<SettingsData>(locals, SETTINGS(admin), {}, params.tenant);
  return { settings: data.autopilotSettings, catalog: data.serviceCatalog, currencies: data.currencies, team: data.users, apiKeys: data.apiKeys ?? null, invitations: data.invitations ?? [] };
}) satisfies PageServerLoad;
