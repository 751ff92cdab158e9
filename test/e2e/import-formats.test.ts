import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { authHeaders, errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  owner = await signup(app);
});
afterAll(() => app.close());

async function upload(body: string | Buffer, account: Account = owner, query = '') {
  const response = await fetch(`${app.url}/api/leads/import?filename=f.csv${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(account.caller) }, body });
  return { status: response.status, body: (await response.json()) as any };
}
async function preview(body: string | Buffer, account: Account = owner, query = '') {
  const response = await fetch(`${app.url}/api/leads/import/preview?${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(account.caller) }, body });
  return { status: response.status, body: (await response.json()) as any };
}
const issuesOf = (body: any) => body.issues.map((i: any) => [i.row, i.field, i.kind]);
async function lead(account: Account, search: string) {
  const result = await app.gql(`{ leads(filter: { search: ${JSON.stringify(search)} }) { nodes { businessName contactName email phone city country tags customFields } } }`, {}, account.caller);
  return result.data?.leads.nodes as any[];
}

describe('files in the encodings and delimiters exports use', () => {
  it('imports UTF-16 with tabs (Excel "Unicode text"), Windows-1252 with semicolons, and UTF-8 with a BOM and pipes', async () => {
    const account = await signup(app);
    const unicodeText = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Company\tEmail\tCity\r\nZoë Café\tzoe@cafe.fr\tKöln\r\n', 'utf16le')]);
    const windows1252 = Buffer.from('Firma;E-Mail;Stadt;Land\nMüller Bäckerei;info@mueller.de;München;Deutschland\n', 'latin1');
    const bomPipes = Buffer.from('\uFEFFBusiness Name|Phone|City\nशर्मा डेंटल|98290 11111|Jaipur\n');
    const answers = [await upload(unicodeText, account), await upload(windows1252, account), await upload(bomPipes, account)];
    expect(answers.map((a) => [a.status, a.body.import.imported, a.body.format.encoding, a.body.format.delimiter])).toEqual([
      [200, 1, 'UTF_16LE', 'TAB'], [200, 1, 'WINDOWS_1252', 'SEMICOLON'], [200, 1, 'UTF_8', 'PIPE'],
    ]);
    expect(await lead(account, 'zoe@cafe.fr')).toMatchObject([{ businessName: 'Zoë Café', city: 'Köln' }]);
    expect(await lead(account, 'mueller')).toMatchObject([{ businessName: 'Müller Bäckerei', city: 'München', country: 'DE' }]);
    expect(await lead(account, 'शर्मा')).toMatchObject([{ phone: '+919829011111', city: 'Jaipur' }]);
  });
});

describe('row numbers as a spreadsheet shows them', () => {
  it('skips blank and commas-only rows without reporting them, and numbers the rows after them as the file\'s lines', async () => {
    const csv = ['Company,Email,Notes', 'A Co,a@rows.in,"two', 'lines"', '', ',,', 'B Co,not-an-email,', ' , , ', 'C Co,c@rows.in,'].join('\n');
    const { body } = await upload(csv);
    expect(body.import).toMatchObject({ rowsRead: 3, imported: 2, invalid: 1, duplicates: 0, skipped: 3 });
    // Row 2 spans two lines (one spreadsheet row); rows 3 and 4 are blank; B Co is row 5.
    expect(issuesOf(body)).toEqual([[5, 'email', 'INVALID']]);
  });

  it('finds the header below LinkedIn\'s notes and keeps the rows\' numbers', async () => {
    const csv = ['Notes:', '"When exporting your connection data, you may notice that some of the email addresses are missing."', '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On', 'Asha,Rao,https://www.linkedin.com/in/asha,asha@growth.in,Growth Co,CEO,03 Dec 2026',
      'Vik,Shah,https://www.linkedin.com/in/vik,,Shah Labs,CTO,01 Dec 2026'].join('\n');
    const { body } = await upload(csv);
    expect(body.format.headerRow).toBe(4);
    expect(body.import).toMatchObject({ rowsRead: 2, imported: 1, invalid: 1, skipped: 3 });
    expect(issuesOf(body)).toEqual([[6, 'email', 'INVALID']]);
    expect(await lead(owner, 'asha@growth.in')).toMatchObject([{ businessName: 'Growth Co', contactName: 'Asha Rao', customFields: { 'Job title': 'CEO', LinkedIn: 'https://www.linkedin.com/in/asha', 'Connected On': '03 Dec 2026' } }]);
  });

  it('keeps one stray quote to its own row: the rest of the file imports', async () => {
    const csv = ['Company,Email,City', '"Stray Quote Dental,stray@quote.in,Jaipur', 'After Stray,after@quote.in,Delhi', '"Quoted, After","quoted@quote.in",Pune'].join('\n');
    const { status, body } = await upload(csv);
    expect(status).toBe(200);
    expect(body.import).toMatchObject({ rowsRead: 3, imported: 3, warnings: 1 });
    expect(issuesOf(body)).toEqual([[2, 'row', 'WARNING']]);
    expect(await lead(owner, 'stray@quote.in')).toMatchObject([{ businessName: 'Stray Quote Dental', city: 'Jaipur' }]);
  });
});

describe('phones', () => {
  it('keeps a lead with a valid email when its phone cannot be read, and keeps the text', async () => {
    const csv = ['Company,Email,Phone,Mobile,Country', 'Bad Phone Co,bad@phone.in,call after 5pm,,India', 'No Way Co,,call after 5pm,,India',
      'Fallback Co,fallback@phone.in,,98290 33333,India', "Excel Co,excel@phone.in,'+91 98290 44444 (WhatsApp) / 0141 2701234,,India",
      'Ext Co,ext@phone.in,+1 415 555 0100 x204,,USA', 'Berlin Co,berlin@phone.de,030 1234567,,Deutschland', 'Dash Co,dash@phone.in,-,nil,IN'].join('\n');
    const { body } = await upload(csv);
    expect(body.import).toMatchObject({ rowsRead: 7, imported: 6, invalid: 1, warnings: 1 });
    expect(issuesOf(body)).toEqual([[2, 'phone', 'WARNING'], [3, 'phone', 'INVALID']]);
    expect(body.issues[0].reason).toContain('kept in the custom field "Phone"');
    expect(await lead(owner, 'bad@phone.in')).toMatchObject([{ phone: null, customFields: { Phone: 'call after 5pm' } }]);
    expect((await lead(owner, 'fallback@phone.in'))[0].phone).toBe('+919829033333');
    expect(await lead(owner, 'excel@phone.in')).toMatchObject([{ phone: '+919829044444', customFields: { 'Other phones': '0141 2701234' } }]);
    expect(await lead(owner, 'ext@phone.in')).toMatchObject([{ phone: '+14155550100', country: 'US', customFields: { 'Phone extension': '204' } }]);
    expect(await lead(owner, 'berlin@phone.de')).toMatchObject([{ phone: '+49301234567', country: 'DE' }]);
    expect(await lead(owner, 'dash@phone.in')).toMatchObject([{ phone: null, customFields: {} }]);
  });
});

describe('duplicates without email', () => {
  it('finds a repeated row by phone, or by business name and city, in the file and among existing leads; the first wins', async () => {
    const account = await signup(app);
    const existing = await createLead(app, account.caller, { email: null, phone: '98290 55555', businessName: 'Existing Sweets', city: 'Jaipur' });
    const csv = ['Company,Phone,City,Address', 'Kota Kachori,98290 66666,Kota,', 'Kota Kachori,98290 66666,Kota,', 'Kota Kachori,0744 2333333,Kota,',
      'Other Shop,+91 98290 55555,Ajmer,', 'Existing Sweets,98290 77777,jaipur,', 'Address Only,01412222222,,"5, MI Road"', 'address only,0141 2333333,,"5, mi road"'].join('\n');
    const { body } = await upload(csv, account);
    expect(body.import).toMatchObject({ rowsRead: 7, imported: 2, duplicates: 5 });
    expect(body.issues.map((i: any) => [i.row, i.field, i.kind, i.existingLeadId])).toEqual([
      [3, 'phone', 'DUPLICATE', null], [4, 'businessName', 'DUPLICATE', null], [5, 'phone', 'DUPLICATE', existing.id],
      [6, 'businessName', 'DUPLICATE', existing.id], [8, 'businessName', 'DUPLICATE', null],
    ]);
    expect(body.issues[0].reason).toContain('row 2');
    const again = await upload(csv, account);
    expect(again.body.import).toMatchObject({ imported: 0, duplicates: 7 });
    // Names holding LIKE's wildcards match only themselves; a lead with email counts as existing too.
    const pure = await createLead(app, account.caller, { businessName: '100% Pure_Foods', city: 'Pune', phone: '98290 88888' });
    const wild = await upload('Company,Phone,City\n100% pure_foods,98290 99999,PUNE\n100x PureXFoods,98290 99998,Pune\n', account);
    expect(wild.body.issues.map((i: any) => [i.row, i.field, i.existingLeadId])).toEqual([[2, 'businessName', pure.id]]);
    expect(wild.body.import).toMatchObject({ imported: 1, duplicates: 1 });
  });
});

describe('the mapping step', () => {
  const csv = ['Outlet,Person in charge,Digits,Trade,Memo', 'Müller Sweets,Hans Müller,0141 2701234,Bakery,call monday', 'Schmidt Stores,,-,Retail,'].join('\n');

  it('previews the detected format, the proposed mapping and the first rows with their issues, over REST and GraphQL alike', async () => {
    const rest = await preview(csv, owner, `rows=5&mapping=${encodeURIComponent(JSON.stringify([{ column: 'Digits', field: 'PHONE' }]))}`);
    expect(rest.status).toBe(200);
    expect(rest.body.format).toEqual({ encoding: 'UTF_8', delimiter: 'COMMA', headerRow: 1 });
    expect(rest.body.columns.map((c: any) => [c.header, c.field, c.customKey])).toEqual([
      ['Outlet', 'CUSTOM', 'Outlet'], ['Person in charge', 'CUSTOM', 'Person in charge'], ['Digits', 'PHONE', null], ['Trade', 'CUSTOM', 'Trade'], ['Memo', 'CUSTOM', 'Memo'],
    ]);
    expect(rest.body.columns[0].samples).toEqual(['Müller Sweets', 'Schmidt Stores']);
    expect(rest.body.fileErrors[0]).toContain('business name');
    const mapping = [{ column: 'Outlet', field: 'BUSINESS_NAME' }, { column: 'Person in charge', field: 'CONTACT_NAME' }, { index: 2, field: 'PHONE' },
      { column: 'Trade', field: 'INDUSTRY' }, { column: 'Memo', field: 'CUSTOM', customKey: 'Notes' }];
    const mapped = await preview(csv, owner, `mapping=${encodeURIComponent(JSON.stringify(mapping))}`);
    expect(mapped.body.fileErrors).toEqual([]);
    expect(mapped.body.rows.map((r: any) => [r.row, r.outcome, r.lead?.phone ?? null, r.issues.map((i: any) => i.kind)])).toEqual([
      [2, 'IMPORT', '+911412701234', []], [3, 'INVALID', null, ['INVALID']],
    ]);
    const graphql = await app.gql(`query($csv: String!, $mapping: [ColumnMappingInput!]) { previewLeadImport(csv: $csv, mapping: $mapping) {
      format { encoding delimiter headerRow } columns { header field customKey } rows { row outcome lead { businessName industry customFields } issues { kind } } fileErrors } }`, { csv, mapping }, owner.caller);
    const answer = graphql.data?.previewLeadImport;
    expect(answer.format).toEqual(rest.body.format); // the same values over REST and GraphQL
    expect(answer.columns).toEqual(mapped.body.columns.map((c: any) => ({ header: c.header, field: c.field, customKey: c.customKey })));
    expect(answer.rows[0]).toEqual({ row: 2, outcome: 'IMPORT', lead: { businessName: 'Müller Sweets', industry: 'Bakery', customFields: { Notes: 'call monday' } }, issues: [] });
    expect(answer.rows[1].issues).toEqual([{ kind: 'INVALID' }]);
  });

  it('imports with the caller\'s mapping over REST and GraphQL', async () => {
    const account = await signup(app);
    const mapping = [{ column: 'Outlet', field: 'BUSINESS_NAME' }, { column: 'Digits', field: 'PHONE' }, { column: 'Memo', field: 'IGNORE' }];
    const rest = await upload(csv, account, `&mapping=${encodeURIComponent(JSON.stringify(mapping))}`);
    expect(rest.body.import).toMatchObject({ imported: 1, invalid: 1 });
    expect(await lead(account, 'müller sweets')).toMatchObject([{ phone: '+911412701234', customFields: { 'Person in charge': 'Hans Müller', Trade: 'Bakery' } }]);
    const other = await signup(app);
    const graphql = await app.gql(`mutation($csv: String!, $mapping: [ColumnMappingInput!]) { importLeadsCsv(csv: $csv, mapping: $mapping) { import { imported invalid } issues { row kind } } }`, { csv, mapping }, other.caller);
    expect(graphql.data?.importLeadsCsv).toEqual({ import: { imported: 1, invalid: 1 }, issues: [{ row: 3, kind: 'INVALID' }] });
  });

  it('answers a wrong mapping with VALIDATION naming it, and a viewer with FORBIDDEN', async () => {
    const bad = await preview(csv, owner, `mapping=${encodeURIComponent(JSON.stringify([{ column: 'Fax', field: 'PHONE' }, { column: 'Outlet', field: 'SHOE_SIZE' }]))}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['mapping[1].field']);
    const unknown = await upload(csv, owner, `&mapping=${encodeURIComponent(JSON.stringify([{ column: 'Fax', field: 'PHONE' }]))}`);
    expect([unknown.status, unknown.body.error.fields]).toEqual([400, [{ field: 'mapping[0].column', message: '"Fax" is not a header of the file' }]]);
    const notJson = await preview(csv, owner, 'mapping=nope');
    expect(notJson.body.error.fields[0].field).toBe('mapping');
    const viewerKey = await app.gql('mutation { createApiKey(input: { name: "read", role: VIEWER }) { key } }', {}, owner.caller);
    const viewer = { ...owner, caller: { token: viewerKey.data?.createApiKey.key, tenantId: owner.tenantId } };
    expect((await preview(csv, viewer)).status).toBe(403);
    expect(errorCode(await app.gql('query($csv: String!) { previewLeadImport(csv: $csv) { fileErrors } }', { csv }, viewer.caller))).toBe('FORBIDDEN');
  });
});
