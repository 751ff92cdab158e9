import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { authHeaders, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000 });

const LEADS = 'subscription { leadChanged { id status version updatedAt } }';
const LEADS_WITH_ACTIONS = 'subscription { leadChanged { id businessName allowedActions } }';
const ACTIVITY = 'subscription { activityAdded { id leadId kind data } }';

let jobs: TestGateway;
let app: TestGateway;
let a: Account;
let b: Account;
let probeA: string;
let probeB: string;
const clients: Client[] = [];

beforeAll(async () => {
  // Subscribers on a gateway without workers, as in production; the first one runs the jobs.
  jobs = await startTestGateway();
  app = await startTestGateway({}, { workers: false, sameDeploymentAs: jobs });
  a = await signup(jobs);
  b = await signup(jobs);
  probeA = (await createLead(jobs, a.caller, { city: 'Probe' })).id;
  probeB = (await createLead(jobs, b.caller, { city: 'Probe' })).id;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
  await jobs.close();
});

interface Subscriber {
  received: Array<Record<string, any>>;
  errors: unknown[];
}

function subscribe(account: Account, query: string, field: 'leadChanged' | 'activityAdded'): Subscriber {
  const client = createClient({
    url: `${app.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${account.token}`, tenantId: account.tenantId },
    retryAttempts: 0,
  });
  clients.push(client);
  const subscriber: Subscriber = { received: [], errors: [] };
  client.subscribe<Record<string, any>>(
    { query },
    {
      next: (value) => (value.errors?.length ? subscriber.errors.push(value.errors) : subscriber.received.push(value.data![field])),
      error: (error) => subscriber.errors.push(error),
      complete: () => undefined,
    },
  );
  return subscriber;
}

/** Edits each tenant's probe lead until every subscriber has seen its tenant's edit: all are live. */
async function untilLive(subscribers: Array<[Subscriber, Account]>) {
  let round = 0;
  await eventually(async () => {
    round += 1;
    await Promise.all(
      [
        [a, probeA],
        [b, probeB],
      ].map(([account, id]) => app.gql('mutation($id: ID!, $city: String) { updateLead(id: $id, input: { city: $city }) { id } }', { id, city: `Probe ${round}` }, (account as Account).caller)),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    return subscribers.every(([subscriber]) => subscriber.received.length > 0);
  }, 20_000, 'every subscriber to receive its probe');
  await new Promise((resolve) => setTimeout(resolve, 300)); // the last probe's stragglers
  for (const [subscriber] of subscribers) subscriber.received.length = 0;
}

/** One CSV import: one statement inserting `count` leads, announced one notice per lead up to 50. */
async function importLeads(account: Account, count: number, tag: string): Promise<string[]> {
  const csv = ['Company,Contact,Email,City', ...Array.from({ length: count }, (_, k) => `Burst ${tag} ${k},Dr. Rao,burst-${tag}-${k}@clinic.in,Jaipur`)].join('\n');
  const response = await fetch(`${app.url}/api/leads/import`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(account.caller) }, body: csv });
  const body = (await response.json()) as { import?: { imported: number } };
  expect(body.import?.imported).toBe(count);
  const ids = await app.gql<{ leads: { nodes: Array<{ id: string }> } }>(`{ leads(first: 200, filter: { search: "Burst ${tag} " }) { nodes { id } } }`, {}, account.caller);
  return ids.data!.leads.nodes.map((lead) => lead.id);
}

const reads = () => ({ ...app.gateway.hub.reads.counters });

/** Every id of `ids` exactly once (whatever else came too). */
function once(subscriber: Subscriber, ids: string[]): boolean {
  const seen = subscriber.received.map((row) => row.id).filter((id) => ids.includes(id));
  return seen.length === ids.length && new Set(seen).size === ids.length;
}

describe('live updates: each change taken once per gateway, from its notice, for every subscriber of the tenant', () => {
  it('a burst reaches every subscriber of its tenant once and none of another, and reads do not grow with subscribers', async () => {
    const outsider = subscribe(b, LEADS, 'leadChanged');
    const alone = subscribe(a, LEADS, 'leadChanged');
    await untilLive([
      [outsider, b],
      [alone, a],
    ]);

    const before1 = reads();
    const burst1 = await importLeads(a, 40, 'one');
    expect(burst1).toHaveLength(40);
    await eventually(async () => once(alone, burst1), 20_000, 'the one subscriber to see the first burst');
    const after1 = reads();

    // Twelve more subscribers of the tenant (one asking for a role-dependent field), and a second burst.
    const crowd = [...Array.from({ length: 11 }, () => subscribe(a, LEADS, 'leadChanged')), subscribe(a, LEADS_WITH_ACTIONS, 'leadChanged')];
    await untilLive([[outsider, b], [alone, a], ...crowd.map((s): [Subscriber, Account] => [s, a])]);
    const before2 = reads();
    const burst2 = await importLeads(a, 40, 'two');
    await eventually(async () => [alone, ...crowd].every((s) => once(s, burst2)), 20_000, 'all thirteen subscribers to see the second burst');
    await new Promise((resolve) => setTimeout(resolve, 300)); // duplicates would arrive now
    const after2 = reads();

    for (const subscriber of [alone, ...crowd]) {
      expect(subscriber.received.filter((row) => burst2.includes(row.id))).toHaveLength(40);
      expect(subscriber.received.some((row) => row.id === probeB)).toBe(false);
      expect(subscriber.errors).toEqual([]);
    }
    expect(crowd.at(-1)!.received.find((row) => burst2.includes(row.id))?.allowedActions).toEqual(expect.arrayContaining(['EDIT', 'DELETE']));
    expect(outsider.received.filter((row) => row.id !== probeB)).toEqual([]);

    // Forty rows for forty changes, whether one subscriber or thirteen follow them: each notice
    // carries its row, so nothing is read back at all.
    const rowsOf = (after: ReturnType<typeof reads>, before: ReturnType<typeof reads>) => after.leadsRead - before.leadsRead + after.leadsCarried - before.leadsCarried;
    expect(rowsOf(after1, before1)).toBe(40);
    expect(rowsOf(after2, before2)).toBe(40);
    expect(after2.leadsRead - before2.leadsRead).toBe(0);
    expect(after2.transactions - before2.transactions).toBe(0);
  });

  it('timeline entries come once (in their notices) for all activityAdded subscribers', async () => {
    const lead = await createLead(jobs, a.caller);
    const outsider = subscribe(b, ACTIVITY, 'activityAdded');
    const followers = Array.from({ length: 6 }, () => subscribe(a, ACTIVITY, 'activityAdded'));
    await untilLive([[outsider, b], ...followers.map((s): [Subscriber, Account] => [s, a])]);
    const before = reads();
    const notes = await Promise.all(
      Array.from({ length: 10 }, async (_, k) => (await app.gql<{ addNote: { id: string } }>('mutation($id: ID!, $body: String!) { addNote(leadId: $id, body: $body) { id } }', { id: lead.id, body: `note ${k}` }, a.caller)).data!.addNote.id),
    );
    await eventually(async () => followers.every((s) => once(s, notes)), 20_000, 'every follower to see the ten notes');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = reads();
    expect(after.entriesRead - before.entriesRead + after.entriesCarried - before.entriesCarried).toBe(10);
    expect(after.entriesRead - before.entriesRead).toBe(0);
    for (const follower of followers) expect(follower.received.filter((entry) => notes.includes(entry.id)).map((entry) => entry.kind)).toEqual(Array(10).fill('NOTE'));
    expect(outsider.received.filter((entry) => entry.leadId !== probeB)).toEqual([]);
  });

  it('a lead too big for its notice (8,000 bytes) is read back once, and still reaches its subscriber', async () => {
    const follower = subscribe(a, LEADS, 'leadChanged');
    await untilLive([[follower, a]]);
    const before = reads();
    const big = await createLead(jobs, a.caller, { customFields: { notes: 'x'.repeat(10_000) } });
    await eventually(async () => follower.received.some((row) => row.id === big.id), 10_000, 'the big lead');
    expect(reads().leadsRead - before.leadsRead).toBe(1);
    expect(follower.errors).toEqual([]);
  });

  it('a change of more than 50 leads in one statement is announced in bulk: leadChanged skips it, reads nothing, and goes on', async () => {
    const follower = subscribe(a, LEADS, 'leadChanged');
    await untilLive([[follower, a]]);
    const before = reads();
    const bulk = await importLeads(a, 60, 'bulk');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(follower.received.filter((row) => bulk.includes(row.id))).toEqual([]);
    expect(reads().leadsRead - before.leadsRead).toBe(0);
    expect(reads().leadsCarried - before.leadsCarried).toBe(0);
    const single = await createLead(jobs, a.caller);
    await eventually(async () => follower.received.some((row) => row.id === single.id), 10_000, 'the next single change');
    expect(follower.errors).toEqual([]);
  });
});
