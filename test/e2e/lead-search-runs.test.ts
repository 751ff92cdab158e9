import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../adapters/db/embedded-postgres.ts';
import { addTeamMember, signup, type Account } from '../support/factories.ts';
import { history, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { startLocalSources, type LocalSources } from '../support/lead-sources.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

/** Runs as users meet them: the review queue the autopilot then works on, limits, sources that fail, live progress. */
let app: TestGateway;
let sources: LocalSources;

const restaurant = (id: number, name: string, email: string) => ({ type: 'node', id, lat: 28.6, lon: 77.2, tags: { amenity: 'restaurant', name, 'contact:email': email } });
const cafe = (id: number) => ({ type: 'node', id, lat: 18.5, lon: 73.8, tags: { amenity: 'cafe', name: `Cafe ${id}`, phone: `+91 20 2612 ${String(id).padStart(4, '0')}` } });

beforeAll(async () => {
  sources = await startLocalSources(
    {
      overpass: {
        Delhi: [restaurant(1, 'Royal Spice', 'royal@spice.in'), restaurant(2, 'Karim Dhaba', 'karim@dhaba.in'), restaurant(3, 'Tandoor House', 'eat@tandoor.in'), restaurant(4, 'Chaat Corner', 'hi@chaat.in')],
        Pune: [1, 2, 3, 4, 5].map(cafe),
        // One clinic mapped twice (as a point and as its building), with one phone.
        Ajmer: [
          { type: 'node', id: 31, lat: 26.45, lon: 74.64, tags: { amenity: 'dentist', name: 'Ajmer Dental', phone: '+91 145 262 0000' } },
          { type: 'way', id: 32, center: { lat: 26.45, lon: 74.64 }, tags: { healthcare: 'dentist', name: 'Ajmer Dental Clinic', 'contact:phone': '0145 262 0000' } },
        ],
        Brokenville: { status: 400, body: '<p>static error: parse error</p>' },
        Busytown: { status: 429, body: 'slow down', headers: { 'retry-after': '120' } },
        Flakyton: [{ status: 503, body: '' }, { status: 503, body: '' }, { status: 503, body: '' }, { status: 503, body: '' }, { body: { elements: [cafe(9)] } }],
      },
      placesKey: 'AIzaTheRightKey000000',
    },
    Object.fromEntries(['spice.in', 'dhaba.in', 'tandoor.in', 'chaat.in'].map((domain) => [domain, { MX: [{ preference: 10, exchange: `mx.${domain}` }] }])),
  );
  app = await startTestGateway(sources.env);
});
afterAll(async () => {
  await app?.close();
  await sources?.stop();
});

async function createSearch(account: Account, input: string): Promise<string> {
  const created = await app.gql(`mutation { createLeadSearch(input: { ${input} }) { id } }`, {}, account.caller);
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  return created.data.createLeadSearch.id;
}

async function lastRun(account: Account, searchId: string, after: string | null = null): Promise<Record<string, any>> {
  return eventually(async () => {
    const run = (await app.gql(`{ leadSearch(id: "${searchId}") { lastRun { id status reason found created duplicates rejected heldForReview } } }`, {}, account.caller)).data?.leadSearch.lastRun;
    return run && run.id !== after && (run.status === 'DONE' || run.status === 'FAILED') ? run : null;
  }, 60_000, `a finished run of ${searchId}`);
}

describe('the review queue', () => {
  it('holds found businesses until a person decides; approved ones become leads the autopilot contacts, rejected ones are never proposed again', async () => {
    const owner = await signup(app);
    const member = await addTeamMember(app, owner, 'MEMBER');
    const viewer = await addTeamMember(app, owner, 'VIEWER');
    await setUpAutopilot(app, owner, true);
    const settings = await app.gql('mutation { updateLeadSearchSettings(input: { requireApproval: true, idealCustomer: { industries: ["restaurant"], places: ["Delhi"] } }) { requireApproval idealCustomer { industries places } } }', {}, owner.caller);
    expect(settings.data?.updateLeadSearchSettings).toEqual({ requireApproval: true, idealCustomer: { industries: ['restaurant'], places: ['Delhi'] } });
    expect((await app.gql('mutation { updateLeadSearchSettings(input: { requireApproval: false }) { requireApproval } }', {}, member.caller)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCESS' });

    const searchId = await createSearch(member, 'category: "restaurants", area: { placeName: "Delhi" }');
    const run = await lastRun(member, searchId);
    expect(run).toMatchObject({ status: 'DONE', found: 4, created: 0, heldForReview: 4 });
    expect((await app.gql('{ leads { totalCount } }', {}, owner.caller)).data?.leads.totalCount).toBe(0);
    const queue = (await app.gql('{ foundBusinesses(outcome: [PENDING_REVIEW]) { nodes { id name fit reasons } } }', {}, member.caller)).data?.foundBusinesses.nodes;
    expect(queue.map((b: any) => b.name)).toEqual(['Royal Spice', 'Karim Dhaba', 'Tandoor House', 'Chaat Corner']);
    expect(queue[0]).toMatchObject({ fit: 100, reasons: expect.arrayContaining([expect.stringMatching(/^Waiting for a person to approve it/)]) });
    const ids = (names: string[]) => queue.filter((b: any) => names.includes(b.name)).map((b: any) => b.id);

    expect((await app.gql('mutation($ids: [ID!]!) { reviewFoundBusinesses(ids: $ids, decision: APPROVE) { approved } }', { ids: ids(['Royal Spice']) }, viewer.caller)).errors?.[0]?.extensions?.reason).toBe('ACCESS');
    const approved = await app.gql('mutation($ids: [ID!]!) { reviewFoundBusinesses(ids: $ids, decision: APPROVE) { approved rejected unchanged decisions { foundBusinessId outcome leadId message } } }', { ids: ids(['Royal Spice', 'Karim Dhaba']) }, member.caller);
    expect(approved.data?.reviewFoundBusinesses).toMatchObject({ approved: 2, rejected: 0, unchanged: 0 });
    const rejected = await app.gql('mutation($ids: [ID!]!) { reviewFoundBusinesses(ids: $ids, decision: REJECT) { approved rejected unchanged } }', { ids: [...ids(['Tandoor House', 'Chaat Corner']), ...ids(['Royal Spice'])] }, member.caller);
    expect(rejected.data?.reviewFoundBusinesses).toEqual({ approved: 0, rejected: 2, unchanged: 1 });

    // The autopilot writes to the approved ones, as to any lead a run creates.
    const leadIds = approved.data?.reviewFoundBusinesses.decisions.map((d: any) => d.leadId);
    for (const id of leadIds) await waitForStatus(app, owner, id, 'CONTACTED');
    const lead = (await app.gql(`{ lead(id: "${leadIds[0]}") { businessName email source industry tags foundBy { outcome reviewedBy { name } } } }`, {}, owner.caller)).data?.lead;
    expect(lead).toMatchObject({ businessName: 'Royal Spice', email: 'royal@spice.in', source: 'search: Restaurant in Delhi', industry: 'Restaurant', tags: ['Restaurant'], foundBy: { outcome: 'APPROVED' } });
    const created = (await history(app, owner, leadIds[0])).find((entry) => entry.kind === 'CREATED');
    expect(created?.reason).toMatch(/^Found by the search "Restaurant in Delhi"\. .* Approved by /);

    // Run again: the approved are leads, the rejected were rejected by a person; nothing is held again.
    await app.gql(`mutation { runLeadSearch(id: "${searchId}") { id } }`, {}, member.caller);
    const again = await lastRun(member, searchId, run.id);
    expect(again).toMatchObject({ found: 4, duplicates: 4, heldForReview: 0 });
    const reasons = (await app.gql(`{ leadSearchRun(id: "${again.id}") { items { nodes { name reasons } } } }`, {}, member.caller)).data?.leadSearchRun.items.nodes;
    expect(reasons.find((i: any) => i.name === 'Tandoor House').reasons[0]).toMatch(/^Rejected before by a person: the same listing/);
    expect(reasons.find((i: any) => i.name === 'Royal Spice').reasons[0]).toMatch(/^Already a lead: the same listing/);
  });
});

describe('limits', () => {
  it('a run stops at its limit per run, the next at the limit per day, and one more run that day takes nothing', async () => {
    const owner = await signup(app);
    const searchId = await createSearch(owner, 'category: "cafe", area: { placeName: "Pune" }, maxNewLeadsPerRun: 2, maxNewLeadsPerDay: 3, timeZone: "Asia/Kolkata"');
    const first = await lastRun(owner, searchId);
    expect(first).toMatchObject({ status: 'DONE', created: 2, found: 2, reason: 'Stopped at 2 new businesses, this search\'s limit per run.' });
    await app.gql(`mutation { runLeadSearch(id: "${searchId}") { id } }`, {}, owner.caller);
    const second = await lastRun(owner, searchId, first.id);
    expect(second).toMatchObject({ status: 'DONE', created: 1, duplicates: 2, reason: 'Stopped at 3 new businesses today, this search\'s daily limit.' });
    await app.gql(`mutation { runLeadSearch(id: "${searchId}") { id } }`, {}, owner.caller);
    const third = await lastRun(owner, searchId, second.id);
    expect(third).toMatchObject({ status: 'DONE', created: 0, found: 0, reason: 'Stopped at 3 new businesses today, this search\'s daily limit.' });
    expect((await app.gql('{ leads { totalCount } }', {}, owner.caller)).data?.leads.totalCount).toBe(3);
  });
});

describe('one business listed twice', () => {
  it('becomes one lead; its second listing is a duplicate of that lead, said so', async () => {
    const owner = await signup(app);
    const run = await lastRun(owner, await createSearch(owner, 'category: "dentist", area: { placeName: "Ajmer" }'));
    expect(run).toMatchObject({ status: 'DONE', found: 2, created: 1, duplicates: 1 });
    const items = (await app.gql(`{ leadSearchRun(id: "${run.id}") { items { nodes { name outcome leadId duplicateOf duplicateBy reasons } } } }`, {}, owner.caller)).data?.leadSearchRun.items.nodes;
    expect(items[1]).toMatchObject({ name: 'Ajmer Dental Clinic', outcome: 'DUPLICATE', duplicateBy: 'PHONE', duplicateOf: items[0].leadId, reasons: ['Listed twice: the same phone number (+911452620000) as Ajmer Dental, found just before it.'] });
  });
});

describe('sources that fail', () => {
  it('a place the source does not know, a refused query and an invalid key fail the run with the reason; a busy source is waited for, visibly', async () => {
    const owner = await signup(app);
    const atlantis = await lastRun(owner, await createSearch(owner, 'category: "gym", area: { placeName: "Atlantis" }'));
    expect(atlantis).toMatchObject({ status: 'FAILED', reason: 'The source knows no place called "Atlantis": check its spelling, or search a circle around a point instead.' });
    const broken = await lastRun(owner, await createSearch(owner, 'category: "gym", area: { placeName: "Brokenville" }'));
    expect(broken).toMatchObject({ status: 'FAILED', reason: 'The search failed: OpenStreetMap refused the request (HTTP 400: static error: parse error)' });
    await app.gql('mutation { setProviderCredential(name: GOOGLE_PLACES_API_KEY, value: "AIzaAWrongKey00000000") }', {}, owner.caller);
    const google = await lastRun(owner, await createSearch(owner, 'category: "gym", area: { placeName: "Delhi" }, source: GOOGLE_PLACES'));
    expect(google).toMatchObject({ status: 'FAILED', reason: 'The search failed: Google Places refused the request (HTTP 400: API key not valid. Please pass a valid API key.)' });

    const busyId = await createSearch(owner, 'category: "gym", area: { placeName: "Busytown" }');
    const waiting = await eventually(async () => {
      const run = (await app.gql(`{ leadSearch(id: "${busyId}") { lastRun { status reason } } }`, {}, owner.caller)).data?.leadSearch.lastRun;
      return run?.reason ? run : null;
    }, 30_000, 'the busy source to be noted');
    expect(waiting).toEqual({ status: 'RUNNING', reason: 'OpenStreetMap asked us to wait 120 s (busy (HTTP 429)); the run goes on then.' });
  });

  it('a source that cannot be reached at all (no network, a wrong address) fails the run within seconds, saying so', async () => {
    const closed = await freePort(); // nobody listens there
    const offline = await startTestGateway({ ...sources.env, OSM_NOMINATIM_URL: `http://127.0.0.1:${closed}/nominatim` });
    try {
      const owner = await signup(offline);
      const created = await offline.gql('mutation { createLeadSearch(input: { category: "gym", area: { placeName: "Pune" } }) { id } }', {}, owner.caller);
      const started = Date.now();
      const run = await eventually(async () => {
        const last = (await offline.gql(`{ leadSearch(id: "${created.data?.createLeadSearch.id}") { lastRun { status reason } } }`, {}, owner.caller)).data?.leadSearch.lastRun;
        return last?.status === 'FAILED' ? last : null;
      }, 30_000, 'the run to fail');
      expect(run.reason).toBe(`The search failed: OpenStreetMap could not be reached (ECONNREFUSED 127.0.0.1:${closed})`);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await offline.close();
    }
  });

  it('a source that is down is retried (the run says so meanwhile), and the run goes on once it answers', async () => {
    const owner = await signup(app);
    const id = await createSearch(owner, 'category: "cafe", area: { placeName: "Flakyton" }');
    const noted = await eventually(async () => {
      const run = (await app.gql(`{ leadSearch(id: "${id}") { lastRun { status reason } } }`, {}, owner.caller)).data?.leadSearch.lastRun;
      return run?.reason?.includes('trying again') ? run : null;
    }, 30_000, 'the retry to be noted');
    expect(noted).toEqual({ status: 'RUNNING', reason: 'OpenStreetMap could not answer (busy (HTTP 503)); trying again shortly.' });
    expect(await lastRun(owner, id)).toMatchObject({ status: 'DONE', created: 1, reason: 'The source has no more businesses for this search.' });
  });
});

describe('live progress', () => {
  it('leadSearchRunChanged follows a run to its end, with its counts, and only the subscriber\'s own tenant\'s runs', async () => {
    const owner = await signup(app);
    const stranger = await signup(app);
    const events: Array<Record<string, any>> = [];
    const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${owner.token}`, tenantId: owner.tenantId } });
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe({ query: 'subscription { leadSearchRunChanged { id searchName status found created } }' }, {
        next: (message) => {
          events.push(message.data?.leadSearchRunChanged as Record<string, any>);
          if ((message.data?.leadSearchRunChanged as { status?: string }).status === 'DONE') resolve();
        },
        error: reject,
        complete: () => undefined,
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await createSearch(stranger, 'category: "cafe", area: { placeName: "Pune" }, name: "Someone else\'s"');
    await createSearch(owner, 'category: "cafe", area: { placeName: "Pune" }, name: "Cafes to watch"');
    await done;
    await client.dispose();
    expect(events.map((e) => e.status)).toEqual(expect.arrayContaining(['QUEUED', 'RUNNING', 'DONE']));
    expect(new Set(events.map((e) => e.searchName))).toEqual(new Set(['Cafes to watch']));
    expect(events.at(-1)).toMatchObject({ status: 'DONE', found: 5, created: 5 });
  });
});
