import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, SIGNUP_LIMIT } from '../../core/tenancy/login-throttle.ts';
import { signup } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
beforeAll(async () => {
  // Behind a trusted proxy, so each test can come from addresses of its own.
  app = await startTestGateway({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

let addresses = 0;
const newAddress = () => `203.0.113.${(addresses += 1)}`;

async function login(email: string, password: string, from: string) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.7, ${from}` },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: email, p: password } }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } } | null; errors?: Array<{ message: string; extensions: Record<string, any> }> };
  return { token: body.data?.login.token ?? null, code: body.errors?.[0]?.extensions.code ?? null, error: body.errors?.[0] ?? null };
}

async function signupFrom(from: string, n: number) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({
      query: 'mutation($i: SignupInput!) { signup(input: $i) { token } }',
      variables: { i: { agencyName: `Flood ${n}`, tenantName: 'Main', name: 'Flood', email: `flood-${from}-${n}@agency.test`, password: 'a long password' } },
    }),
  });
  const body = (await response.json()) as { data?: { signup: { token: string } } | null; errors?: Array<{ message: string; extensions: Record<string, any> }> };
  return { token: body.data?.signup.token ?? null, code: body.errors?.[0]?.extensions.code ?? null, error: body.errors?.[0] ?? null };
}

describe('sign-up throttling', () => {
  it('one address creates at most SIGNUP_LIMIT agencies per window; the refused one creates nothing, and other addresses are unaffected', async () => {
    const from = newAddress();
    const owner = await app.database.ownerClient();
    const agencies = async () => Number((await owner.query<{ n: string }>('select count(*) as n from agencies')).rows[0]?.n);
    const before = await agencies();
    const burst = await Promise.all(Array.from({ length: SIGNUP_LIMIT + 5 }, (_, i) => signupFrom(from, i)));
    expect(burst.filter((r) => r.token)).toHaveLength(SIGNUP_LIMIT);
    const refused = burst.filter((r) => !r.token);
    expect(refused.map((r) => r.code)).toEqual(Array(5).fill('RATE_LIMITED'));
    expect(refused[0]?.error?.message).toMatch(/Too many sign-up attempts; try again in 1[45] minutes/);
    expect(refused[0]?.error?.extensions.retryAfterSeconds).toBeGreaterThan(13 * 60);
    expect(await agencies()).toBe(before + SIGNUP_LIMIT);
    expect((await signupFrom(newAddress(), 0)).token).toBeTruthy();
  });
});

describe('sign-in throttling', () => {
  it('an address guessing one account is refused past the limit, even with the right password, and told when to retry', async () => {
    const account = await signup(app);
    const from = newAddress();
    for (let i = 0; i < LOGIN_LIMITS.accountFromAddress; i += 1) expect((await login(account.email, `guess ${i}`, from)).code).toBe('UNAUTHENTICATED');
    const refused = await login(account.email, account.password, from);
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.error?.message).toMatch(/Too many sign-in attempts; try again in 1[45] minutes/);
    expect(refused.error?.extensions.retryAfterSeconds).toBeGreaterThan(13 * 60);
    // Another address still gets in (the account's own limit is higher), and that clears the account's counts.
    expect((await login(account.email, account.password, newAddress())).token).toBeTruthy();
  });

  it('a successful sign-in starts the count again: a user who mistypes now and then is never locked out', async () => {
    const account = await signup(app);
    const from = newAddress();
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < LOGIN_LIMITS.accountFromAddress - 1; i += 1) expect((await login(account.email, 'typo', from)).code).toBe('UNAUTHENTICATED');
      expect((await login(account.email.toUpperCase(), account.password, from)).token).toBeTruthy();
    }
  });

  it('concurrent guesses are counted before any password is checked: a burst gets no more tries than the limit', async () => {
    const account = await signup(app);
    const from = newAddress();
    const burst = await Promise.all(Array.from({ length: 3 * LOGIN_LIMITS.accountFromAddress }, (_, i) => login(account.email, `burst ${i}`, from)));
    expect(burst.map((r) => r.code).filter((c) => c !== 'UNAUTHENTICATED' && c !== 'RATE_LIMITED')).toEqual([]);
    expect(burst.filter((r) => r.code === 'UNAUTHENTICATED')).toHaveLength(LOGIN_LIMITS.accountFromAddress);
    expect(burst.filter((r) => r.code === 'RATE_LIMITED')).toHaveLength(2 * LOGIN_LIMITS.accountFromAddress);
  });

  it('many addresses guessing one account hit the account limit; one address trying many accounts hits the address limit', async () => {
    const target = await signup(app);
    let failures = 0;
    while (failures < LOGIN_LIMITS.account) {
      const from = newAddress();
      for (let i = 0; i < LOGIN_LIMITS.accountFromAddress && failures < LOGIN_LIMITS.account; i += 1, failures += 1) expect((await login(target.email, `spray ${failures}`, from)).code).toBe('UNAUTHENTICATED');
    }
    expect((await login(target.email, 'one more', newAddress())).code).toBe('RATE_LIMITED');

    const sprayer = newAddress();
    const attempts = Array.from({ length: LOGIN_LIMITS.address }, (_, i) => login(`nobody-${i}@nowhere.test`, 'password', sprayer));
    expect((await Promise.all(attempts)).every((r) => r.code === 'UNAUTHENTICATED')).toBe(true);
    const someone = await signup(app);
    expect((await login(someone.email, someone.password, sprayer)).code).toBe('RATE_LIMITED');
    expect((await login(someone.email, someone.password, newAddress())).token).toBeTruthy();
  });

  it('the counts hold no email address and the app role can neither read nor change them directly', async () => {
    const owner = await app.database.ownerClient();
    const { rows } = await owner.query<{ key: Buffer }>('select key from login_attempts');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.key.length === 32)).toBe(true); // SHA-256 digests
    const columns = await owner.query<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'login_attempts' order by ordinal_position");
    expect(columns.rows.map((c) => c.column_name)).toEqual(['key', 'attempts', 'window_start']);
    const appRole = new pg.Client({ connectionString: app.database.appUrl });
    await appRole.connect();
    try {
      await expect(appRole.query('select * from login_attempts')).rejects.toThrow(/permission denied/);
      await expect(appRole.query('delete from login_attempts')).rejects.toThrow(/permission denied/);
    } finally {
      await appRole.end();
    }
  });
});
