import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addTeamMember, createApiKey, createLead, signup, type Account } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 60_000 });

/**
 * Live operations keep the access they started with only while it lasts, and WebSocket applies the
 * same limits as HTTP.
 */
let app: TestGateway;
let owner: Account;
const clients: Client[] = [];

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

function live(connectionParams: Record<string, string>, query = 'subscription { leadChanged { id businessName } }') {
  const received: string[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  const errors: unknown[] = [];
  let connected: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const client = createClient({
    url: `${app.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    on: { connected: () => connected(), closed: (event) => closes.push({ code: (event as CloseEvent).code, reason: (event as CloseEvent).reason }) },
  });
  clients.push(client);
  client.subscribe({ query }, {
    // An operation refused when it starts comes as a result with errors (graphql-ws), or as an error.
    next: (value) => (value.errors ? errors.push(value.errors) : received.push((value.data as any)?.leadChanged?.businessName)),
    error: (error) => errors.push(error),
    complete: () => undefined,
  });
  return { received, closes, errors, ready };
}

const asUser = (account: Account) => ({ authorization: `Bearer ${account.token}`, tenantId: account.tenantId });

describe('live operations end when access ends', () => {
  it('a revoked API key, a removed membership and a demoted user lose their live feed within seconds; others keep theirs', async () => {
    const key = await createApiKey(app, owner, 'VIEWER');
    const member = await addTeamMember(app, owner, 'MEMBER');
    const demoted = await addTeamMember(app, owner, 'ADMIN');
    const feeds = {
      key: live({ authorization: `Bearer ${key.key}` }),
      member: live(asUser(member)),
      demoted: live(asUser(demoted)),
      owner: live(asUser(owner)),
    };
    await Promise.all(Object.values(feeds).map((feed) => feed.ready));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await createLead(app, owner.caller, { businessName: 'Before the change' });
    await eventually(async () => Object.values(feeds).every((feed) => feed.received.includes('Before the change')), 10_000, 'every feed to see the first change');

    expect((await app.gql(`mutation { revokeApiKey(id: "${key.id}") { revokedAt } }`, {}, owner.caller)).errors).toBeUndefined();
    expect((await app.gql(`mutation { updateUser(id: "${member.userId}", input: { tenantIds: [] }) { id } }`, {}, { token: owner.token })).errors).toBeUndefined();
    expect((await app.gql(`mutation { updateUser(id: "${demoted.userId}", input: { role: VIEWER }) { id } }`, {}, { token: owner.token })).errors).toBeUndefined();
    const changedAt = Date.now();
    await eventually(async () => [feeds.key, feeds.member, feeds.demoted].every((feed) => feed.closes.length > 0), 10_000, 'the three feeds to be closed');
    expect(Date.now() - changedAt).toBeLessThan(8_000);
    for (const feed of [feeds.key, feeds.member, feeds.demoted]) expect(feed.closes[0]?.code).toBe(4403);

    await createLead(app, owner.caller, { businessName: 'After the change' });
    await eventually(async () => feeds.owner.received.includes('After the change'), 10_000, 'the owner to see the second change');
    for (const feed of [feeds.key, feeds.member, feeds.demoted]) expect(feed.received).not.toContain('After the change');
    expect(feeds.owner.closes).toEqual([]);
    // The demoted user may reconnect, with what a viewer may do; the revoked key may not.
    const again = live(asUser(demoted));
    await again.ready;
    const refused = live({ authorization: `Bearer ${key.key}` });
    await eventually(async () => refused.closes.length > 0, 5_000, 'the revoked key to be refused');
    expect(refused.closes[0]?.code).toBe(4403);
  });
});

describe('agency-wide live views follow membership changes', () => {
  it('a member removed from one of their workspaces stops hearing about it: the overview connection is closed and reopens with what they reach now', async () => {
    const second = (await app.gql('mutation { createTenant(input: { name: "Second shop" }) { id } }', {}, { token: owner.token })).data?.createTenant.id as string;
    const { addUser } = await import('../support/factories.ts');
    const member = await addUser(app, owner, { role: 'MEMBER', tenantIds: [owner.tenantId, second] });
    const overview = live(asUser(member), 'subscription { agencyOverviewChanged { tenantId } }');
    await overview.ready;
    expect((await app.gql(`mutation { updateUser(id: "${member.userId}", input: { tenantIds: ["${owner.tenantId}"] }) { id } }`, {}, { token: owner.token })).errors).toBeUndefined();
    await eventually(async () => overview.closes.length > 0, 10_000, 'the overview connection to be closed');
    expect(overview.closes[0]?.code).toBe(4403);
  });
});

describe('deletions reach live clients', () => {
  it('leadDeleted announces a deleted lead of the subscriber\'s tenant, and only of it', async () => {
    const stranger = await signup(app);
    const deleted: string[] = [];
    const theirs: string[] = [];
    for (const [account, into] of [[owner, deleted], [stranger, theirs]] as const) {
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: asUser(account), retryAttempts: 0 });
      clients.push(client);
      client.subscribe({ query: 'subscription { leadDeleted { id } }' }, { next: (value) => into.push((value.data as any)?.leadDeleted?.id), error: () => undefined, complete: () => undefined });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lead = await createLead(app, owner.caller, { businessName: 'Soon gone' });
    expect((await app.gql(`mutation { deleteLead(id: "${lead.id}") }`, {}, owner.caller)).data?.deleteLead).toBe(lead.id);
    await eventually(async () => deleted.includes(lead.id as string), 10_000, 'the deletion to be announced');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(theirs).toEqual([]);
  });
});

describe('WebSocket applies the same limits as HTTP', () => {
  it('a subscription over the cost limit is refused over WebSocket as it is over HTTP', async () => {
    const selection = '{ id timeline(first: 5000) { entries { id actor { name } } } }';
    const http = await app.gql(`{ lead(id: "0190b1a2-0000-7000-8000-000000000000") ${selection} }`, {}, owner.caller);
    expect(http.errors?.[0]?.message).toMatch(/too complex/);
    const feed = live(asUser(owner), `subscription { leadChanged ${selection} }`);
    await eventually(async () => feed.errors.length > 0, 5_000, 'the subscription to be refused');
    expect(JSON.stringify(feed.errors)).toMatch(/too complex/);
    expect(JSON.stringify(feed.errors)).toMatch(/VALIDATION/);
  });

  it('a cookie from another site does not open a socket; a token in connection_init still does', async () => {
    const upgrade = (origin: string, params: Record<string, string>) =>
      new Promise<{ code: number; reason: string } | 'acked'>((resolve) => {
        const socket = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers: { origin, cookie: `crm_session=${owner.token}` } });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
        socket.on('message', (data) => {
          if (JSON.parse(String(data)).type === 'connection_ack') {
            socket.close();
            resolve('acked');
          }
        });
        socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
      });
    expect(await upgrade('https://evil.example', {})).toEqual({ code: 4403, reason: 'Forbidden' });
    expect(await upgrade(app.url, {})).toBe('acked');
    expect(await upgrade('https://evil.example', { authorization: `Bearer ${owner.token}` })).toBe('acked');
  });
});
