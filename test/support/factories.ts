import { randomBytes } from 'node:crypto';
import type { Caller, TestGateway } from './gateway.ts';

export interface Account {
  token: string;
  agencyId: string;
  tenantId: string;
  userId: string;
  email: string;
  password: string;
  /** The caller acting in the account's first tenant. */
  caller: Caller;
}

const unique = () => randomBytes(4).toString('hex');

export async function signup(app: TestGateway, overrides: Partial<{ agencyName: string; email: string; password: string }> = {}): Promise<Account> {
  const email = overrides.email ?? `owner-${unique()}@agency.test`;
  const password = overrides.password ?? 'correct horse battery';
  const result = await app.gql(
    `mutation($input: SignupInput!) { signup(input: $input) { token user { id } agency { id } } }`,
    { input: { agencyName: overrides.agencyName ?? `Agency ${unique()}`, tenantName: 'First client', name: 'Owner', email, password } },
  );
  if (!result.data) throw new Error(`signup failed: ${JSON.stringify(result.errors)}`);
  const { token, user, agency } = result.data.signup;
  // The first tenant in a second request: shallow enough for a gateway with a low depth limit.
  const tenantId = (await app.gql('{ currentTenant { id } }', {}, { token })).data?.currentTenant.id;
  return { token, agencyId: agency.id, tenantId, userId: user.id, email, password, caller: { token, tenantId } };
}

export type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';

/** The token of the newest one-time link the offline outbox holds for `to` (read as the agency's owner), once its job has sent it. */
export async function linkTokenFor(app: TestGateway, owner: Account, to: string, kind: 'INVITATION' | 'PASSWORD_RESET', options: { not?: string[]; timeoutMs?: number } = {}): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const result = await app.gql('{ accountOutbox(first: 100) { nodes { kind toAddress text } } }', {}, { token: owner.token });
    if (!result.data) throw new Error(`accountOutbox failed: ${JSON.stringify(result.errors)}`);
    for (const entry of result.data.accountOutbox.nodes as Array<{ kind: string; toAddress: string; text: string }>) {
      const token = entry.text.match(/token=([A-Za-z0-9_-]{86})/)?.[1];
      if (entry.kind === kind && entry.toAddress === to.toLowerCase() && token && !options.not?.includes(token)) return token;
    }
    if (Date.now() > deadline) throw new Error(`no ${kind} email to ${to} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A user of the owner's agency, added the way people join: invited, then accepting the emailed link with their own password. */
export async function addUser(app: TestGateway, owner: Account, input: { role: Role; tenantIds?: string[]; email?: string; name?: string; password?: string }): Promise<Account> {
  const email = input.email ?? `${input.role.toLowerCase()}-${unique()}@agency.test`;
  const password = input.password ?? 'a password of their own';
  const invited = await app.gql('mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }', { i: { email, name: input.name ?? `${input.role} ${unique()}`, role: input.role, tenantIds: input.tenantIds ?? [] } }, { token: owner.token });
  if (!invited.data) throw new Error(`inviteUser failed: ${JSON.stringify(invited.errors)}`);
  const token = await linkTokenFor(app, owner, email, 'INVITATION');
  const accepted = await app.gql('mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { id } agency { id } tenants(first: 1) { nodes { id } } } }', { t: token, p: password });
  if (!accepted.data) throw new Error(`acceptInvitation failed: ${JSON.stringify(accepted.errors)}`);
  const { token: session, user, agency, tenants } = accepted.data.acceptInvitation;
  const tenantId = tenants.nodes[0]?.id ?? owner.tenantId;
  return { token: session, agencyId: agency.id, tenantId, userId: user.id, email, password, caller: { token: session, tenantId } };
}

let counter = 0;
export function leadInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    businessName: `Business ${counter} ${unique()}`,
    contactName: 'Dr. Sharma',
    email: `lead-${counter}-${unique()}@example.in`,
    phone: '98765 43210',
    city: 'Jaipur',
    industry: 'Dental',
    source: 'test',
    ...overrides,
  };
}

export const LEAD_FIELDS = 'id businessName contactName email phone city industry source status version tags customFields allowedActions';

export async function createLead(app: TestGateway, caller: Caller, overrides: Record<string, unknown> = {}) {
  const result = await app.gql(`mutation($input: CreateLeadInput!) { createLead(input: $input) { ${LEAD_FIELDS} } }`, { input: leadInput(overrides) }, caller);
  if (!result.data) throw new Error(`createLead failed: ${JSON.stringify(result.errors)}`);
  return result.data.createLead as Record<string, any>;
}

/** Moves a lead through the system-only transitions with SQL as the owner (for tests of later states). */
export async function forceStatus(app: TestGateway, leadId: string, path: string[]): Promise<void> {
  const client = await app.database.ownerClient();
  for (const status of path) await client.query('update leads set status = $1 where id = $2', [status, leadId]);
}

/** A user of `owner`'s agency with `role`, member of its first tenant, signed in (invited and accepted; needs the workers). */
export function addTeamMember(app: TestGateway, owner: Account, role: 'ADMIN' | 'MEMBER' | 'VIEWER'): Promise<Account> {
  return addUser(app, owner, { role, tenantIds: [owner.tenantId] });
}

/** An API key of `owner`'s first tenant with `role`. */
export async function createApiKey(app: TestGateway, owner: Account, role: 'ADMIN' | 'MEMBER' | 'VIEWER', name = `${role.toLowerCase()} key`): Promise<{ id: string; key: string; caller: Caller }> {
  const result = await app.gql(`mutation($n: String!) { createApiKey(input: { name: $n, role: ${role} }) { key apiKey { id } } }`, { n: name }, owner.caller);
  if (!result.data) throw new Error(`createApiKey failed: ${JSON.stringify(result.errors)}`);
  return { id: result.data.createApiKey.apiKey.id, key: result.data.createApiKey.key, caller: { token: result.data.createApiKey.key } };
}
