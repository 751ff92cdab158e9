import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signup } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
beforeAll(async () => {
  app = await startTestGateway();
});
afterAll(() => app.close());

describe('signup and login', () => {
  it('signup creates an agency, its first tenant and the owner, and signs them in', async () => {
    const account = await signup(app, { agencyName: 'Jaipur Growth Agency' });
    const me = await app.gql('{ me { id role email } agency { name } tenants { nodes { id name } } }', {}, { token: account.token });
    expect(me.data).toEqual({
      me: { id: account.userId, role: 'OWNER', email: account.email },
      agency: { name: 'Jaipur Growth Agency' },
      tenants: { nodes: [{ id: account.tenantId, name: 'First client' }] },
    });
  });

  it('login returns a working token; a wrong password and an unknown email fail the same way', async () => {
    const account = await signup(app);
    const ok = await app.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id } } }', { e: account.email.toUpperCase(), p: account.password });
    expect(ok.data?.login.user.id).toBe(account.userId);
    const me = await app.gql('{ me { id } }', {}, { token: ok.data?.login.token });
    expect(me.data?.me.id).toBe(account.userId);

    const wrong = await app.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: account.email, p: 'not the password' });
    const unknown = await app.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 'nobody@nowhere.test', p: 'not the password' });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('signup validates every field at once and refuses a taken email', async () => {
    const bad = await app.gql('mutation { signup(input: { agencyName: "", tenantName: "T", name: "N", email: "nope", password: "short" }) { token } }');
    expect(errorCode(bad)).toBe('VALIDATION');
    const fields = bad.errors?.[0]?.extensions?.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(['agencyName', 'email', 'password']);

    const account = await signup(app);
    const again = await signup(app).catch(() => null);
    expect(again).not.toBeNull();
    const taken = await app.gql(`mutation { signup(input: { agencyName: "A", tenantName: "T", name: "N", email: "${account.email}", password: "long enough" }) { token } }`);
    expect(errorCode(taken)).toBe('CONFLICT');
  });

  it('requests without a token, with a bad token or with a forged one are UNAUTHENTICATED', async () => {
    expect(errorCode(await app.gql('{ me { id } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await app.gql('{ me { id } }', {}, { token: 'garbage' }))).toBe('UNAUTHENTICATED');
    const account = await signup(app);
    const [header, payload] = account.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    expect(errorCode(await app.gql('{ me { id } }', {}, { token: forged }))).toBe('UNAUTHENTICATED');
  });
});

describe('tenants, roles and memberships', () => {
  it('an owner creates a second tenant and works in it through x-tenant-id', async () => {
    const owner = await signup(app);
    // An empty country is not a country (it was an internal error): VALIDATION naming it.
    const empty = await app.gql('mutation { createTenant(input: { name: "No country", defaultCountry: "" }) { id } }', {}, { token: owner.token });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'defaultCountry', message: expect.any(String) }] });
    const created = await app.gql('mutation { createTenant(input: { name: "Gym group, Bangalore", defaultCountry: "IN" }) { id name } }', {}, { token: owner.token });
    const tenantId = created.data?.createTenant.id;
    expect(created.data?.createTenant.name).toBe('Gym group, Bangalore');
    const current = await app.gql('{ currentTenant { id } }', {}, { token: owner.token, tenantId });
    expect(current.data?.currentTenant.id).toBe(tenantId);
    const listed = await app.gql('{ tenants { nodes { id } } }', {}, { token: owner.token });
    expect(listed.data?.tenants.nodes.map((t: { id: string }) => t.id)).toEqual([owner.tenantId, tenantId]);
  });

  it('members reach only their tenants; viewers cannot mutate; admins cannot make owners', async () => {
    const owner = await signup(app);
    const second = (await app.gql('mutation { createTenant(input: { name: "Second" }) { id } }', {}, { token: owner.token })).data?.createTenant.id;
    const member = await addUser(app, owner, { role: 'MEMBER', tenantIds: [owner.tenantId] });
    expect((await app.gql('{ me { role } }', {}, { token: member.token })).data?.me.role).toBe('MEMBER');
    const viewer = await addUser(app, owner, { role: 'VIEWER', tenantIds: [owner.tenantId] });
    const admin = await addUser(app, owner, { role: 'ADMIN' });
    const login = async (account: { email: string; password: string }) =>
      (await app.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token tenants { nodes { id } } } }', { e: account.email, p: account.password })).data?.login;

    const memberLogin = await login(member);
    expect(memberLogin.tenants.nodes.map((t: { id: string }) => t.id)).toEqual([owner.tenantId]);
    const created = await app.gql('mutation { createLead(input: { businessName: "M", email: "m@m.in" }) { id } }', {}, { token: memberLogin.token });
    expect(created.data?.createLead.id).toBeTruthy();
    const outside = await app.gql('{ leads { nodes { id } } }', {}, { token: memberLogin.token, tenantId: second });
    expect(errorCode(outside)).toBe('NOT_FOUND');

    const read = await app.gql('{ leads { nodes { id allowedActions } } }', {}, { token: viewer.token });
    expect(read.data?.leads.nodes).toHaveLength(1);
    expect(read.data?.leads.nodes[0].allowedActions).toEqual([]);
    const leadId = read.data?.leads.nodes[0].id;
    for (const mutation of [
      'mutation { createLead(input: { businessName: "V", email: "v@v.in" }) { id } }',
      `mutation { updateLead(id: "${leadId}", input: { city: "Delhi" }) { id } }`,
      `mutation { deleteLead(id: "${leadId}") }`,
      `mutation { addNote(leadId: "${leadId}", body: "hi") { id } }`,
      `mutation { closeLead(id: "${leadId}") { id } }`,
      'mutation { createApiKey(input: { name: "k", role: VIEWER }) { key } }',
      'mutation { createTenant(input: { name: "x" }) { id } }',
      'mutation { inviteUser(input: { email: "x@x.in", name: "x", role: VIEWER }) { id } }',
    ]) {
      expect(errorCode(await app.gql(mutation, {}, { token: viewer.token })), mutation).toBe('FORBIDDEN');
    }

    expect((await login(admin)).tenants.nodes).toHaveLength(2);
    const promote = await app.gql('mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }', { i: { email: `o2-${owner.userId}@a.test`, name: 'x', role: 'OWNER' } }, { token: admin.token });
    expect(errorCode(promote)).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(`mutation { updateUser(id: "${member.userId}", input: { role: OWNER }) { id } }`, {}, { token: admin.token }))).toBe('FORBIDDEN');
  });

  it('the last owner cannot be demoted', async () => {
    const owner = await signup(app);
    const result = await app.gql(`mutation { updateUser(id: "${owner.userId}", input: { role: ADMIN }) { id } }`, {}, { token: owner.token });
    expect(errorCode(result)).toBe('CONFLICT');
  });
});

describe('API keys', () => {
  it('work only for their tenant, are shown once, record last use and stop working once revoked', async () => {
    const owner = await signup(app);
    const other = await signup(app);
    const created = await app.gql('mutation { createApiKey(input: { name: "CI", role: MEMBER }) { key apiKey { id hint lastUsedAt } } }', {}, owner.caller);
    const { key, apiKey } = created.data?.createApiKey;
    expect(key.startsWith('crm_')).toBe(true);
    expect(key.endsWith(apiKey.hint)).toBe(true);
    expect(apiKey.lastUsedAt).toBeNull();

    const lead = await app.gql('mutation { createLead(input: { businessName: "Via key", email: "key@lead.in" }) { id } }', {}, { token: key });
    expect(lead.data?.createLead.id).toBeTruthy();
    const listed = await app.gql('{ apiKeys { nodes { id lastUsedAt } } }', {}, owner.caller);
    expect(listed.data?.apiKeys.nodes[0].lastUsedAt, JSON.stringify(listed)).not.toBeNull();
    expect(JSON.stringify(listed.data)).not.toContain(key);

    const history = await app.gql(`{ history(leadId: "${lead.data?.createLead.id}") { entries { actor { type id name } } } }`, {}, owner.caller);
    expect(history.data?.history.entries[0].actor).toEqual({ type: 'API_KEY', id: apiKey.id, name: 'CI' });

    expect(errorCode(await app.gql('{ leads { nodes { id } } }', {}, { token: key, tenantId: other.tenantId }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql('mutation { createTenant(input: { name: "x" }) { id } }', {}, { token: key }))).toBe('FORBIDDEN');
    const tampered = key.slice(0, -2) + (key.endsWith('AA') ? 'BB' : 'AA');
    expect(errorCode(await app.gql('{ leads { nodes { id } } }', {}, { token: tampered }))).toBe('UNAUTHENTICATED');

    const revoked = await app.gql(`mutation { revokeApiKey(id: "${apiKey.id}") { revokedAt } }`, {}, owner.caller);
    expect(revoked.data?.revokeApiKey.revokedAt).not.toBeNull();
    expect(errorCode(await app.gql('{ leads { nodes { id } } }', {}, { token: key }))).toBe('UNAUTHENTICATED');
  });

  it('another agency cannot revoke or list a tenant\'s keys', async () => {
    const owner = await signup(app);
    const intruder = await signup(app);
    const { apiKey } = (await app.gql('mutation { createApiKey(input: { name: "k", role: VIEWER }) { apiKey { id } } }', {}, owner.caller)).data?.createApiKey;
    expect(errorCode(await app.gql(`mutation { revokeApiKey(id: "${apiKey.id}") { id } }`, {}, intruder.caller))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('{ apiKeys { nodes { id } } }', {}, { token: intruder.token, tenantId: owner.tenantId }))).toBe('NOT_FOUND');
    expect((await app.gql('{ apiKeys { nodes { id } } }', {}, intruder.caller)).data?.apiKeys.nodes).toEqual([]);
  });
});

describe('the dashboard\'s session cookie and the agency overview', () => {
  it('the crm_session cookie authenticates like a bearer token', async () => {
    const account = await signup(app);
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `theme=dark; crm_session=${account.token}` }, body: JSON.stringify({ query: '{ me { id } }' }) });
    expect(((await response.json()) as any).data.me.id).toBe(account.userId);
  });

  it('agencyOverview shows every reachable tenant with its counts', async () => {
    const account = await signup(app);
    await app.gql('mutation { createTenant(input: { name: "Second client" }) { id } }', {}, { token: account.token });
    await app.gql('mutation { createLead(input: { businessName: "A", email: "a@overview.in" }) { id } }', {}, account.caller);
    const overview = (await app.gql('{ agencyOverview { nodes { name totalLeads conversionRate messagesSentThisWeek revenue { amount } leadsByStatus { status count } } } }', {}, { token: account.token })).data?.agencyOverview.nodes;
    expect(overview.map((t: any) => t.name)).toEqual(['First client', 'Second client']);
    expect(overview[0]).toMatchObject({ totalLeads: 1, conversionRate: 0, revenue: [] });
    expect(overview[0].leadsByStatus.find((s: any) => s.status === 'NEW').count).toBe(1);
    expect(overview[1].totalLeads).toBe(0);
  });
});
