import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROTTLES } from '../../core/accounts/throttle.ts';
import { signup } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
beforeAll(async () => {
  // Behind a trusted proxy, so each test can come from addresses of its own.
  app = await startTestGateway({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

let addresses = 0;
const newAddress = () => `203.0.${Math.floor((addresses += 1) / 250)}.${addresses % 250}`;
const PAIR_LIMIT = THROTTLES.signInPair.limit;
const ADDRESS_LIMIT = THROTTLES.signInAddress.limit;
const SIGNUP_LIMIT = THROTTLES.signup.limit;

async function login(email: string, password: string, from: string) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.7, ${from}` },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: email, p: password } }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } } | null; errors?: Array<{ message: string; extensions: Record<string, any> }> };
  return { token: body.data?.login.token ?? null, code: body.errors?.[0]?.extensions.code ?? null, error: body.errors?.[0] ?? null, status: response.status, retryAfter: response.headers.get('retry-after') };
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
  return { token: body.data?.signup.token ?? null, code: body.errors?.[0]?.extensions.code ?? null, error: body.errors?.[0] ?? null, status: response.status, retryAfter: response.headers.get('retry-after') };
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
    // HTTP says it too: 429 with Retry-After, the same number of seconds.
    expect(refused[0]?.status).toBe(429);
    expect(Number(refused[0]?.retryAfter)).toBe(refused[0]?.error?.extensions.retryAfterSeconds);
    expect(burst.filter((r) => r.token).every((r) => r.status === 200)).toBe(true);
    expect(await agencies()).toBe(before + SIGNUP_LIMIT);
    expect((await signupFrom(newAddress(), 0)).token).toBeTruthy();
  });
});

describe('sign-in throttling', () => {
  it('an address guessing one account is refused past the limit, even with the right password, and told when to retry', async () => {
    const account = await signup(app);
    const from = newAddress();
    for (let i = 0; i < PAIR_LIMIT; i += 1) expect((await login(account.email, `guess ${i}`, from)).code).toBe('UNAUTHENTICATED');
    const refused = await login(account.email, account.password, from);
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.error?.message).toMatch(/Too many sign-in attempts; try again in 1[45] minutes/);
    expect(refused.error?.extensions.retryAfterSeconds).toBeGreaterThan(13 * 60);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBe(refused.error?.extensions.retryAfterSeconds);
    // Another address still gets in.
    const elsewhere = await login(account.email, account.password, newAddress());
    expect(elsewhere.token).toBeTruthy();
    expect(elsewhere.status).toBe(200);
  });

  it('a successful sign-in starts the count again: a user who mistypes now and then is never locked out', async () => {
    const account = await signup(app);
    const from = newAddress();
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < PAIR_LIMIT - 1; i += 1) expect((await login(account.email, 'typo', from)).code).toBe('UNAUTHENTICATED');
      expect((await login(account.email.toUpperCase(), account.password, from)).token).toBeTruthy();
    }
  });

  it('concurrent guesses are counted before any password is checked: a burst gets no more tries than the limit', async () => {
    const account = await signup(app);
    const from = newAddress();
    const burst = await Promise.all(Array.from({ length: 3 * PAIR_LIMIT }, (_, i) => login(account.email, `burst ${i}`, from)));
    expect(burst.map((r) => r.code).filter((c) => c !== 'UNAUTHENTICATED' && c !== 'RATE_LIMITED')).toEqual([]);
    expect(burst.filter((r) => r.code === 'UNAUTHENTICATED')).toHaveLength(PAIR_LIMIT);
    expect(burst.filter((r) => r.code === 'RATE_LIMITED')).toHaveLength(2 * PAIR_LIMIT);
  });

  it('nobody can lock a known account out: 60 wrong passwords from 6 addresses, then the right one from a 7th gets in', async () => {
    const target = await signup(app);
    const attackers = Array.from({ length: 6 }, () => newAddress());
    for (const from of attackers) {
      for (let i = 0; i < PAIR_LIMIT; i += 1) expect((await login(target.email, `spray ${from} ${i}`, from)).code).toBe('UNAUTHENTICATED');
      expect((await login(target.email, 'one more', from)).code).toBe('RATE_LIMITED');
    }
    const owner = await login(target.email, target.password, newAddress());
    expect(owner.code).toBeNull();
    expect(owner.token).toBeTruthy();
    expect((await app.gql('{ me { id } }', {}, { token: owner.token as string })).data?.me.id).toBe(target.userId);
    // And again after more guessing: the guessers stay refused, the owner does not.
    expect((await login(target.email, target.password, attackers[0] as string)).code).toBe('RATE_LIMITED');
    expect((await login(target.email, target.password, newAddress())).token).toBeTruthy();
  });

  it('one address trying many accounts hits the address limit; the accounts themselves stay reachable', async () => {
    const sprayer = newAddress();
    const attempts = Array.from({ length: ADDRESS_LIMIT }, (_, i) => login(`nobody-${i}@nowhere.test`, 'password', sprayer));
    expect((await Promise.all(attempts)).every((r) => r.code === 'UNAUTHENTICATED')).toBe(true);
    const someone = await signup(app);
    const refused = await login(someone.email, someone.password, sprayer);
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    expect((await login(someone.email, someone.password, newAddress())).token).toBeTruthy();
  }, 180_000);

  it('a throttled query over GET is refused with HTTP 429 and Retry-After as well as RATE_LIMITED', async () => {
    const from = newAddress();
    const token = 'A'.repeat(86);
    const get = () =>
      fetch(`${app.url}/graphql?query=${encodeURIComponent(`{ invitation(token: "${token}") { email } }`)}`, {
        headers: { 'x-forwarded-for': from, 'apollo-require-preflight': 'true' },
      });
    for (let i = 0; i < THROTTLES.links.limit; i += 1) {
      const response = await get();
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('VALIDATION');
    }
    const refused = await get();
    const body = (await refused.json()) as any;
    expect(refused.status).toBe(429);
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBe(body.errors[0].extensions.retryAfterSeconds);
    expect(refused.headers.get('cache-control')).toBe('private, no-store');
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
