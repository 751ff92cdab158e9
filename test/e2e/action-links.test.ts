import { getNamedType, isEnumType, isInterfaceType, isNonNullType, isObjectType, isScalarType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSchema } from '../../gateway/graphql/schema.ts';
import { addTeamMember, createApiKey, createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type Caller, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 120_000 });

/**
 * Links that act on a lead (one-click unsubscribe, checkout) are readable only by callers who may
 * change leads: every field of the schema, over HTTP and WebSocket, for viewers (users and API keys).
 */
const ACTION_LINK = /\/u\/[A-Za-z0-9_-]{32,}|\/pay\/[A-Za-z0-9_-]{32,}/;
let app: TestGateway;
let owner: Account;
let leadId: string;
let ids: { message: string; proposal: string };
let payUrl: string;
let unsubscribeUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  // One request reads every field that can carry a link (far past the usual cost limit, on purpose).
  app = await startTestGateway({ GRAPHQL_MAX_COMPLEXITY: '500000' });
  owner = await signup(app);
  await setUpAutopilot(app, owner, true);
  // A lead that got the outreach (unsubscribe link) and a proposal (payment link).
  const lead = await createLead(app, owner.caller, { businessName: 'Link Holder Clinic' });
  leadId = lead.id;
  await waitForStatus(app, owner, leadId, 'CONTACTED');
  await app.gql(`mutation { simulateInboundReply(leadId: "${leadId}", body: "Interested, what does it cost?") { id } }`, {}, owner.caller);
  await waitForStatus(app, owner, leadId, 'PROPOSAL_SENT');
  const seen = (await app.gql(`{ lead(id: "${leadId}") { proposal { id paymentUrl } } outbox(first: 1) { nodes { headers } } }`, {}, owner.caller)).data!;
  payUrl = seen.lead.proposal.paymentUrl;
  unsubscribeUrl = String(seen.outbox.nodes[0].headers['List-Unsubscribe']).slice(1, -1);
  // The links go everywhere people and leads put them: a quoting reply (and what the AI made of it),
  // a reminder with the payment link, a note, a custom field.
  await app.gql(`mutation { sendPaymentLink(leadId: "${leadId}") { id } }`, {}, owner.caller);
  const reply = await app.gql('mutation($l: ID!, $b: String!) { simulateInboundReply(leadId: $l, body: $b) { id } }', { l: leadId, b: `Can you explain how this works? ${payUrl}\n\n> Don't want these emails? Unsubscribe: ${unsubscribeUrl}` }, owner.caller);
  // The same links as mail clients rewrite them: Outlook SafeLinks, HTML entities, an encoded slash, wrapped over quoted lines.
  const token = unsubscribeUrl.split('/u/')[1]!;
  const origin = new URL(unsubscribeUrl).origin;
  const rewritten = [
    `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(unsubscribeUrl)}&data=05%7C02`,
    `${origin.replace(/\//g, '&#x2F;')}&#x2F;u&#x2F;${token}`,
    `${origin}/u%2F${token}`,
    `> ${origin}/u/${token.slice(0, 30)}\n> ${token.slice(30)}`,
  ].join('\n');
  await app.gql('mutation($l: ID!, $b: String!) { simulateInboundReply(leadId: $l, body: $b) { id } }', { l: leadId, b: `Forwarding what IT sent me:\n${rewritten}` }, owner.caller);
  await app.gql('mutation($l: ID!, $b: String!) { addNote(leadId: $l, body: $b) { id } }', { l: leadId, b: `Sent them ${payUrl} again` }, owner.caller);
  await app.gql('mutation($l: ID!, $i: UpdateLeadInput!) { updateLead(id: $l, input: $i) { id } }', { l: leadId, i: { website: unsubscribeUrl, customFields: { 'Pay link': payUrl, [payUrl]: 'as a name' } } }, owner.caller);
  await eventually(async () => (await app.gql(`{ lead(id: "${leadId}") { messages { nodes { id classification { intent } } } } }`, {}, owner.caller)).data?.lead.messages.nodes.find((m: any) => m.id === reply.data?.simulateInboundReply.id)?.classification, 30_000, 'the reply to be classified');
  ids = { message: reply.data?.simulateInboundReply.id, proposal: seen.lead.proposal.id };
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

/** Every field of a type that takes no required argument, objects followed `depth` levels down. */
function selectAll(type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>;
  return fields
    .filter((field) => !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined))
    .map((field) => {
      const named = getNamedType(field.type);
      if (isScalarType(named) || isEnumType(named)) return field.name;
      if (depth === 0) return null;
      if (isObjectType(named)) return `${field.name} { ${selectAll(named, depth - 1)} }`;
      if (isInterfaceType(named)) return `${field.name} { __typename }`;
      return null;
    })
    .filter(Boolean)
    .join(' ');
}

/** What a caller can read of the lead and everything around it, in one document. */
async function readEverything(): Promise<string> {
  const schema = await createSchema();
  const type = (name: string) => schema.getType(name) as GraphQLObjectType;
  return `{
    lead(id: "${leadId}") { ${selectAll(type('Lead'), 3)} }
    leads(first: 5) { nodes { ${selectAll(type('Lead'), 2)} } }
    history(leadId: "${leadId}", first: 200) { nodes { ${selectAll(type('TimelineEntry'), 1)} } }
    outbox(first: 20) { nodes { ${selectAll(type('OutboxEntry'), 1)} } }
    inbox(first: 20) { nodes { ${selectAll(type('Message'), 2)} } }
    tasks { nodes { ${selectAll(type('Task'), 1)} } }
    clients { nodes { ${selectAll(type('Client'), 1)} } }
    message: node(id: "${ids.message}") { ... on Message { ${selectAll(type('Message'), 2)} } }
    proposal: node(id: "${ids.proposal}") { ... on Proposal { ${selectAll(type('Proposal'), 2)} } }
    exportLeadsCsv
  }`;
}

describe('links that act on a lead', () => {
  it('an owner and a member read them: the data really holds them', async () => {
    const member = await addTeamMember(app, owner, 'MEMBER');
    for (const caller of [owner.caller, member.caller, (await createApiKey(app, owner, 'MEMBER')).caller]) {
      const answer = await app.gql(await readEverything(), {}, caller);
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      const text = JSON.stringify(answer.data);
      expect(text).toContain(payUrl);
      expect(text).toContain(unsubscribeUrl);
    }
  });

  it('a viewer (user or API key) reads every field of the lead, its timeline, the outbox, inbox, tasks, clients, nodes and the export with each of them hidden, over HTTP', async () => {
    const viewer = await addTeamMember(app, owner, 'VIEWER');
    const key = await createApiKey(app, owner, 'VIEWER');
    for (const caller of [viewer.caller, key.caller] as Caller[]) {
      const answer = await app.gql(await readEverything(), {}, caller);
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      const text = JSON.stringify(answer.data);
      expect(text).not.toMatch(ACTION_LINK);
      expect(text).not.toContain('checkout.stripe.com');
      expect(text).toContain('[link hidden]');
      // Everything else still reads: the proposal, the messages, the note.
      expect(answer.data?.lead.proposal.total.amount).toMatch(/^\d+$/);
      expect(answer.data?.lead.proposal.paymentUrl).toBe('[link hidden]');
      expect(answer.data?.outbox.nodes[0].headers['List-Unsubscribe']).toBe('<[link hidden]>');
      expect(answer.data?.lead.customFields).toEqual({ 'Pay link': '[link hidden]', '[link hidden]': 'as a name' });
      expect(answer.data?.lead.website).toBe('[link hidden]');
      // No piece of the token's secret part long enough to matter is visible, however it was written.
      const secret = unsubscribeUrl.split('/u/')[1]!.slice(43);
      const pieces = text.replace(/&#[xX]?[0-9A-Fa-f]+;|%[0-9A-Fa-f]{2}/g, ' ').split(/[^A-Za-z0-9_-]+/).filter((piece) => piece.length >= 12 && secret.includes(piece));
      expect(pieces).toEqual([]);
      expect(text).toContain('Sent them [link hidden] again');
    }
    // The REST export says the same.
    const csv = await (await fetch(`${app.url}/api/leads/export.csv`, { headers: { authorization: `Bearer ${key.key}` } })).text();
    expect(csv).toContain('Link Holder Clinic');
    expect(csv).not.toMatch(ACTION_LINK);
    const ownerCsv = await (await fetch(`${app.url}/api/leads/export.csv`, { headers: { authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenantId } })).text();
    expect(ownerCsv).toMatch(ACTION_LINK);
  });

  it('the same over WebSocket: queries, and live timeline entries as they happen', async () => {
    const key = await createApiKey(app, owner, 'VIEWER');
    const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key.key}` }, retryAttempts: 0 });
    clients.push(client);
    const queried = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: `{ lead(id: "${leadId}") { proposal { paymentUrl } messages { nodes { text html } } } outbox(first: 5) { nodes { text headers } } }` }, { next: resolve, error: reject, complete: () => undefined });
    });
    const text = JSON.stringify(queried);
    expect(text).toContain('[link hidden]');
    expect(text).not.toMatch(ACTION_LINK);

    const events: unknown[] = [];
    let started: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (started = resolve));
    client.subscribe({ query: `subscription { activityAdded(leadId: "${leadId}") { kind reason data } }` }, { next: (value) => events.push(value), error: (error) => events.push(error), complete: () => undefined });
    client.on('connected', () => started());
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await app.gql('mutation($l: ID!, $b: String!) { addNote(leadId: $l, body: $b) { id } }', { l: leadId, b: `Live: ${unsubscribeUrl}` }, owner.caller);
    await eventually(async () => events.length > 0, 10_000, 'the live timeline entry');
    expect(JSON.stringify(events)).toContain('Live: [link hidden]');
    expect(JSON.stringify(events)).not.toMatch(ACTION_LINK);
  });
});
