import { allNodes } from '#lib/connection.ts';
import { loadGql } from '#lib/server/api.ts';
import { canAdminister } from '#lib/roles.ts';
import type { ApiKey, AutopilotSettings, Connection, Currency, Invitation, Service, User } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

/** Team members, keys and invitations per request (the query's cost stays within the API's limit); more pages are read when there are more. */
const PAGE = 100;
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const LISTS = {
  users: `id name email role tenantIds`,
  apiKeys: `id name hint role lastUsedAt revokedAt createdAt createdBy { id name }`,
  invitations: `id email name role tenantIds invitedBy { id name } createdAt expiresAt lastSentAt`,
} as const;
type List = keyof typeof LISTS;
const list = (name: List, after = '') => `${name}(first: ${PAGE}${after}) { nodes { ${LISTS[name]} } ${PAGE_INFO} }`;

const SETTINGS = (admin: boolean) => /* GraphQL */ `
  query Settings {
    autopilotSettings {
      autopilot aiProvider aiModel channelProvider paymentsProvider currency dailySendLimit credentialsSet onboardingChecklist
      sender { name email company pitch }
      inboundWebhookUrl stripeWebhookUrl
    }
    serviceCatalog { id name description currency priceMin { amount currency exponent } priceMax { amount currency exponent } }
    currencies { code name exponent }
    ${list('users')}
    ${admin ? list('apiKeys') : ''}
    ${admin ? list('invitations') : ''}
  }
`;

interface SettingsData {
  autopilotSettings: AutopilotSettings;
  serviceCatalog: Service[];
  currencies: Currency[];
  users: Connection<User>;
  apiKeys?: Connection<ApiKey>;
  invitations?: Connection<Invitation>;
}

export const load = (async ({ locals, params, depends }) => {
  depends('app:settings');
  // API keys and invitations are for owners and admins only: others do not ask (the gateway would refuse).
  const admin = canAdminister(locals.session?.user.role ?? 'VIEWER');
  const data = await loadGql<SettingsData>(locals, SETTINGS(admin), {}, params.tenant);
  /** The whole of a list: the first page came with the settings; the rest (rarely any) page by page. */
  const whole = <T>(name: List, first: Connection<T>) =>
    allNodes<T>(async (after) =>
      after === null ? first : (await loadGql<Record<List, Connection<T>>>(locals, `query($after: String) { ${list(name, ', after: $after')} }`, { after }, params.tenant))[name],
    );
  const [team, apiKeys, invitations] = await Promise.all([
    whole('users', data.users),
    data.apiKeys ? whole('apiKeys', data.apiKeys) : null,
    data.invitations ? whole('invitations', data.invitations) : [],
  ]);
  return { settings: data.autopilotSettings, catalog: data.serviceCatalog, currencies: data.currencies, team, apiKeys, invitations };
}) satisfies PageServerLoad;
