import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestAuth } from '../../gateway/auth/authenticate.ts';
import { addUser, createLead, signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
beforeAll(async () => {
  app = await startTestGateway();
});
afterAll(() => app.close());

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

/** Signs in again as `account`, from a client that says who it is: another session of the same user. */
async function anotherSession(account: Account, userAgent = 'Firefox on a phone'): Promise<string> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ query: LOGIN, variables: { e: account.email, p: account.password } }),
  });
  const body = (await response.json()) as any;
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.login.token;
}

const me = async (token: string) => app.gql('{ me { id } }', {}, { token });

/** Whether a graphql-ws connection with this token is accepted (the same RequestAuth resolution as HTTP). */
function connects(token: string): Promise<boolean> {
  const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false });
  return new Promise<boolean>((resolve) => {
    client.on('connected', () => resolve(true));
    client.on('closed', (event) => resolve((event as { code: number }).code !== 4403 ? true : false));
  }).finally(() => client.dispose());
}

describe('server-side sessions', () => {
  it('every sign-in is a session of its own, listed with its hints; the current one is marked', async () => {
    const account = await signup(app);
    const phone = await anotherSession(account);
    const listed = await app.gql('{ sessions { nodes { id current userAgent address createdAt lastSeenAt expiresAt revokedAt } } }', {}, { token: phone });
    const sessions = listed.data?.sessions.nodes;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s: any) => s.current)).toEqual([expect.objectContaining({ userAgent: 'Firefox on a phone', address: expect.stringMatching(/127\.0\.0\.1/), revokedAt: null })]);
    expect(new Date(sessions[0].expiresAt).getTime() - Date.now()).toBeGreaterThan(11 * 3600_000);
  });

  it('logout ends this session on the next request; the same user\'s other session keeps working', async () => {
    const account = await signup(app);
    const other = await anotherSession(account);
    expect((await me(account.token)).data?.me.id).toBe(account.userId); // cached for a moment: must not outlive the logout
    expect((await app.gql('mutation { logout }', {}, { token: account.token })).data?.logout).toBe(true);
    const after = await me(account.token);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0]?.message).toBe('This session is no longer valid; sign in again.');
    expect(errorCode(await app.gql('{ leads { totalCount } }', {}, account.caller))).toBe('UNAUTHENTICATED');
    expect((await me(other)).data?.me.id).toBe(account.userId);
  });

  it('a revoked session is refused on the next request, over HTTP and for a new WebSocket connection; another user\'s session cannot be revoked', async () => {
    const account = await signup(app);
    const stranger = await signup(app);
    const laptop = await anotherSession(account, 'Chrome on a laptop');
    expect(await connects(laptop)).toBe(true);
    const { sessions } = (await app.gql('{ sessions { nodes { id current userAgent } } }', {}, { token: account.token })).data as any;
    const laptopSession = sessions.nodes.find((s: any) => s.userAgent === 'Chrome on a laptop');
    expect(errorCode(await app.gql(`mutation { revokeSession(id: "${laptopSession.id}") { id } }`, {}, { token: stranger.token }))).toBe('NOT_FOUND');
    expect((await me(laptop)).data?.me.id).toBe(account.userId);

    const revoked = await app.gql(`mutation { revokeSession(id: "${laptopSession.id}") { id current revokedAt } }`, {}, { token: account.token });
    expect(revoked.data?.revokeSession).toMatchObject({ id: laptopSession.id, current: false, revokedAt: expect.any(String) });
    expect(errorCode(await me(laptop))).toBe('UNAUTHENTICATED');
    expect(errorCode(await app.gql('{ leads { totalCount } }', {}, { token: laptop, tenantId: account.tenantId }))).toBe('UNAUTHENTICATED');
    expect(await connects(laptop)).toBe(false);
    expect((await me(account.token)).data?.me.id).toBe(account.userId);
    expect((await app.gql('{ sessions { nodes { id } } }', {}, { token: account.token })).data?.sessions.nodes).toHaveLength(1);
  });

  it('a long-lived connection re-checking its caller is refused once the session is revoked', async () => {
    const account = await signup(app);
    const auth = new RequestAuth({ bearer: account.token, tenantId: account.tenantId }, app.gateway.tokens, app.services.tenancy);
    expect((await auth.tenant()).tenantId).toBe(account.tenantId);
    expect((await auth.refresh()).userId).toBe(account.userId);
    await app.gql('mutation { logout }', {}, { token: account.token });
    await expect(auth.refresh()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // A new resolution (as a new WebSocket operation makes) is refused too.
    await expect(new RequestAuth({ bearer: account.token, tenantId: null }, app.gateway.tokens, app.services.tenancy).agency()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('signing out everywhere ends every session, this one included', async () => {
    const account = await signup(app);
    const tokens = [account.token, await anotherSession(account), await anotherSession(account)];
    expect((await app.gql('mutation { revokeAllSessions }', {}, { token: account.token })).data?.revokeAllSessions).toBe(3);
    for (const token of tokens) expect(errorCode(await me(token))).toBe('UNAUTHENTICATED');
  });

  it('a token that names no session (as issued before sessions were kept) no longer signs anyone in', async () => {
    const account = await signup(app);
    const old = await new SignJWT({ agency: account.agencyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(account.userId)
      .setIssuedAt()
      .setIssuer('crm-autopilot')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(app.secrets.session));
    expect(errorCode(await me(old))).toBe('UNAUTHENTICATED');
  });

  it('API keys have no sessions and no password', async () => {
    const owner = await signup(app);
    const { key } = (await app.gql('mutation { createApiKey(input: { name: "CI", role: ADMIN }) { key } }', {}, owner.caller)).data?.createApiKey;
    expect(errorCode(await app.gql('{ sessions { nodes { id } } }', {}, { token: key }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql('mutation { revokeAllSessions }', {}, { token: key }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql('mutation { changePassword(currentPassword: "x", newPassword: "long enough") }', {}, { token: key }))).toBe('FORBIDDEN');
  });

  it('the dashboard\'s own server passes on its user\'s address and browser, with the process\'s key; anyone else\'s claim is ignored', async () => {
    const account = await signup(app);
    const key = process.env.CRM_INTERNAL_KEY as string;
    expect(key).toBeTruthy();
    const signIn = (headers: Record<string, string>) =>
      fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: LOGIN, variables: { e: account.email, p: account.password } }) });
    await signIn({ 'x-crm-internal-key': key, 'x-crm-client-address': '198.51.100.23', 'x-crm-client-agent': 'Safari on an iPad' });
    await signIn({ 'x-crm-internal-key': 'a guess', 'x-crm-client-address': '198.51.100.99', 'x-crm-client-agent': 'Forged', 'user-agent': 'curl/8' });
    const sessions = (await app.gql('{ sessions { nodes { userAgent address } } }', {}, { token: account.token })).data?.sessions.nodes;
    expect(sessions).toEqual(expect.arrayContaining([{ userAgent: 'Safari on an iPad', address: '198.51.100.23' }, { userAgent: 'curl/8', address: expect.stringMatching(/127\.0\.0\.1/) }]));
    expect(JSON.stringify(sessions)).not.toContain('198.51.100.99');
  });

  it('every /graphql answer is private and not stored by any cache: a sign-in, a query, an error', async () => {
    const account = await signup(app);
    const post = (query: string, token?: string) =>
      fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables: { e: account.email, p: account.password } }) });
    for (const response of [await post(LOGIN), await post('{ me { id } }', account.token), await post('{ me { id } }'), await post('{ nope }'), await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })]) {
      expect(response.headers.get('cache-control')).toBe('private, no-store');
    }
  });
});

describe('passwords changed by their owner', () => {
  it('needs the current password; ends every other session; the old password stops working', async () => {
    const account = await signup(app);
    const other = await anotherSession(account);
    const change = (current: string, next: string) => app.gql('mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', { c: current, n: next }, { token: account.token });
    const wrong = await change('not my password', 'a brand new password');
    expect(errorCode(wrong)).toBe('VALIDATION');
    expect(wrong.errors?.[0]?.extensions?.fields).toEqual([{ field: 'currentPassword', message: 'is incorrect' }]);
    expect(errorCode(await change(account.password, 'short'))).toBe('VALIDATION');
    expect((await me(other)).data?.me.id).toBe(account.userId);

    expect((await change(account.password, 'a brand new password')).data?.changePassword).toBe(true);
    expect(errorCode(await me(other))).toBe('UNAUTHENTICATED');
    expect((await me(account.token)).data?.me.id).toBe(account.userId);
    expect(errorCode(await app.gql(LOGIN, { e: account.email, p: account.password }))).toBe('UNAUTHENTICATED');
    expect((await app.gql(LOGIN, { e: account.email, p: 'a brand new password' })).data?.login.token).toBeTruthy();
  });
});

describe('removing a user from the agency', () => {
  it('ends their sessions at once, takes their memberships, and keeps their name on what they did', async () => {
    const owner = await signup(app);
    const member = await addUser(app, owner, { role: 'MEMBER', tenantIds: [owner.tenantId], name: 'Meera Member' });
    const lead = await createLead(app, member.caller, { businessName: 'Made by Meera', assigneeId: member.userId });
    expect((await me(member.token)).data?.me.id).toBe(member.userId);

    expect((await app.gql(`mutation { removeUser(id: "${member.userId}") }`, {}, { token: owner.token })).data?.removeUser).toBe(true);
    expect(errorCode(await me(member.token))).toBe('UNAUTHENTICATED');
    expect(errorCode(await app.gql('{ leads { totalCount } }', {}, member.caller))).toBe('UNAUTHENTICATED');
    expect(errorCode(await app.gql(LOGIN, { e: member.email, p: member.password }))).toBe('UNAUTHENTICATED');
    const users = (await app.gql('{ users { nodes { id } } }', {}, { token: owner.token })).data?.users.nodes;
    expect(users.map((u: { id: string }) => u.id)).toEqual([owner.userId]);
    const history = await app.gql(`{ history(leadId: "${lead.id}") { entries { kind actor { type id name } } } }`, {}, owner.caller);
    expect(history.data?.history.entries[0]).toMatchObject({ kind: 'CREATED', actor: { type: 'USER', id: member.userId, name: 'Meera Member' } });
    // Their leads are nobody's now.
    expect((await app.gql(`{ lead(id: "${lead.id}") { assigneeId } }`, {}, owner.caller)).data?.lead.assigneeId).toBeNull();
    const client = await app.database.ownerClient();
    expect((await client.query('select count(*)::int as n from tenant_memberships where user_id = $1', [member.userId])).rows[0].n).toBe(0);
    expect((await client.query('select count(*)::int as n from sessions where user_id = $1', [member.userId])).rows[0].n).toBe(0);
  });

  it('owners and admins only; an admin cannot remove an owner; nobody removes themselves or the last owner', async () => {
    const owner = await signup(app);
    const admin = await addUser(app, owner, { role: 'ADMIN' });
    const member = await addUser(app, owner, { role: 'MEMBER', tenantIds: [owner.tenantId] });
    const viewer = await addUser(app, owner, { role: 'VIEWER', tenantIds: [owner.tenantId] });
    const remove = (id: string, token: string) => app.gql(`mutation { removeUser(id: "${id}") }`, {}, { token });
    expect(errorCode(await remove(viewer.userId, member.token))).toBe('FORBIDDEN');
    expect(errorCode(await remove(owner.userId, admin.token))).toBe('FORBIDDEN');
    expect(errorCode(await remove(owner.userId, owner.token))).toBe('CONFLICT');
    expect(errorCode(await remove(admin.userId, admin.token))).toBe('CONFLICT');
    expect(errorCode(await remove('00000000-0000-4000-8000-000000000000', owner.token))).toBe('NOT_FOUND');
    const stranger = await signup(app);
    expect(errorCode(await remove(viewer.userId, stranger.token))).toBe('NOT_FOUND');
    expect((await remove(viewer.userId, admin.token)).data?.removeUser).toBe(true);
    expect((await me(owner.token)).data?.me.id).toBe(owner.userId);
  });
});
