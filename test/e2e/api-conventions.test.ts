import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { startTestGateway, type Caller, type TestGateway } from '../support/gateway.ts';

vi.setConfig({ testTimeout: 60_000 });

/** What the GraphQL clients developers use (Apollo Client, urql, Relay) expect of an API. */
let app: TestGateway;
let owner: Account;

beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  owner = await signup(app);
});
afterAll(() => app.close());

describe('transport', () => {
  it('queries over GET as urql sends them by default (no preflight header), with a token; mutations over GET are refused', async () => {
    await createLead(app, owner.caller, { businessName: 'Over GET' });
    const query = encodeURIComponent('{ leads(first: 5) { totalCount nodes { businessName } } }');
    const headers = { accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenantId };
    const get = await fetch(`${app.url}/graphql?query=${query}`, { headers });
    expect(get.status).toBe(200);
    expect(((await get.json()) as any).data.leads.nodes.map((n: any) => n.businessName)).toContain('Over GET');
    const mutation = encodeURIComponent('mutation { createLead(input: { businessName: "No", email: "no@get.example" }) { id } }');
    expect((await fetch(`${app.url}/graphql?query=${mutation}`, { headers })).status).toBe(405);
    // With the session cookie, a GET from another site is not served as the user.
    const forged = await fetch(`${app.url}/graphql?query=${query}`, { headers: { accept: 'application/json', cookie: `crm_session=${owner.token}`, 'sec-fetch-site': 'cross-site' } });
    expect(((await forged.json()) as any).errors?.[0]?.extensions?.reason).toBe('CROSS_SITE');
  });
});

describe('object identification and lookups', () => {
  it('node(id) refetches a lead, a message, a proposal or an import by its id; an unknown or foreign id is null', async () => {
    const lead = await createLead(app, owner.caller, { businessName: 'Node Clinic' });
    const imported = await app.gql('mutation($csv: String!) { importLeadsCsv(csv: $csv) { import { id } } }', { csv: 'Company,Email\nNode Import,node@import.example\n' }, owner.caller);
    const importId = imported.data?.importLeadsCsv.import.id;
    const draft = await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    const messageId = draft.data?.generateOutreach.id;
    const query = 'query($id: ID!) { node(id: $id) { __typename id ... on Lead { businessName } ... on LeadImport { imported } ... on Message { direction } } }';
    expect((await app.gql(query, { id: lead.id }, owner.caller)).data?.node).toEqual({ __typename: 'Lead', id: lead.id, businessName: 'Node Clinic' });
    expect((await app.gql(query, { id: importId }, owner.caller)).data?.node).toMatchObject({ __typename: 'LeadImport', id: importId, imported: 1 });
    expect((await app.gql(query, { id: messageId }, owner.caller)).data?.node).toMatchObject({ __typename: 'Message', id: messageId });
    const stranger = await signup(app);
    const foreign = await app.gql(query, { id: lead.id }, stranger.caller);
    expect(foreign).toMatchObject({ data: { node: null } });
    expect(foreign.errors).toBeUndefined();
    expect((await app.gql(query, { id: '0190b1a2-0000-7000-8000-000000000000' }, owner.caller)).data?.node).toBeNull();
  });

  it('a missing lead in one field leaves the other fields\' answers in place', async () => {
    const result = await app.gql('{ missing: lead(id: "0190b1a2-0000-7000-8000-000000000000") { id } leads { totalCount } }', {}, owner.caller);
    expect(result.data?.missing).toBeNull();
    expect(result.data?.leads.totalCount).toBeGreaterThan(0);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the history of a missing lead, or the issues of a missing import, is null with NOT_FOUND: the siblings keep their data', async () => {
    const missing = '0190b1a2-0000-7000-8000-000000000000';
    const result = await app.gql(`{ history(leadId: "${missing}") { nodes { id } } leadImportIssues(importId: "${missing}") { nodes { row } } leads { totalCount } }`, {}, owner.caller);
    expect(result.data).toEqual({ history: null, leadImportIssues: null, leads: { totalCount: expect.any(Number) } });
    expect(result.errors?.map((e) => [e.path?.[0], e.extensions?.code]).sort()).toEqual([['history', 'NOT_FOUND'], ['leadImportIssues', 'NOT_FOUND']]);
  });
});

describe('idempotency keys on creating mutations', () => {
  const create = (key: string, email: string) =>
    app.gql('mutation($i: CreateLeadInput!, $k: String) { createLead(input: $i, idempotencyKey: $k) { id businessName createdAt allowedActions } }', { i: { businessName: 'Retry Clinic', email }, k: key }, owner.caller);
  const count = async (email: string) => (await app.gql('query($s: String) { leads(filter: { search: $s }) { totalCount } }', { s: email }, owner.caller)).data?.leads.totalCount;

  it('a retry with the same key gets the first answer, and nothing is created twice; the same key with other arguments is refused', async () => {
    const first = await create('key-1-retry', 'retry@clinic.example');
    const again = await create('key-1-retry', 'retry@clinic.example');
    expect(first.errors).toBeUndefined();
    expect(again.data?.createLead).toEqual(first.data?.createLead);
    expect(await count('retry@clinic.example')).toBe(1);
    const reused = await create('key-1-retry', 'other@clinic.example');
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await count('other@clinic.example')).toBe(0);
  });

  it('five concurrent requests with one key create one lead; a request that failed frees its key', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => create('key-2-burst', 'burst@clinic.example')));
    const ids = new Set(answers.filter((a) => a.data?.createLead).map((a) => a.data?.createLead.id));
    expect(ids.size).toBe(1);
    for (const answer of answers.filter((a) => a.errors)) expect(answer.errors?.[0]?.extensions?.reason).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect(await count('burst@clinic.example')).toBe(1);
    const invalid = await app.gql('mutation($k: String) { createLead(input: { businessName: "" }, idempotencyKey: $k) { id } }', { k: 'key-3-invalid' }, owner.caller);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const retried = await app.gql('mutation($k: String) { createLead(input: { businessName: "" }, idempotencyKey: $k) { id } }', { k: 'key-3-invalid' }, owner.caller);
    expect(retried.errors?.[0]?.extensions?.code).toBe('VALIDATION'); // ran again, not "in use"
    const badKey = await create('', 'x@clinic.example');
    expect(badKey.errors?.[0]?.extensions?.fields).toEqual([{ field: 'idempotencyKey', message: expect.any(String) }]);
  });
});

describe('connections page both ways', () => {
  it('leads and a lead\'s history: forward with first/after and backward with last/before meet, with Relay\'s pageInfo', async () => {
    const tenant = await signup(app);
    const names: string[] = [];
    for (let i = 0; i < 7; i += 1) names.push((await createLead(app, tenant.caller, { businessName: `Page ${i}` })).businessName as string);
    const page = async (args: string) =>
      (await app.gql(`{ leads(${args}, orderBy: { field: CREATED_AT, direction: ASC }) { edges { cursor node { businessName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, {}, tenant.caller)).data?.leads;
    const first = await page('first: 3');
    expect(first.edges.map((e: any) => e.node.businessName)).toEqual(names.slice(0, 3));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[2].cursor });
    const second = await page(`first: 3, after: "${first.pageInfo.endCursor}"`);
    expect(second.edges.map((e: any) => e.node.businessName)).toEqual(names.slice(3, 6));
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const back = await page(`last: 3, before: "${second.pageInfo.startCursor}"`);
    expect(back.edges.map((e: any) => e.node.businessName)).toEqual(names.slice(0, 3));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const tail = await page('last: 2');
    expect(tail.edges.map((e: any) => e.node.businessName)).toEqual(names.slice(5));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const mixed = await app.gql('{ leads(first: 2, last: 2) { nodes { id } } }', {}, tenant.caller);
    expect(mixed.errors?.[0]?.extensions?.fields).toEqual([{ field: 'last', message: expect.stringContaining('one way at a time') }]);
    const foreign = await app.gql(`{ leads(first: 2, before: "${first.pageInfo.endCursor}", orderBy: { field: BUSINESS_NAME, direction: ASC }) { nodes { id } } }`, {}, tenant.caller);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('VALIDATION');

    const lead = names.length && (await app.gql('{ leads(first: 1) { nodes { id } } }', {}, tenant.caller)).data?.leads.nodes[0].id;
    for (let i = 0; i < 4; i += 1) await app.gql(`mutation { addNote(leadId: "${lead}", body: "note ${i}") { id } }`, {}, tenant.caller);
    const history = async (args: string) => (await app.gql(`{ history(leadId: "${lead}", ${args}) { edges { cursor node { kind reason } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, {}, tenant.caller)).data?.history;
    const all = await history('first: 50');
    expect(all.edges.length).toBe(5); // created + four notes
    const last2 = await history('last: 2');
    expect(last2.edges.map((e: any) => e.cursor)).toEqual(all.edges.slice(3).map((e: any) => e.cursor));
    const before = await history(`last: 2, before: "${last2.pageInfo.startCursor}"`);
    expect(before.edges.map((e: any) => e.cursor)).toEqual(all.edges.slice(1, 3).map((e: any) => e.cursor));
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });
});

describe('browser apps on other origins, and ids that are not ids', () => {
  it('a preflight is answered and API answers allow any origin without credentials; answers are not cached', async () => {
    const preflight = await fetch(`${app.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const answer = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { origin: 'https://app.example', 'content-type': 'application/json', authorization: `Bearer ${owner.token}` }, body: JSON.stringify({ query: '{ me { id } }' }) });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('cache-control')).toMatch(/no-store/);
    const exported = await fetch(`${app.url}/api/leads/export.csv`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(exported.headers.get('cache-control')).toMatch(/no-store/);
  });

  it('a malformed id in a REST parameter or path, or a hand-made cursor, is VALIDATION naming it, never an internal error', async () => {
    const auth = { authorization: `Bearer ${owner.token}` };
    const assignee = (await (await fetch(`${app.url}/api/leads/export.csv?assignee=foo`, { headers: auth })).json()) as any;
    expect(assignee.error).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'assignee', message: expect.stringContaining('foo') }] });
    const issues = await fetch(`${app.url}/api/imports/${'-'.repeat(36)}/issues.csv`, { headers: auth });
    expect(issues.status).toBe(400);
    expect(((await issues.json()) as any).error.fields[0].field).toBe('importId');
    const forged = Buffer.from(JSON.stringify(['CREATED_AT', '+275760-09-13T00:00:00Z', '0190b1a2-0000-7000-8000-000000000000'])).toString('base64url');
    const cursor = await app.gql(`{ leads(after: "${forged}") { nodes { id } } }`, {}, owner.caller);
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'after', message: expect.any(String) }] });
  });
});

describe('idempotency keys belong to their caller', () => {
  it('another caller of the same tenant using the same key gets its own request run, never the first caller\'s answer', async () => {
    const { createApiKey } = await import('../support/factories.ts');
    const key = await createApiKey(app, owner, 'MEMBER');
    const create = (caller: { token?: string; tenantId?: string }, email: string) =>
      app.gql('mutation($i: CreateLeadInput!, $k: String) { createLead(input: $i, idempotencyKey: $k) { id email } }', { i: { businessName: 'Shared Key Clinic', email }, k: 'shared-key-1' }, caller);
    const mine = await create(owner.caller, 'mine@shared.example');
    const theirs = await create(key.caller, 'theirs@shared.example');
    expect(theirs.data?.createLead.email).toBe('theirs@shared.example');
    expect(theirs.data?.createLead.id).not.toBe(mine.data?.createLead.id);
  });
});

/** A connection's page: its nodes' keys and pageInfo. */
interface Page { keys: string[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } }
const PAGE_FIELDS = 'edges { cursor node { KEY } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/**
 * Reads a whole list in pages of two forward (first/after) and backward (last/before), and checks
 * both against one page of everything: same items, same order, the right neighbours on each side.
 */
async function walk(caller: Caller, read: (args: string) => Promise<any>, key = 'id'): Promise<string[]> {
  const page = async (args: string): Promise<Page> => {
    const connection = await read(args);
    expect(connection.edges.every((edge: any) => typeof edge.cursor === 'string')).toBe(true);
    return { keys: connection.edges.map((edge: any) => edge.node[key]), pageInfo: connection.pageInfo };
  };
  const all = (await page('first: 100')).keys;
  expect(all.length).toBeGreaterThan(2);
  const forward: string[] = [];
  for (let after: string | null = null, n = 0; ; n += 1) {
    const next: Page = await page(after ? `first: 2, after: "${after}"` : 'first: 2');
    forward.push(...next.keys);
    expect(next.pageInfo.hasPreviousPage).toBe(n > 0);
    if (!next.pageInfo.hasNextPage) break;
    after = next.pageInfo.endCursor;
  }
  expect(forward).toEqual(all);
  const backward: string[] = [];
  for (let before: string | null = null, n = 0; ; n += 1) {
    const previous: Page = await page(before ? `last: 2, before: "${before}"` : 'last: 2');
    backward.unshift(...previous.keys);
    expect(previous.pageInfo.hasNextPage).toBe(n > 0);
    if (!previous.pageInfo.hasPreviousPage) break;
    before = previous.pageInfo.startCursor;
  }
  expect(backward).toEqual(all);
  return all;
}

describe('every list that can grow is a connection that pages both ways', () => {
  it('tenants, users, API keys, invitations, sessions, the agency overview, the inbox and a lead\'s messages', async () => {
    const agency = await signup(app);
    const asOwner = { token: agency.token };
    for (let i = 0; i < 4; i += 1) await app.gql(`mutation { createTenant(input: { name: "Client ${i}" }) { id } }`, {}, asOwner);
    for (let i = 0; i < 5; i += 1) await app.gql(`mutation { createApiKey(input: { name: "key ${i}", role: VIEWER }) { key } }`, {}, agency.caller);
    for (let i = 0; i < 5; i += 1) await app.gql(`mutation { inviteUser(input: { email: "invitee${i}@paging.example", name: "Invitee ${i}", role: VIEWER }) { id } }`, {}, asOwner);
    for (let i = 0; i < 4; i += 1) await app.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: agency.email, p: agency.password });
    const lead = await createLead(app, agency.caller, { businessName: 'Paging Clinic', email: 'paging@clinic.example' });
    for (let i = 0; i < 5; i += 1) await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "reply number ${i}") { id } }`, {}, agency.caller);

    const root = (field: string, caller: Caller, key = 'id') => (args: string) =>
      app.gql(`{ ${field}(${args}) { ${PAGE_FIELDS.replace('KEY', key)} } }`, {}, caller).then((r) => r.data?.[field] ?? Promise.reject(new Error(JSON.stringify(r.errors))));
    const tenants = await walk(asOwner, root('tenants', asOwner));
    expect(tenants[0]).toBe(agency.tenantId); // oldest first
    expect(await walk(asOwner, root('agencyOverview', asOwner, 'tenantId'), 'tenantId')).toEqual(tenants);
    const keys = await walk(agency.caller, root('apiKeys', agency.caller, 'name'), 'name');
    expect(keys).toEqual(['key 4', 'key 3', 'key 2', 'key 1', 'key 0']); // newest first
    expect(await walk(asOwner, root('invitations', asOwner, 'email'), 'email')).toEqual([4, 3, 2, 1, 0].map((i) => `invitee${i}@paging.example`));
    expect(await walk(asOwner, root('sessions', asOwner))).toHaveLength(5);
    const inbox = await walk(agency.caller, root('inbox', agency.caller, 'text'), 'text');
    expect(inbox).toEqual([4, 3, 2, 1, 0].map((i) => `reply number ${i}`)); // newest first
    const messages = await walk(agency.caller, (args) => app.gql(`{ lead(id: "${lead.id}") { messages(${args}) { ${PAGE_FIELDS.replace('KEY', 'text')} } } }`, {}, agency.caller).then((r) => r.data?.lead.messages), 'text');
    expect(messages).toEqual([...inbox].reverse()); // oldest first

    // Signing in answers the tenants a page at a time too.
    const login = await app.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { tenants(first: 2) { nodes { id } pageInfo { hasNextPage } } } }', { e: agency.email, p: agency.password });
    expect(login.data?.login.tenants).toEqual({ nodes: tenants.slice(0, 2).map((id) => ({ id })), pageInfo: { hasNextPage: true } });
  });

  it('a cursor of another list, or a forged one, is a VALIDATION error naming the argument, never an internal error', async () => {
    const tenants = (await app.gql('{ tenants(first: 1) { pageInfo { endCursor } } }', {}, { token: owner.token })).data?.tenants.pageInfo.endCursor;
    const other = await app.gql(`{ inbox(first: 1, after: "${tenants}") { nodes { id } } }`, {}, owner.caller);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'after', message: expect.stringContaining('not a cursor of this list') }] });
    const forged = Buffer.from(JSON.stringify(['messages', 'not-a-uuid'])).toString('base64url');
    const refused = await app.gql(`{ inbox(last: 1, before: "${forged}") { nodes { id } } }`, {}, owner.caller);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'before', message: expect.any(String) }] });
    const tooMany = await app.gql('{ tenants(first: 201) { nodes { id } } }', {}, { token: owner.token });
    expect(tooMany.errors?.[0]?.extensions?.fields).toEqual([{ field: 'first', message: 'must be between 1 and 200' }]);
  });
});

describe('closed value sets are enums, in UPPER_CASE, over GraphQL and REST alike', () => {
  it('message direction, purpose, channel and status; credentials; an import\'s status and format', async () => {
    const lead = await createLead(app, owner.caller, { businessName: 'Enum Clinic', email: 'enum@clinic.example' });
    await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Tell me more") { id } }`, {}, owner.caller);
    const message = (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { direction purpose channel status } } } }`, {}, owner.caller)).data?.lead.messages.nodes[0];
    expect(message).toEqual({ direction: 'IN', purpose: 'REPLY', channel: 'EMAIL', status: 'RECEIVED' });

    const set = await app.gql('mutation { setProviderCredential(name: OPENAI_API_KEY, value: "sk-test-enum") }', {}, owner.caller);
    expect(set.data?.setProviderCredential).toEqual(expect.arrayContaining(['OPENAI_API_KEY', 'STRIPE_WEBHOOK_SECRET']));
    const wrong = await app.gql('mutation { setProviderCredential(name: "openai_api_key", value: "x") }', {}, owner.caller);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('VALIDATION'); // a string is not a ProviderCredential
    expect((await app.gql('{ autopilotSettings { credentialsSet } }', {}, owner.caller)).data?.autopilotSettings.credentialsSet).toEqual(expect.arrayContaining(['OPENAI_API_KEY']));
    // Left out, the value is removed (it was an internal error).
    const removed = await app.gql('mutation { setProviderCredential(name: OPENAI_API_KEY) }', {}, owner.caller);
    expect(removed.data?.setProviderCredential).not.toContain('OPENAI_API_KEY');

    const csv = 'Company;Email\nEnum Import;enum@import.example\n';
    const rest = await fetch(`${app.url}/api/leads/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenantId }, body: csv });
    const body = (await rest.json()) as any;
    const graphql = (await app.gql(`{ leadImport(id: "${body.import.id}") { status } }`, {}, owner.caller)).data?.leadImport;
    expect([body.import.status, graphql.status]).toEqual(['COMPLETED', 'COMPLETED']);
    const preview = (await app.gql('query($csv: String!) { previewLeadImport(csv: $csv) { format { encoding delimiter } } }', { csv }, owner.caller)).data?.previewLeadImport.format;
    expect([body.format.encoding, body.format.delimiter]).toEqual([preview.encoding, preview.delimiter]);
    expect(preview).toEqual({ encoding: 'UTF_8', delimiter: 'SEMICOLON' });
    const overview = (await app.gql('{ agencyOverview { nodes { leadsByStatus { status } } } }', {}, { token: owner.token })).data?.agencyOverview.nodes[0];
    expect(overview.leadsByStatus.map((s: any) => s.status)).toEqual(['NEW', 'CONTACTED', 'INTERESTED', 'PROPOSAL_SENT', 'PAID', 'LOST']);
  });
});
