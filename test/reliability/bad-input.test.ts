import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LEAD_LIMITS } from '../../core/leads/lead-input.ts';
import { MAX_NOTE_LENGTH, MAX_REASON_LENGTH } from '../../core/leads/lead.service.ts';
import { createLead, leadInput, signup, type Account } from '../support/factories.ts';
import { authHeaders, errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

vi.setConfig({ testTimeout: 180_000 });

let app: TestGateway;
let owner: Account;
const tally = { attempts: 0, failures: 0 };
beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  owner = await signup(app);
});
afterAll(async () => {
  console.log(`bad input: ${tally.attempts} attempts, ${tally.failures} failures`);
  await app.close();
});

/** A syntactically valid address of exactly n characters (64-character local part, 63-character labels). */
function longEmail(n: number): string {
  const local = 'a'.repeat(64);
  let rest = n - local.length - 1 - '.in'.length;
  const labels: string[] = [];
  while (rest > 0) {
    const size = Math.min(63, rest - (labels.length ? 1 : 0));
    if (size <= 0) break;
    labels.push('b'.repeat(size));
    rest -= size + (labels.length > 1 ? 1 : 0);
  }
  return `${local}@${labels.join('.')}.in`;
}

const CREATE = 'mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }';
function check(ok: boolean) {
  tally.attempts += 1;
  if (!ok) tally.failures += 1;
  return ok;
}

describe('GraphQL inputs at and over every length limit', () => {
  const text = (n: number) => 'x'.repeat(n);
  const cases: Array<[string, (n: number) => Record<string, unknown>, number]> = [
    ['businessName', (n) => ({ businessName: text(n) }), LEAD_LIMITS.businessName],
    ['contactName', (n) => ({ contactName: text(n) }), LEAD_LIMITS.contactName],
    ['industry', (n) => ({ industry: text(n) }), LEAD_LIMITS.industry],
    ['city', (n) => ({ city: text(n) }), LEAD_LIMITS.city],
    ['source', (n) => ({ source: text(n) }), LEAD_LIMITS.source],
    ['companySize', (n) => ({ companySize: text(n) }), LEAD_LIMITS.companySize],
    ['email', (n) => ({ email: longEmail(n) }), LEAD_LIMITS.email],
    ['tags', (n) => ({ tags: Array.from({ length: n }, (_, i) => `tag${i}`) }), LEAD_LIMITS.tagCount],
  ];
  for (const [field, make, limit] of cases) {
    it(`${field}: ${limit} is accepted, ${limit + 1} is a VALIDATION error naming the field`, async () => {
      const at = await app.gql(CREATE, { input: leadInput(make(limit)) }, owner.caller);
      expect(check(!at.errors), JSON.stringify(at.errors)).toBe(true);
      const over = await app.gql(CREATE, { input: leadInput(make(limit + 1)) }, owner.caller);
      expect(check(errorCode(over) === 'VALIDATION' && over.errors?.[0]?.extensions?.fields?.[0]?.field === field), JSON.stringify(over.errors)).toBe(true);
    });
  }

  it('notes and reasons at and over their limits; a 5 MB string is refused without harm', async () => {
    const lead = await createLead(app, owner.caller);
    const note = (n: number) => app.gql('mutation($id: ID!, $b: String!) { addNote(leadId: $id, body: $b) { id } }', { id: lead.id, b: 'n'.repeat(n) }, owner.caller);
    expect(check(!(await note(MAX_NOTE_LENGTH)).errors)).toBe(true);
    expect(check(errorCode(await note(MAX_NOTE_LENGTH + 1)) === 'VALIDATION')).toBe(true);
    const close = await app.gql('mutation($id: ID!, $r: String) { closeLead(id: $id, reason: $r) { id } }', { id: lead.id, r: 'r'.repeat(MAX_REASON_LENGTH + 1) }, owner.caller);
    expect(check(errorCode(close) === 'VALIDATION')).toBe(true);
    const huge = await app.gql(CREATE, { input: leadInput({ businessName: 'b'.repeat(5 * 1024 * 1024) }) }, owner.caller);
    expect(check(errorCode(huge) === 'VALIDATION')).toBe(true);
    expect((await app.gql('{ me { id } }', {}, { token: owner.token })).data?.me.id).toBe(owner.userId);
  });
});

describe('values of the wrong shape', () => {
  it('an id that is not a UUID and a date that is no date are VALIDATION errors naming the value, not internal errors', async () => {
    const lead = await app.gql('{ lead(id: "not-a-uuid") { id } }', {}, owner.caller);
    expect(check(errorCode(lead) === 'VALIDATION' && /not-a-uuid/.test(lead.errors?.[0]?.message ?? '')), JSON.stringify(lead.errors)).toBe(true);
    const created = await createLead(app, owner.caller);
    const task = await app.gql('mutation($d: DateTimeISO) { createTask(leadId: "' + created.id + '", title: "Call", dueAt: $d) { id } }', { d: 'Company,Email\nProbe' }, owner.caller);
    expect(check(errorCode(task) === 'VALIDATION' && /\$d/.test(task.errors?.[0]?.message ?? '')), JSON.stringify(task.errors)).toBe(true);
  });
});

describe('CSV files that are big, odd or broken', () => {
  it('a 50 MB file streams through; imported + reported = rows read', async () => {
    const notes = 'n'.repeat(900);
    const rows = ['Company,Email,Notes'];
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i += 1) {
      const row = i % 250 === 3 ? `,bad${i}@big.in,${notes}` : `Big Clinic ${i},big${i}@big.in,"${notes}, with a comma and a ""quote"""`;
      rows.push(row);
      size += row.length + 1;
    }
    const response = await fetch(`${app.url}/api/leads/import?filename=big.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(owner.caller) }, body: rows.join('\n') });
    const body = (await response.json()) as any;
    expect(response.status).toBe(200);
    const { rowsRead, imported, invalid, duplicates } = body.import;
    expect(check(rowsRead === rows.length - 1 && imported + invalid + duplicates === rowsRead)).toBe(true);
    expect(invalid).toBeGreaterThan(0);
  });

  it('extra columns are kept as custom fields; a missing header is reported; nothing is lost', async () => {
    const csv = 'Company,Email,Favourite Colour,,Notes\nColour Co,colour@co.in,blue,orphan,hello,beyond\n';
    const response = await fetch(`${app.url}/api/leads/import`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(owner.caller) }, body: csv });
    expect(((await response.json()) as any).import.imported).toBe(1);
    const lead = (await app.gql('{ leads(filter: { search: "colour co" }) { nodes { customFields } } }', {}, owner.caller)).data?.leads.nodes[0];
    expect(lead.customFields).toEqual({ 'Favourite Colour': 'blue', column_4: 'orphan', Notes: 'hello', column_6: 'beyond' });
    // An unclosed quote is its row's problem, not the file's: the row is read as plain text and imported with a warning.
    const unquoted = await fetch(`${app.url}/api/leads/import`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(owner.caller) }, body: 'Company,Email\n"Unclosed,quote@x.in\nAfter It,after@x.in\n' });
    const answer = (await unquoted.json()) as any;
    expect([unquoted.status, answer.import.imported, answer.issues.map((i: any) => [i.row, i.field, i.kind])]).toEqual([200, 2, [[2, 'row', 'WARNING']]]);
  });
});
