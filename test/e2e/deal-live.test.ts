import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addTeamMember, createLead, signup, type Account } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';
import { createDeal, createFiveStagePipeline, moveDeal, type PipelineInfo } from '../support/pipelines.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let writer: TestGateway;
let reader: TestGateway;
let owner: Account;
let other: Account;
let pipeline: PipelineInfo;
const clients: Client[] = [];

beforeAll(async () => {
  // Two gateways on one database, as two processes: changes made through one reach subscribers of the other.
  writer = await startTestGateway();
  reader = await startTestGateway({}, { workers: false, sameDeploymentAs: writer });
  owner = await signup(writer);
  other = await signup(writer);
  pipeline = await createFiveStagePipeline(writer, owner.caller, 'Live');
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await reader.close();
  await writer.close();
});

function subscribe(account: Account, query: string) {
  let connected: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const client = createClient({
    url: `${reader.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${account.token}`, tenantId: account.tenantId },
    retryAttempts: 0,
    on: { connected: () => connected() },
  });
  clients.push(client);
  const received: any[] = [];
  client.subscribe({ query }, { next: (value) => received.push(value.data), error: () => undefined, complete: () => undefined });
  return { received, ready };
}

describe('dealChanged', () => {
  it('a viewer on another gateway sees a deal opened and moved, in order, with its figures; one pipeline\'s or one deal\'s only when asked; nothing of other tenants', async () => {
    const viewer = await addTeamMember(writer, owner, 'VIEWER');
    const all = subscribe(viewer, 'subscription { dealChanged { id status stage { name } weightedValue { amount } pipeline { name } } }');
    const sales = subscribe(owner, 'subscription { dealChanged(pipelineId: "00000000-0000-4000-8000-000000000000") { id } }');
    const theirs = subscribe(other, 'subscription { dealChanged { id } }');
    await Promise.all([all.ready, sales.ready, theirs.ready]);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lead = await createLead(writer, owner.caller);
    const deal = await createDeal(writer, owner.caller, { leadId: lead.id, pipelineId: pipeline.id, value: { amount: '10000', currency: 'INR' } });
    const only = subscribe(owner, `subscription { dealChanged(dealId: "${deal.id}") { id stage { name } } }`);
    await only.ready;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await moveDeal(writer, owner.caller, deal.id, pipeline.byName.Two!.id);
    await moveDeal(writer, owner.caller, deal.id, pipeline.byName.Won!.id);

    await eventually(async () => all.received.length >= 3, 20_000, 'three deal changes');
    expect(all.received.map((r) => r.dealChanged)).toEqual([
      { id: deal.id, status: 'ACTIVE', stage: { name: 'One' }, weightedValue: { amount: '1500' }, pipeline: { name: 'Live' } },
      { id: deal.id, status: 'ACTIVE', stage: { name: 'Two' }, weightedValue: { amount: '3000' }, pipeline: { name: 'Live' } },
      { id: deal.id, status: 'WON', stage: { name: 'Won' }, weightedValue: { amount: '10000' }, pipeline: { name: 'Live' } },
    ]);
    await eventually(async () => only.received.length >= 2, 20_000, 'the one deal\'s moves');
    expect(only.received.map((r) => r.dealChanged.stage.name)).toEqual(['Two', 'Won']);
    expect(sales.received).toEqual([]);
    expect(theirs.received).toEqual([]);
  });
});
