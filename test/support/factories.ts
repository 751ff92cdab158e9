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
    `mutation($input: SignupInput!) { signup(input: $input) { token user { id } agency { id } tenants { id } } }`,
    { input: { agencyName: overrides.agencyName ?? `Agency ${unique()}`, tenantName: 'First client', name: 'Owner', email, password } },
  );
  if (!result.data) throw new Error(`signup failed: ${JSON.stringify(result.errors)}`);
  const { token, user, agency, tenants } = result.data.signup;
  return { token, agencyId: agency.id, tenantId: tenants[0].id, userId: user.id, email, password, caller: { token, tenantId: tenants[0].id } };
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

/** A user of `owner`'s agency with `role`, member of its first tenant, signed in. */
export async function addTeamMember(app: TestGateway, owner: Account, role: 'ADMIN' | 'MEMBER' | 'VIEWER'): Promise<Account> {
  const email = `${role.toLowerCase()}-${unique()}@agency.test`;
  const password = 'team member password';
  const created = await app.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email, name: `A ${role.toLowerCase()}`, password, role, tenantIds: [owner.tenantId] } }, { token: owner.token });
  if (!created.data) throw new Error(`createUser failed: ${JSON.stringify(created.errors)}`);
  const login = await app.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
  if (!login.data) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
  const token = login.data.login.token as string;
  return { token, agencyId: owner.agencyId, tenantId: owner.tenantId, userId: created.data.createUser.id, email, password, caller: { token, tenantId: owner.tenantId } };
}

/** An API key of `owner`'s first tenant with `role`. */
export async function createApiKey(app: TestGateway, owner: Account, role: 'ADMIN' | 'MEMBER' | 'VIEWER', name = `${role.toLowerCase()} key`): Promise<{ id: string; key: string; caller: Caller }> {
  const result = await app.gql(`mutation($n: String!) { createApiKey(input: { name: $n, role: ${role} }) { key apiKey { id } } }`, { n: name }, owner.caller);
  if (!result.data) throw new Error(`createApiKey failed: ${JSON.stringify(result.errors)}`);
  return { id: result.data.createApiKey.apiKey.id, key: result.data.createApiKey.key, caller: { token: result.data.createApiKey.key } };
}
