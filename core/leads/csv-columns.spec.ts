import { describe, expect, it } from 'vitest';
import { mapCsvHeader, rowToLeadInput } from './csv-columns.ts';
import type { LeadField } from './csv-columns.ts';
import { normalizeLead } from './lead-input.ts';

const fields = (header: string[]): Array<LeadField | null> => mapCsvHeader(header).columns.map((c) => c.field);

describe('mapCsvHeader', () => {
  it('matches headers ignoring case, spaces, underscores, dashes and dots', () => {
    expect(fields(['Business_Name', 'E-Mail', 'Phone No.', 'contact-person', 'WEB SITE', 'Company.Size', '\uFEFFCity'])).toEqual([
      'businessName', 'email', 'phone', 'contactName', 'website', 'companySize', 'city',
    ]);
  });

  it.each<[string, LeadField]>([
    ['Company', 'businessName'], ['Organisation', 'businessName'], ['Account Name', 'businessName'], ['Name of Business', 'businessName'],
    ['Name', 'contactName'], ['Decision Maker', 'contactName'], ['First Name', 'firstName'], ['Given Name', 'firstName'],
    ['Surname', 'lastName'], ['Family Name', 'lastName'], ['Email Address', 'email'], ['Mail', 'email'],
    ['Mobile', 'phone'], ['WhatsApp', 'phone'], ['Tel', 'phone'], ['Contact Number', 'phone'], ['Cell', 'phone'],
    ['URL', 'website'], ['Domain', 'website'], ['Homepage', 'website'], ['Category', 'industry'], ['Business Type', 'industry'],
    ['Niche', 'industry'], ['Town', 'city'], ['Location', 'city'], ['Country Code', 'country'], ['Nation', 'country'],
    ['Lead Source', 'source'], ['Channel', 'source'], ['Employees', 'companySize'], ['Headcount', 'companySize'],
    ['Team Size', 'companySize'], ['Labels', 'tags'], ['Tag', 'tags'],
  ])('maps %j to %s', (header, field) => {
    expect(mapCsvHeader([header]).columns[0]?.field).toBe(field);
  });

  it('turns unknown headers into custom fields keyed by the trimmed original header', () => {
    const mapping = mapCsvHeader(['Company', ' Annual Revenue ', 'Email']);
    expect(mapping.columns[1]).toEqual({ index: 1, header: 'Annual Revenue', field: null, customKey: 'Annual Revenue' });
    expect(mapping.missing).toEqual([]);
    expect(mapping.duplicates).toEqual([]);
  });

  it('keeps a column with an empty header under its position, so its data is not lost', () => {
    expect(mapCsvHeader(['Company', '  ', 'Phone']).columns[1]).toEqual({ index: 1, header: '', field: null, customKey: 'column_2' });
  });

  it('keeps the first of two columns for the same field and reports the second as a custom field', () => {
    const mapping = mapCsvHeader(['Business Name', 'Email', 'Phone', 'City', 'Company']);
    expect(mapping.columns[0]?.field).toBe('businessName');
    expect(mapping.columns[4]).toEqual({ index: 4, header: 'Company', field: null, customKey: 'Company' });
    expect(mapping.duplicates).toEqual(['column 5 "Company" maps to businessName, already taken by column 1 "Business Name"']);
  });

  it('gives repeated custom headers distinct keys so values are not overwritten', () => {
    const mapping = mapCsvHeader(['Company', 'Email', 'Notes', 'Notes']);
    expect(mapping.columns.map((c) => c.customKey)).toEqual([null, null, 'Notes', 'Notes (column 4)']);
  });

  it('reports missing business name and contact columns', () => {
    expect(mapCsvHeader(['Notes', 'City']).missing).toEqual([
      'no column for the business name (expected a header such as "Business Name" or "Company")',
      'no column for email or phone',
    ]);
    expect(mapCsvHeader(['Company', 'Mobile']).missing).toEqual([]);
    expect(mapCsvHeader(['Email']).missing).toHaveLength(1);
  });
});

describe('rowToLeadInput', () => {
  const mapping = mapCsvHeader(['Company', 'First Name', 'Last Name', 'Email', 'Phone', 'Tags', 'Revenue', '', 'City']);

  it('maps cells to fields, custom columns to customFields, and leaves empty cells unset', () => {
    const input = rowToLeadInput(mapping, ['Acme', 'Ravi', 'Kumar', 'RAVI@ACME.IN', '', 'vip; hot|retail,x', ' 5 Cr ', 'lost?', '  ']);
    expect(input).toEqual({
      businessName: 'Acme', contactName: 'Ravi Kumar', email: 'RAVI@ACME.IN', tags: ['vip', ' hot', 'retail', 'x'], customFields: { Revenue: '5 Cr', column_8: 'lost?' },
    });
    expect('phone' in input).toBe(false);
    expect('city' in input).toBe(false);
  });

  it('uses whichever name part is present, and lets a contact name column win', () => {
    expect(rowToLeadInput(mapping, ['Acme', '', 'Kumar']).contactName).toBe('Kumar');
    expect(rowToLeadInput(mapping, ['Acme', 'Ravi']).contactName).toBe('Ravi');
    const withContact = mapCsvHeader(['Company', 'First Name', 'Contact Name', 'Last Name']);
    expect(rowToLeadInput(withContact, ['Acme', 'Ravi', 'R. K. Sharma', 'Kumar']).contactName).toBe('R. K. Sharma');
  });

  it('accepts rows shorter than the header', () => {
    expect(rowToLeadInput(mapping, ['Acme'])).toEqual({ businessName: 'Acme' });
  });

  it('keeps cells beyond the header as column_<n>', () => {
    const row = ['Acme', '', '', 'a@b.in', '', '', '', '', '', 'extra one', '', 'extra three'];
    expect(rowToLeadInput(mapping, row).customFields).toEqual({ column_10: 'extra one', column_12: 'extra three' });
  });

  it('stores duplicate-field columns as custom fields', () => {
    const dup = mapCsvHeader(['Business Name', 'Email', 'Company']);
    expect(rowToLeadInput(dup, ['Acme Pvt Ltd', 'a@b.in', 'Acme'])).toEqual({
      businessName: 'Acme Pvt Ltd', email: 'a@b.in', customFields: { Company: 'Acme' },
    });
  });

  it('stores a "__proto__" header as data, not as the prototype', () => {
    const input = rowToLeadInput(mapCsvHeader(['Company', '__proto__']), ['Acme', 'x']);
    expect(Object.keys(input.customFields ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(input.customFields)).toBe(Object.prototype);
  });

  it('produces input that normalizeLead accepts', () => {
    const input = rowToLeadInput(mapping, ['Acme', 'Ravi', 'Kumar', 'RAVI@ACME.IN', '098765 43210', 'vip;VIP', '5 Cr', '', 'Pune']);
    const result = normalizeLead(input, { defaultCountry: 'IN' });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ email: 'ravi@acme.in', phone: '+919876543210', tags: ['vip'], customFields: { Revenue: '5 Cr' } }),
    });
  });
});
