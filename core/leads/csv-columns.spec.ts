import { describe, expect, it } from 'vitest';
import { mapCsvHeader, rowToLeadInput, unknownChoices } from './csv-columns.ts';
import type { ImportTarget } from './csv-columns.ts';
import { normalizeLead } from './lead-input.ts';

const target = (t: ImportTarget): string => (t.kind === 'field' ? t.field : t.kind === 'custom' ? `custom:${t.key}` : 'ignore');
const targets = (header: string[]): string[] => mapCsvHeader(header).columns.map((c) => target(c.target));
const input = (header: string[], row: string[]) => rowToLeadInput(mapCsvHeader(header), row).input;

describe('mapCsvHeader', () => {
  it('matches headers ignoring case, spaces, underscores, dashes, dots, slashes and a stray BOM', () => {
    expect(targets(['Business_Name', 'E-Mail', 'Phone No.', 'contact-person', 'WEB SITE', 'Company.Size', '\uFEFFCity'])).toEqual([
      'businessName', 'email', 'phone', 'contactName', 'website', 'companySize', 'city',
    ]);
  });

  it.each<[string, string]>([
    ['Company', 'businessName'], ['Organisation', 'businessName'], ['Account Name', 'businessName'], ['Name of Business', 'businessName'],
    ['Name', 'contactName'], ['Decision Maker', 'contactName'], ['First Name', 'firstName'], ['Given Name', 'firstName'],
    ['Surname', 'lastName'], ['Family Name', 'lastName'], ['Email Address', 'email'], ['Mail', 'email'],
    ['Mobile', 'phone'], ['WhatsApp', 'phone'], ['Tel', 'phone'], ['Contact Number', 'phone'], ['Cell', 'phone'],
    ['URL', 'website'], ['Domain', 'website'], ['Homepage', 'website'], ['Category', 'industry'], ['Business Type', 'industry'],
    ['Niche', 'industry'], ['Town', 'city'], ['Location', 'city'], ['Country Code', 'country'], ['Nation', 'country'],
    ['Lead Source', 'source'], ['Channel', 'source'], ['Employees', 'companySize'], ['Headcount', 'companySize'],
    ['Team Size', 'companySize'], ['Labels', 'tags'], ['Tag', 'tags'],
    // Real exports (issue #12): Salesforce, Pipedrive, Google Contacts, HubSpot, Outlook, Apollo, Zoho, IndiaMART, LinkedIn.
    ['Company / Account', 'businessName'], ['Person - Name', 'contactName'], ['Organization - Name', 'businessName'],
    ['Person - Email - Work', 'email'], ['Person - Phone - Mobile', 'phone'], ['Organization Name', 'businessName'],
    ['E-mail 1 - Value', 'email'], ['Phone 1 - Value', 'phone'], ['Phone 3 - Value', 'phone'], ['Address 1 - City', 'city'],
    ['Organization 1 - Name', 'businessName'], ['Country/Region', 'country'], ['Original Source', 'source'],
    ['Business Phone', 'phone'], ['Business City', 'city'], ['Web Page', 'website'], ['Categories', 'tags'],
    ['# Employees', 'companySize'], ['Work Direct Phone', 'phone'], ['Business Country/Region', 'country'], ['No. of Employees', 'companySize'],
    ['SENDER_COMPANY', 'businessName'], ['SENDER_MOBILE', 'phone'], ['SENDER_COUNTRY_ISO', 'country'], ['Email Address', 'email'],
    ['MobilePhone', 'phone'], ['LeadSource', 'source'], ['NumberOfEmployees', 'companySize'],
    ['Street', 'custom:Address'], ['Business Street', 'custom:Address'], ['Address 1 - Formatted', 'custom:Address'],
    ['Zip/Postal Code', 'custom:Postal code'], ['State/Province', 'custom:State'], ['Job Title', 'custom:Job title'],
    ['Description', 'custom:Notes'], ['Notes', 'custom:Notes'], ['Person Linkedin Url', 'custom:LinkedIn'],
  ])('maps %j to %s', (header, expected) => {
    expect(targets([header])[0]).toBe(expected);
  });

  it('does not take a CRM user ("Lead Owner", "Contact owner") for the lead\'s contact', () => {
    expect(targets(['Lead Owner', 'Contact owner', 'Record ID'])).toEqual(['custom:Lead Owner', 'custom:Contact owner', 'custom:Record ID']);
  });

  it('turns unknown headers into custom fields keyed by the trimmed original header', () => {
    const mapping = mapCsvHeader(['Company', ' Annual Revenue ', 'Email']);
    expect(mapping.columns[1]).toEqual({ index: 1, header: 'Annual Revenue', target: { kind: 'custom', key: 'Annual Revenue' }, origin: 'header' });
    expect(mapping.missing).toEqual([]);
  });

  it('keeps a column with an empty header under its position, so its data is not lost', () => {
    expect(mapCsvHeader(['Company', '  ', 'Phone']).columns[1]?.target).toEqual({ kind: 'custom', key: 'column_2' });
  });

  it('gives repeated custom headers distinct keys so values are not overwritten', () => {
    const mapping = mapCsvHeader(['Company', 'Email', 'Revenue', 'Revenue']);
    expect(rowToLeadInput(mapping, ['A', 'a@a.in', '1', '2']).input.customFields).toEqual({ Revenue: '1', 'Revenue (column 4)': '2' });
  });

  it('reports a file with no name at all and no way to reach a lead', () => {
    expect(mapCsvHeader(['Notes', 'City']).missing).toEqual([
      'no column for the business name (expected a header such as "Business Name" or "Company")',
      'no column for email or phone',
    ]);
    expect(mapCsvHeader(['Company', 'Mobile']).missing).toEqual([]);
    expect(mapCsvHeader(['Email']).missing).toHaveLength(1);
    expect(mapCsvHeader(['First Name', 'Email']).missing).toEqual([]); // a person's name stands in for the business
  });

  it('lets the caller\'s choices win, by header or by position, and says which choices name no column', () => {
    const header = ['Firma', 'Kontakt', 'Telefon'];
    const mapping = mapCsvHeader(header, [
      { column: 'firma', target: { kind: 'field', field: 'businessName' } },
      { index: 2, target: { kind: 'field', field: 'phone' } },
      { column: 'Kontakt', target: { kind: 'ignore' } },
    ]);
    expect(mapping.columns.map((c) => [target(c.target), c.origin])).toEqual([['businessName', 'caller'], ['ignore', 'caller'], ['phone', 'caller']]);
    expect(rowToLeadInput(mapping, ['Müller GmbH', 'Hans', '030 1234567']).input).toEqual({ businessName: 'Müller GmbH', phone: '030 1234567' });
    expect(unknownChoices(header, [{ column: 'Fax', target: { kind: 'ignore' } }, { index: 3, target: { kind: 'ignore' } }])).toEqual([
      { field: 'mapping[0].column', message: '"Fax" is not a header of the file' }, { field: 'mapping[1].index', message: '3 is not a column of the file (it has 3)' },
    ]);
  });
});

describe('rowToLeadInput', () => {
  const header = ['Company', 'First Name', 'Last Name', 'Email', 'Phone', 'Tags', 'Revenue', '', 'City'];

  it('maps cells to fields, custom columns to customFields, and leaves empty cells unset', () => {
    const row = input(header, ['Acme', 'Ravi', 'Kumar', 'RAVI@ACME.IN', '', 'vip; hot|retail,x', ' 5 Cr ', 'lost?', '  ']);
    expect(row).toEqual({
      businessName: 'Acme', contactName: 'Ravi Kumar', email: 'RAVI@ACME.IN', tags: ['vip', 'hot', 'retail', 'x'], customFields: { Revenue: '5 Cr', column_8: 'lost?' },
    });
    expect('phone' in row).toBe(false);
    expect('city' in row).toBe(false);
  });

  it('uses whichever name part is present, and lets a contact name column win', () => {
    expect(input(header, ['Acme', '', 'Kumar']).contactName).toBe('Kumar');
    expect(input(header, ['Acme', 'Ravi']).contactName).toBe('Ravi');
    expect(input(['Company', 'First Name', 'Contact Name', 'Last Name'], ['Acme', 'Ravi', 'R. K. Sharma', 'Kumar']).contactName).toBe('R. K. Sharma');
  });

  it('lets the contact name stand in for an empty business name, and says so', () => {
    const row = rowToLeadInput(mapCsvHeader(header), ['', 'Ravi', 'Kumar', 'ravi@gmail.com']);
    expect(row.input).toMatchObject({ businessName: 'Ravi Kumar', contactName: 'Ravi Kumar' });
    expect(row.businessFromContact).toBe(true);
    expect(rowToLeadInput(mapCsvHeader(header), ['', '', '', 'x@y.in']).input.businessName).toBeUndefined();
  });

  it('accepts rows shorter than the header, and keeps cells beyond it as column_<n>', () => {
    expect(input(header, ['Acme'])).toEqual({ businessName: 'Acme' });
    const row = ['Acme', '', '', 'a@b.in', '', '', '', '', '', 'extra one', '', 'extra three'];
    expect(input(header, row).customFields).toEqual({ column_10: 'extra one', column_12: 'extra three' });
  });

  it('treats placeholders as empty, in any column (N/A, -None-, nil, -, Apollo\'s email_not_unlocked@domain.com)', () => {
    const row = input(['Company', 'Email', 'Phone', 'City', 'Industry', 'Revenue'], ['Acme', 'email_not_unlocked@domain.com', 'nil', 'N/A', '-None-', '-']);
    expect(row).toEqual({ businessName: 'Acme' });
    for (const blank of ['n/a', 'NA', 'none', 'null', '--', '?', 'not available', '[not provided]']) {
      expect(input(['Company', 'City'], ['Acme', blank])).toEqual({ businessName: 'Acme' });
    }
  });

  it('takes the first non-empty phone column in a sensible order and keeps the others as custom fields', () => {
    const outlook = ['Company', 'Home Phone', 'Business Phone', 'Mobile Phone', 'E-mail Address'];
    const row = rowToLeadInput(mapCsvHeader(outlook), ['Acme', '0141 2222222', '0141 2701234', '', 'a@acme.in']);
    expect(row.input.phone).toBe('0141 2701234');
    expect(row.input.customFields).toEqual({ 'Home Phone': '0141 2222222' });
    expect(row.otherPhones).toEqual(['0141 2222222']);
    expect(input(outlook, ['Acme', '', '', '98290 11111', 'a@acme.in']).phone).toBe('98290 11111');
  });

  it('reads two numbers, an extension and labels out of one phone cell', () => {
    const row = rowToLeadInput(mapCsvHeader(['Company', 'Phone']), ['Acme', "'98290 11111 (WhatsApp) / 0141 2701234"]);
    expect(row.input).toEqual({ businessName: 'Acme', phone: '98290 11111', customFields: { 'Other phones': '0141 2701234' } });
    expect(row.phoneCell).toEqual({ key: 'Phone', raw: "'98290 11111 (WhatsApp) / 0141 2701234" });
    expect(input(['Company', 'Phone'], ['Acme', '+1 (415) 555-0100 ext. 204'])).toEqual({ businessName: 'Acme', phone: '+1 (415) 555-0100', customFields: { 'Phone extension': '204' } });
  });

  it('takes the first address of an email cell and keeps the others', () => {
    expect(input(['Company', 'Person - Email'], ['Acme', 'a@acme.in, b@acme.in'])).toEqual({ businessName: 'Acme', email: 'a@acme.in', customFields: { 'Other emails': 'b@acme.in' } });
    expect(input(['Company', 'E-mail 1 - Value'], ['Acme', 'a@acme.in ::: b@acme.in']).email).toBe('a@acme.in');
    expect(input(['Company', 'Email'], ['Acme', 'Ravi Kumar <ravi@acme.in>']).email).toBe('ravi@acme.in');
  });

  it('files address, notes and job titles of every export under one custom name', () => {
    const row = input(['Company', 'Email', 'Business Street', 'Home Street', 'Job Title', 'Description'], ['Acme', 'a@acme.in', 'MI Road 5', 'Home 1', 'CEO', 'met at expo']);
    expect(row.customFields).toEqual({ Address: 'MI Road 5', 'Home Street': 'Home 1', 'Job title': 'CEO', Notes: 'met at expo' });
  });

  it('splits Google\'s ::: labels and drops its system label', () => {
    expect(input(['Company', 'Labels'], ['Acme', '* myContacts ::: Clients ::: VIP']).tags).toEqual(['Clients', 'VIP']);
  });

  it('stores a "__proto__" header as data, not as the prototype', () => {
    const row = input(['Company', '__proto__'], ['Acme', 'x']);
    expect(Object.keys(row.customFields ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(row.customFields)).toBe(Object.prototype);
  });

  it('produces input that normalizeLead accepts', () => {
    const row = input(header, ['Acme', 'Ravi', 'Kumar', 'RAVI@ACME.IN', '098765 43210', 'vip;VIP', '5 Cr', '', 'Pune']);
    expect(normalizeLead(row, { defaultCountry: 'IN' })).toEqual({
      ok: true,
      value: expect.objectContaining({ email: 'ravi@acme.in', phone: '+919876543210', tags: ['vip'], customFields: { Revenue: '5 Cr' } }),
    });
  });
});
