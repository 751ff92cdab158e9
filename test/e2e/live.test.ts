import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000 });

let worker: TestGateway;
let viewerGateway: TestGateway;
let owner: Account;
let other: Account;
const clients: Client[] = [];

beforeAll(async () => {
  // Two processes' worth of gateways on one database: the first runs the jobs, the second only serves.
  worker = await startTestGateway();
  viewerGateway = await startTestGateway({}, { workers: false, sameDeploymentAs: worker });
  owner = await signup(worker);
  other = await signup(worker);
  await setUpAutopilot(worker, owner, true);
  await setUpAutopilot(worker, other, true);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await viewerGateway.close();
  await worker.close();
});

function subscribe(gateway: TestGateway, account: Account, query: string) {
  let connected: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const client = createClient({
    url: `${gateway.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${account.token}`, tenantId: account.tenantId },
    retryAttempts: 0,
    on: { connected: () => connected() },
  });
  clients.push(client);
  const received: any[] = [];
  const errors: unknown[] = [];
  client.subscribe({ query }, { next: (value) => received.push(value.data), error: (error) => errors.push(error), complete: () => undefined });
  return { received, errors, ready };
}

describe('live updates over graphql-ws', () => {
  it('a subscriber on another gateway sees every status change made by the worker, in order, and nothing of other tenants', async () => {
    const mine = subscribe(viewerGateway, owner, 'subscription { leadChanged { id status } }');
    const activity = subscribe(viewerGateway, owner, 'subscription { activityAdded { leadId kind } }');
    const theirs = subscribe(viewerGateway, other, 'subscription { leadChanged { id status } }');
    await Promise.all([mine.ready, activity.ready, theirs.ready]);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lead = await createLead(worker, owner.caller, { contactName: 'Dr. Live' });
    await waitForStatus(worker, owner, lead.id, 'CONTACTED');
    await worker.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Interested, please send the price") { id } }`, {}, owner.caller);
    await waitForStatus(worker, owner, lead.id, 'PROPOSAL_SENT');
    const paymentUrl = (await worker.gql(`{ lead(id: "${lead.id}") { proposal { paymentUrl } } }`, {}, owner.caller)).data?.lead.proposal.paymentUrl;
    expect((await fetch(paymentUrl, { method: 'POST' })).status).toBe(200);
    await waitForStatus(worker, owner, lead.id, 'PAID');
    const otherLead = await createLead(worker, other.caller);
    await waitForStatus(worker, other, otherLead.id, 'CONTACTED');

    const statuses = await eventually(async () => {
      const seen = mine.received.filter((e) => e.leadChanged.id === lead.id).map((e) => e.leadChanged.status);
      return seen.includes('PAID') ? seen : null;
    }, 20_000, 'the subscriber to see PAID');
    const changes = statuses.filter((status: string, i: number) => i === 0 || status !== statuses[i - 1]);
    expect(changes).toEqual(['NEW', 'CONTACTED', 'INTERESTED', 'PROPOSAL_SENT', 'PAID']);
    expect(mine.received.some((e) => e.leadChanged.id === otherLead.id)).toBe(false);
    await eventually(async () => theirs.received.some((e) => e.leadChanged.id === otherLead.id), 10_000, 'the other tenant to see its own lead');
    expect(theirs.received.some((e) => e.leadChanged.id === lead.id)).toBe(false);
    const kinds = activity.received.filter((e) => e.activityAdded.leadId === lead.id).map((e) => e.activityAdded.kind);
    expect(kinds).toEqual(expect.arrayContaining(['CREATED', 'MESSAGE_OUT', 'TRANSITION', 'MESSAGE_IN', 'AI_DECISION']));
    expect(mine.errors).toEqual([]);
  });

  it('the agency overview hears of every tenant the caller reaches, each change once per tenant, and nothing of other agencies', async () => {
    const second = (await worker.gql('mutation { createTenant(input: { name: "Second client" }) { id } }', {}, { token: owner.token })).data?.createTenant.id as string;
    const overview = subscribe(viewerGateway, owner, 'subscription { agencyOverviewChanged { tenantId } }');
    const theirs = subscribe(viewerGateway, other, 'subscription { agencyOverviewChanged { tenantId } }');
    await Promise.all([overview.ready, theirs.ready]);
    await new Promise((resolve) => setTimeout(resolve, 200));

    await createLead(worker, { token: owner.token, tenantId: second });
    await eventually(async () => overview.received.some((e) => e.agencyOverviewChanged.tenantId === second), 10_000, 'the second tenant to pulse');
    // Fifty leads at once in the first tenant (a bulk notice, then the autopilot's moves): announced, never a backlog per change.
    const client = await worker.database.ownerClient();
    await client.query(`insert into leads (tenant_id, business_name, email) select $1, 'Bulk ' || i, 'bulk' || i || '@x.in' from generate_series(1, 60) i`, [owner.tenantId]);
    await eventually(async () => overview.received.some((e) => e.agencyOverviewChanged.tenantId === owner.tenantId), 10_000, 'the bulk change to pulse');
    expect(overview.received.length).toBeLessThan(60);
    expect(new Set(overview.received.map((e) => e.agencyOverviewChanged.tenantId))).toEqual(new Set([owner.tenantId, second]));
    await createLead(worker, other.caller);
    await eventually(async () => theirs.received.some((e) => e.agencyOverviewChanged.tenantId === other.tenantId), 10_000, 'the other agency to hear its own');
    expect(theirs.received.every((e) => e.agencyOverviewChanged.tenantId === other.tenantId)).toBe(true);
    expect(overview.errors).toEqual([]);
  });

  it('a connection without a valid token is refused', async () => {
    const client = createClient({ url: `${viewerGateway.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer nope' }, retryAttempts: 0 });
    clients.push(client);
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    client.subscribe({ query: 'subscription { leadChanged { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    expect(await closed).toBe(4403);
  });
});
