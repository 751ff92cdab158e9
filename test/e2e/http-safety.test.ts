import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addTeamMember, forceStatus, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot } from '../support/funnel.ts';
import { authHeaders, startTestGateway, type TestGateway } from '../support/gateway.ts';

vi.setConfig({ testTimeout: 60_000 });

/** What a browser or a script from elsewhere can make us do: nothing with a user's cookie, no framing, no AI spending spree. */
let app: TestGateway;
let owner: Account;

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await setUpAutopilot(app, owner, false);
});
afterAll(() => app.close());

const cookie = () => `crm_session=${owner.token}`;
const leadCount = async () => (await app.gql('{ leads { totalCount } }', {}, owner.caller)).data?.leads.totalCount as number;

describe('cross-site requests with the session cookie', () => {
  it('an import posted from another site (text/plain, as a form can send it) is refused and imports nothing', async () => {
    const before = await leadCount();
    const forged = await fetch(`${app.url}/api/leads/import`, { method: 'POST', headers: { cookie: cookie(), origin: 'https://evil.example', 'content-type': 'text/plain', 'x-tenant-id': owner.tenantId }, body: 'Company,Email\nForged Inc,forged@evil.example\n' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'FORBIDDEN', reason: 'CROSS_SITE' } });
    const fetchMetadata = await fetch(`${app.url}/api/leads/import`, { method: 'POST', headers: { cookie: cookie(), 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, body: 'Company,Email\nForged Inc,forged@evil.example\n' });
    expect(fetchMetadata.status).toBe(403);
    expect(await leadCount()).toBe(before);
    // From the dashboard's own origin the cookie works.
    const own = await fetch(`${app.url}/api/leads/import`, { method: 'POST', headers: { cookie: cookie(), origin: app.url, 'content-type': 'text/csv' }, body: 'Company,Email\nReal Clinic,real@clinic.example\n' });
    expect(own.status).toBe(200);
    expect(await leadCount()).toBe(before + 1);
  });

  it('GraphQL mutations with the cookie from another site are refused; a bearer token from anywhere is not a cookie and works', async () => {
    const mutation = JSON.stringify({ query: 'mutation { createLead(input: { businessName: "Forged", email: "forged2@evil.example" }) { id } }' });
    const forged = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { cookie: cookie(), origin: 'https://evil.example', 'content-type': 'application/json' }, body: mutation });
    const answer = (await forged.json()) as any;
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CROSS_SITE' });
    expect(answer.data?.createLead ?? null).toBeNull();
    const bearer = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, origin: 'https://evil.example', 'content-type': 'application/json' }, body: mutation });
    expect(((await bearer.json()) as any).data?.createLead.id).toBeTruthy();
  });
});

describe('pages and answers', () => {
  it('no page may be framed by another site; the checkout and unsubscribe pages run no script', async () => {
    const token = 'x'.repeat(40);
    for (const path of ['/', '/login', '/graphql', `/pay/${token}`, `/u/${token}`, '/healthz']) {
      const response = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html' } });
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
    for (const page of ['/pay/success', `/pay/${token}`]) {
      expect((await fetch(`${app.url}${page}`)).headers.get('content-security-policy'), page).toContain("default-src 'none'");
    }
  });
});

describe('where the dashboard sends a browser', () => {
  it('after signing in: a path of this site only, whatever `next` says; never a 500 (a tab or a newline in it included)', async () => {
    const signIn = (next: string) =>
      fetch(`${app.url}/login?next=${next}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url, accept: 'text/html' },
        body: new URLSearchParams({ email: owner.email, password: owner.password }).toString(),
      });
    for (const next of ['/%09/evil.example/x', '/%0A/evil.example', '/%0D%0ASet-Cookie:%20x=1', '/%5C/evil.example', '//evil.example', 'https://evil.example', '/%00', '%2F%2Fevil.example']) {
      const answer = await signIn(next);
      expect({ next, status: answer.status }).toEqual({ next, status: 303 });
      expect(answer.headers.get('set-cookie'), next).toContain('crm_session=');
      const location = answer.headers.get('location') as string;
      expect(new URL(location, app.url).origin, next).toBe(new URL(app.url).origin);
      expect(location, next).toBe('/');
    }
    const kept = await signIn(encodeURIComponent(`/t/${owner.tenantId}/leads?status=NEW`));
    expect(kept.headers.get('location')).toBe(`/t/${owner.tenantId}/leads?status=NEW`);
  });

  it('a workspace address with a control character in it is a clear answer, not a 500', async () => {
    for (const tenant of ['%0A', '%09', '%0D%0Ax:1']) {
      const answer = await fetch(`${app.url}/t/${tenant}`, { redirect: 'manual', headers: { cookie: cookie(), accept: 'text/html' } });
      expect(answer.status, tenant).toBeLessThan(500);
      const location = answer.headers.get('location');
      if (location) expect(new URL(location, app.url).origin, tenant).toBe(new URL(app.url).origin);
    }
  });
});

describe('running the AI on demand', () => {
  it('needs a role that may spend, and is limited per tenant however it is asked (aliases, requests)', async () => {
    const viewer = await addTeamMember(app, owner, 'VIEWER');
    const refused = await app.gql('{ classifyReply(body: "interested, price?") { intent } }', {}, viewer.caller);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCESS' });
    // The limit counts per minute: start early in one, so the burst and the next call share it.
    if (new Date().getSeconds() > 45) await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: classifyReply(body: "interested, price? ${i}") { intent }`).join(' ');
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders(owner.caller) }, body: JSON.stringify({ query: `{ ${aliases} }` }) });
    // Twenty answers beside ten refusals is a success with errors (200), not a refusal (429).
    expect(response.status).toBe(200);
    const burst = (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ extensions?: Record<string, any> }> };
    const answered = Object.values(burst.data ?? {}).filter(Boolean).length;
    expect(answered).toBe(20);
    const limited = burst.errors?.filter((e) => e.extensions?.code === 'RATE_LIMITED') ?? [];
    expect(limited).toHaveLength(10);
    expect(limited[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    const next = await app.gql('{ classifyReply(body: "one more") { intent } }', {}, owner.caller);
    expect(next.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('every operation that runs the AI on demand shares one budget per tenant', () => {
  it('follow-ups, outreach, proposals, simulated replies and classifyReply together: 20 a minute, then RATE_LIMITED', async () => {
    const tenant = await signup(app);
    await setUpAutopilot(app, tenant, false);
    if (new Date().getSeconds() > 45) await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
    const lead = (await app.gql('mutation { createLead(input: { businessName: "Budget Clinic", email: "budget@clinic.example" }) { id } }', {}, tenant.caller)).data?.createLead.id;
    await forceStatus(app, lead, ['CONTACTED']);
    const aliases = Array.from({ length: 25 }, (_, i) => `f${i}: sendFollowUp(leadId: "${lead}") { id }`).join(' ');
    const burst = await app.gql(`mutation { ${aliases} }`, {}, tenant.caller);
    // Mutations run in order: the 21st is refused before it runs (and, non-null, ends the request).
    expect(burst.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(burst.errors?.[0]?.path).toEqual(['f20']);
    const followUps = await app.gql(`{ lead(id: "${lead}") { messages(first: 100) { nodes { purpose } } } }`, {}, tenant.caller);
    expect(followUps.data?.lead.messages.nodes.filter((m: { purpose: string }) => /follow/i.test(m.purpose)).length).toBeLessThanOrEqual(20);
    for (const op of [`generateOutreach(leadId: "${lead}") { id }`, `generateProposal(leadId: "${lead}") { id }`, `simulateInboundReply(leadId: "${lead}", body: "hi") { id }`]) {
      const answer = await app.gql(`mutation { ${op} }`, {}, tenant.caller);
      expect(answer.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
    expect((await app.gql('{ classifyReply(body: "price?") { intent } }', {}, tenant.caller)).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('subscriptions asked over HTTP', () => {
  it('meet the access table first, then are refused in words that say where they are served, over POST and GET', async () => {
    const post = (query: string, headers: Record<string, string> = {}) => fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }));
    for (const query of ['subscription { agencyOverviewChanged { tenantId } }', 'subscription { leadChanged { id } }']) {
      const anonymous = await post(query);
      expect(anonymous.body.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
      const signedIn = await post(query, authHeaders(owner.caller));
      expect(signedIn.body.errors?.[0], query).toMatchObject({ message: expect.stringMatching(/WebSocket/), extensions: { code: 'VALIDATION' } });
      expect(JSON.stringify(signedIn.body)).not.toMatch(/INTERNAL/);
    }
    const viewer = await addTeamMember(app, owner, 'VIEWER');
    const overGet = await fetch(`${app.url}/graphql?query=${encodeURIComponent('subscription { leadChanged { id } }')}`, { headers: { ...authHeaders(viewer.caller), 'apollo-require-preflight': 'true' } });
    const answer = (await overGet.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
    expect(answer.errors?.[0]?.extensions?.code).toMatch(/VALIDATION|BAD_REQUEST/);
  });
});
