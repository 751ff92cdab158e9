import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROTTLES } from '../../core/accounts/throttle.ts';
import { addUser, linkTokenFor, signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
beforeAll(async () => {
  // Behind a trusted proxy, so each test can come from addresses of its own.
  app = await startTestGateway({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

let addresses = 0;
const newAddress = () => `198.51.100.${(addresses += 1)}`;

async function post(query: string, variables: Record<string, unknown>, from = newAddress()) {
  const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, any> }> } };
}
const request = (email: string, from?: string) => post('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email }, from);
const reset = (token: string, password: string) => post('mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { token user { id } } }', { t: token, p: password });
const login = async (email: string, password: string) => (await post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password })).body.data?.login.token ?? null;
const resetEmails = async (owner: Account, to: string) =>
  ((await app.gql('{ accountOutbox(first: 100) { nodes { kind toAddress } } }', {}, { token: owner.token })).data?.accountOutbox.nodes as Array<{ kind: string; toAddress: string }>).filter((m) => m.kind === 'PASSWORD_RESET' && m.toAddress === to).length;

describe('forgotten passwords', () => {
  it('a request answers the same whether or not the address has an account; only an account gets an email', async () => {
    const owner = await signup(app);
    const known = await request(owner.email);
    const unknown = await request(`nobody-${Date.now()}@nowhere.test`);
    expect(known).toEqual(unknown);
    expect(known.body).toEqual({ data: { requestPasswordReset: true } });
    expect(errorCode({ ...(await request('not an address')).body, status: 400 })).toBe('VALIDATION');
    await linkTokenFor(app, owner, owner.email, 'PASSWORD_RESET');
    const db = await app.database.ownerClient();
    expect((await db.query('select count(*)::int as n from password_resets')).rows[0].n).toBe(1); // none for the unknown address
  });

  it('the emailed link sets a new password once, ends every session and signs in anew', async () => {
    const owner = await signup(app);
    const member = await addUser(app, owner, { role: 'MEMBER', tenantIds: [owner.tenantId] });
    const elsewhere = await login(member.email, member.password);
    await request(member.email.toUpperCase());
    const token = await linkTokenFor(app, owner, member.email, 'PASSWORD_RESET');
    expect((await reset(token, 'short')).body.errors?.[0]?.extensions.code).toBe('VALIDATION');

    const done = await reset(token, 'my new password');
    expect(done.body.data?.resetPassword.user.id).toBe(member.userId);
    for (const old of [member.token, elsewhere]) expect(errorCode({ ...(await app.gql('{ me { id } }', {}, { token: old as string })) })).toBe('UNAUTHENTICATED');
    expect((await app.gql('{ me { id } }', {}, { token: done.body.data?.resetPassword.token })).data?.me.id).toBe(member.userId);
    expect(await login(member.email, member.password)).toBeNull();
    expect(await login(member.email, 'my new password')).toBeTruthy();

    const again = await reset(token, 'yet another password');
    expect(again.body.errors?.[0]?.extensions.code).toBe('VALIDATION');
    expect(again.body.errors?.[0]?.extensions.fields).toEqual([{ field: 'token', message: 'is invalid or has expired' }]);
    expect(await login(member.email, 'my new password')).toBeTruthy();
  });

  it('a link expires after an hour; using one, or changing the password, ends the others', async () => {
    const owner = await signup(app);
    await request(owner.email);
    const first = await linkTokenFor(app, owner, owner.email, 'PASSWORD_RESET');
    const db = await app.database.ownerClient();
    await db.query(`update password_resets set expires_at = now() - interval '1 second'`);
    expect((await reset(first, 'a new password')).body.errors?.[0]?.extensions.code).toBe('VALIDATION');

    await request(owner.email);
    const second = await linkTokenFor(app, owner, owner.email, 'PASSWORD_RESET', { not: [first] });
    await request(owner.email);
    const third = await linkTokenFor(app, owner, owner.email, 'PASSWORD_RESET', { not: [first, second] });
    const changed = await app.gql('mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "changed by me") }', { c: owner.password }, { token: owner.token });
    expect(changed.data?.changePassword).toBe(true);
    for (const token of [second, third]) expect((await reset(token, 'a new password')).body.errors?.[0]?.extensions.code).toBe('VALIDATION');
    expect(await login(owner.email, 'changed by me')).toBeTruthy();
  });

  it('requests are limited per address (429 with Retry-After) and per account, where the answer stays the same but no more email goes out', async () => {
    const owner = await signup(app);
    const from = newAddress();
    for (let i = 0; i < THROTTLES.resetAddress.limit; i += 1) expect((await request(`someone-${i}@nowhere.test`, from)).status).toBe(200);
    const refused = await request(owner.email, from);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused.retryAfter)).toBe(refused.body.errors?.[0]?.extensions.retryAfterSeconds);

    // From many addresses, one account: every request is answered, but only the first few send an email.
    const target = await addUser(app, owner, { role: 'VIEWER' });
    const answers = [];
    for (let i = 0; i < THROTTLES.resetAccount.limit + 3; i += 1) answers.push(await request(target.email));
    expect(answers.every((a) => a.status === 200 && a.body.data?.requestPasswordReset === true)).toBe(true);
    const deadline = Date.now() + 10_000;
    while ((await resetEmails(owner, target.email)) < THROTTLES.resetAccount.limit && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await resetEmails(owner, target.email)).toBe(THROTTLES.resetAccount.limit);
    // Whoever asked, the account still signs in as before.
    expect(await login(target.email, target.password)).toBeTruthy();
  });

  it('links are refused when they are not links at all, and their uses are counted per address', async () => {
    for (const bad of ['', 'x', 'A'.repeat(86), `${'A'.repeat(85)}!`]) {
      const answer = await reset(bad, 'a new password');
      expect(answer.body.errors?.[0]?.extensions.code).toBe('VALIDATION');
    }
  });
});
