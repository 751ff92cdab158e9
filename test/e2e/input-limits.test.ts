import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 120_000 });

/**
 * Every input has a size, a count or a range it must keep to: past it, VALIDATION naming the field,
 * and nothing stored. One case per limit, each at its first refused value, and the value just inside
 * it accepted where that is cheap to show.
 */
let app: TestGateway;
let owner: Account;
const ids = { lead: '', proposal: '', draft: '' };
const long = (n: number) => 'x'.repeat(n);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const date = (d: Date) => d.toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await setUpAutopilot(app, owner, false);
  const lead = await createLead(app, owner.caller);
  ids.lead = lead.id;
  const drafted = await createLead(app, owner.caller);
  for (const id of [lead.id, drafted.id]) await app.gql(`mutation { generateOutreach(leadId: "${id}") { id } }`, {}, owner.caller);
  const draftOf = (id: string) => eventually(async () => (await app.gql(`{ lead(id: "${id}") { messages { nodes { id status } } } }`, {}, owner.caller)).data?.lead.messages.nodes.find((m: any) => m.status === 'DRAFT')?.id, 20_000, 'the draft');
  await draftOf(lead.id);
  ids.draft = await draftOf(drafted.id);
  await app.gql(`mutation { sendOutreach(leadId: "${lead.id}") { id } }`, {}, owner.caller);
  await waitForStatus(app, owner, lead.id, 'CONTACTED');
  await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Interested! Send a proposal.") { id } }`, {}, owner.caller);
  await waitForStatus(app, owner, lead.id, 'INTERESTED');
  await app.gql(`mutation { generateProposal(leadId: "${lead.id}") { id } }`, {}, owner.caller);
  ids.proposal = await eventually(async () => (await app.gql(`{ lead(id: "${lead.id}") { proposal { id } } }`, {}, owner.caller)).data?.lead.proposal?.id, 20_000, 'the proposal');
});
afterAll(() => app.close());

type Case = [what: string, query: string, variables: Record<string, unknown>, field: string];

const line = (overrides: Record<string, unknown> = {}) => ({ description: 'Website', quantity: 1, unitAmount: '4500000', ...overrides });
const PROPOSAL = 'mutation($p: ID!, $i: UpdateProposalInput!) { updateProposalDraft(proposalId: $p, input: $i) { id } }';
const cases = (): Case[] => [
  ['a service description of 3,000,000 characters', 'mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { id } }', { s: [{ name: 'Site', description: long(3_000_000), priceMin: '100', currency: 'INR' }] }, 'services.0.description'],
  ['a proposal line description of 1 MB', PROPOSAL, { p: ids.proposal, i: { lineItems: [line({ description: long(1_000_000) })] } }, 'lineItems.0.description'],
  ['a quantity of 2^31-1', PROPOSAL, { p: ids.proposal, i: { lineItems: [line({ quantity: 2_147_483_647, unitAmount: '1' })] } }, 'lineItems.0.quantity'],
  ['10,000 expected results of 500 characters', PROPOSAL, { p: ids.proposal, i: { expectedResults: Array.from({ length: 10_000 }, () => long(500)) } }, 'expectedResults'],
  ['an expected result of 5,000 characters', PROPOSAL, { p: ids.proposal, i: { expectedResults: [long(5_000)] } }, 'expectedResults.0'],
  ['validUntil in 1900', PROPOSAL, { p: ids.proposal, i: { validUntil: '1900-01-01' } }, 'validUntil'],
  ['validUntil on 31 February', PROPOSAL, { p: ids.proposal, i: { validUntil: '2026-02-31' } }, 'validUntil'],
  ['validUntil in 9999', PROPOSAL, { p: ids.proposal, i: { validUntil: '9999-12-31' } }, 'validUntil'],
  ['a proposal that asks for nothing', PROPOSAL, { p: ids.proposal, i: { lineItems: [line({ unitAmount: '0' })] } }, 'lineItems'],
  ['a draft subject of 100,000 characters', 'mutation($m: ID!, $s: String!, $t: String!) { updateMessageDraft(messageId: $m, subject: $s, text: $t) { id } }', { m: ids.draft, s: long(100_000), t: 'Hello' }, 'subject'],
  ['a draft text of 1 MB', 'mutation($m: ID!, $s: String!, $t: String!) { updateMessageDraft(messageId: $m, subject: $s, text: $t) { id } }', { m: ids.draft, s: 'Hello', t: long(1_000_000) }, 'text'],
  ['a simulated reply subject of 100,000 characters', 'mutation($l: ID!, $s: String) { simulateInboundReply(leadId: $l, body: "hi", subject: $s) { id } }', { l: ids.lead, s: long(100_000) }, 'subject'],
  ['a subject of 100,000 characters to classify', 'query($s: String) { classifyReply(body: "hi", subject: $s) { intent } }', { s: long(100_000) }, 'subject'],
  ['a call in year 1', 'mutation($l: ID!, $at: DateTimeISO!) { scheduleCall(leadId: $l, at: $at) { id } }', { l: ids.lead, at: '0001-01-01T00:00:00.000Z' }, 'at'],
  ['a call ten years ahead', 'mutation($l: ID!, $at: DateTimeISO!) { scheduleCall(leadId: $l, at: $at) { id } }', { l: ids.lead, at: inDays(3660).toISOString() }, 'at'],
  ['a call note of 100,000 characters', 'mutation($l: ID!, $at: DateTimeISO!, $n: String) { scheduleCall(leadId: $l, at: $at, note: $n) { id } }', { l: ids.lead, at: inDays(2).toISOString(), n: long(100_000) }, 'note'],
  ['a task body of 100,000 characters', 'mutation($l: ID!, $b: String) { createTask(leadId: $l, title: "Kick-off", body: $b) { id } }', { l: ids.lead, b: long(100_000) }, 'body'],
  ['a task due in 1900', 'mutation($l: ID!, $d: DateTimeISO) { createTask(leadId: $l, title: "Kick-off", dueAt: $d) { id } }', { l: ids.lead, d: '1900-01-01T00:00:00.000Z' }, 'dueAt'],
  ['a search of 1 MB', 'query($f: LeadFilterInput) { leads(filter: $f) { totalCount } }', { f: { search: long(1_000_000) } }, 'filter.search'],
  ['a city filter of 100,000 characters', 'query($f: LeadFilterInput) { leads(filter: $f) { totalCount } }', { f: { city: long(100_000) } }, 'filter.city'],
  ['an export search of 1 MB', 'query($f: LeadFilterInput) { exportLeadsCsv(filter: $f) }', { f: { search: long(1_000_000) } }, 'filter.search'],
  ['an API key name of 100,000 characters', 'mutation($n: String!) { createApiKey(input: { name: $n, role: VIEWER }) { key } }', { n: long(100_000) }, 'name'],
  ['a workspace name of 100,000 characters', 'mutation($n: String!) { createTenant(input: { name: $n }) { id } }', { n: long(100_000) }, 'name'],
  ['an invitation to 10,001 workspaces', 'mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }', { i: { email: 'many@limits.test', name: 'Many', role: 'VIEWER', tenantIds: Array.from({ length: 10_001 }, () => '00000000-0000-7000-8000-000000000001') } }, 'tenantIds'],
  ['a note of 100,000 characters', 'mutation($l: ID!, $b: String!) { addNote(leadId: $l, body: $b) { id } }', { l: ids.lead, b: long(100_000) }, 'body'],
  ['a close reason of 100,000 characters', 'mutation($l: ID!, $r: String) { closeLead(id: $l, reason: $r) { id } }', { l: ids.lead, r: long(100_000) }, 'reason'],
  ['an import file name of 100,000 characters', 'mutation($f: String) { importLeadsCsv(csv: "Company,Email\\nA,a@limits.test\\n", filename: $f) { import { id } } }', { f: long(100_000) }, 'filename'],
  ['an import header row of 2^31-1', 'mutation($h: Int) { importLeadsCsv(csv: "Company,Email\\nA,a@limits.test\\n", headerRow: $h) { import { id } } }', { h: 2_147_483_647 }, 'headerRow'],
  ['a mapping column name of 100,000 characters', 'query($m: [ColumnMappingInput!]) { previewLeadImport(csv: "Company,Email\\nA,a@limits.test\\n", mapping: $m) { fileErrors } }', { m: [{ column: long(100_000), field: 'IGNORE' }] }, 'mapping[0].column'],
  ['a preview of 1,000 rows', 'query { previewLeadImport(csv: "Company,Email\\nA,a@limits.test\\n", rows: 1000) { fileErrors } }', {}, 'rows'],
  ['a login password of 1 MB', 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 'someone@limits.test', p: long(1_000_000) }, 'password'],
  ['a reset request for an email of 1 MB', 'mutation($e: String!) { requestPasswordReset(email: $e) }', { e: `${long(1_000_000)}@limits.test` }, 'email'],
  ['a login email of 1 MB', 'mutation($e: String!) { login(email: $e, password: "whatever password") { token } }', { e: `${long(1_000_000)}@limits.test` }, 'email'],
  ['an invitation token of 1 MB', 'query($t: String!) { invitation(token: $t) { email } }', { t: long(1_000_000) }, 'token'],
];

describe('limits on every input', () => {
  it('past each limit: VALIDATION naming the field, and nothing stored', async () => {
    const problems: string[] = [];
    for (const [what, query, variables, field] of cases()) {
      const answer = await app.gql(query, variables, owner.caller);
      const error = answer.errors?.[0];
      const fields = ((error?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);
      if (process.env.DEBUG_LIMITS) console.log(what, answer.status, JSON.stringify(answer.errors ?? answer.data).slice(0, 200));
      if (error?.extensions?.code !== 'VALIDATION' || !fields.includes(field)) problems.push(`${what}: ${answer.status} ${JSON.stringify(answer.errors ?? answer.data).slice(0, 240)}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    // Nothing was stored: the proposal and the draft are as they were written, the catalog empty of the long service.
    const lead = (await app.gql(`{ lead(id: "${ids.lead}") { proposal { expectedResults validUntil lineItems { description quantity } } messages { nodes { subject } } } serviceCatalog { description } }`, {}, owner.caller)).data!;
    expect(JSON.stringify(lead).length).toBeLessThan(20_000);
  });

  it('inside each limit: accepted', async () => {
    const ok = async (query: string, variables: Record<string, unknown>) => {
      const answer = await app.gql(query, variables, owner.caller);
      expect(answer.errors, query).toBeUndefined();
    };
    await ok(PROPOSAL, { p: ids.proposal, i: { lineItems: [line({ description: long(500), quantity: 1_000_000, unitAmount: '1' })], expectedResults: Array.from({ length: 20 }, () => long(300)), validUntil: date(inDays(730)) } });
    await ok(PROPOSAL, { p: ids.proposal, i: { lineItems: [line({ unitAmount: '0' }), line()], validUntil: date(inDays(0)) } });
    await ok('mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { id } }', { s: [{ name: 'Site', description: long(2_000), priceMin: '100', currency: 'INR' }] });
    await ok('mutation($m: ID!, $s: String!, $t: String!) { updateMessageDraft(messageId: $m, subject: $s, text: $t) { id } }', { m: ids.draft, s: long(300), t: long(20_000) });
    await ok('query($f: LeadFilterInput) { leads(filter: $f) { totalCount } }', { f: { search: long(200) } });
  });
});
