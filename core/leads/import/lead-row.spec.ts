import { describe, expect, it } from 'vitest';
import { mapCsvHeader } from '../csv-columns.ts';
import { readLeadRow } from './lead-row.ts';

const mapping = mapCsvHeader(['Company', 'Contact', 'Email', 'Phone', 'Mobile', 'Website', 'Country']);
const read = (cells: string[], strayQuote = false) => readLeadRow(mapping, cells, { defaultCountry: 'IN', strayQuote });

describe('readLeadRow', () => {
  it('skips blank rows and report footers', () => {
    expect(read(['', ' ', ''])).toEqual({ kind: 'skip' });
    expect(read(['Grand Totals (25 records)'])).toEqual({ kind: 'skip' });
    expect(read(['Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.'])).toEqual({ kind: 'skip' });
    expect(read(['Totally Legit Co', '', 'a@legit.in']).kind).toBe('lead');
  });

  it('keeps a lead whose phone cannot be read when its email can, with the text as a custom field and a warning', () => {
    const outcome = read(['Acme', '', 'a@acme.in', 'call after 5']);
    expect(outcome).toMatchObject({ kind: 'lead', lead: { phone: null, customFields: { Phone: 'call after 5' } } });
    expect(outcome.kind === 'lead' && outcome.warnings).toEqual([{ field: 'phone', message: '"call after 5" is not a valid phone number for country IN: kept in the custom field "Phone" instead' }]);
  });

  it('tries the other phone columns before giving up on a phone', () => {
    const outcome = read(['Acme', '', '', '12', '98290 11111']);
    expect(outcome).toMatchObject({ kind: 'lead', lead: { phone: '+919829011111', customFields: { Mobile: '98290 11111' } } });
  });

  it('keeps a lead whose email cannot be read when its phone can, and sets aside a bad website', () => {
    expect(read(['Acme', '', 'not-an-email', '98290 11111', '', 'www.acme dot com'])).toMatchObject({
      kind: 'lead', lead: { email: null, website: null, phone: '+919829011111', customFields: { Email: 'not-an-email', Website: 'www.acme dot com' } },
    });
  });

  it('refuses a row with no name or no way to reach it', () => {
    expect(read(['', '', 'a@acme.in'])).toMatchObject({ kind: 'invalid', errors: [{ field: 'businessName' }] });
    expect(read(['Acme', '', 'not-an-email', 'call me'])).toMatchObject({ kind: 'invalid' });
    expect(read(['Acme', 'Ravi'])).toMatchObject({ kind: 'invalid', errors: [{ field: 'email' }] });
  });

  it('lets the contact name stand in for the business name, and says a stray quote was read as text', () => {
    const outcome = read(['', 'Ravi Kumar', 'ravi@gmail.com'], true);
    expect(outcome).toMatchObject({ kind: 'lead', lead: { businessName: 'Ravi Kumar' } });
    expect(outcome.kind === 'lead' && outcome.warnings.map((w) => w.field)).toEqual(['row', 'businessName']);
  });

  it('refuses a row the reader could not read whole, even one whose kept cells would make a lead (the rest would be lost)', () => {
    const wide = readLeadRow(mapping, ['Acme', '', 'a@acme.in'], { defaultCountry: 'IN', overLimit: { kind: 'columns', columns: 800, limit: 500 } });
    expect(wide).toEqual({ kind: 'invalid', errors: [{ field: 'row', message: 'has 800 columns up to its last filled cell; at most 500 are read' }] });
    const long = readLeadRow(mapping, [], { defaultCountry: 'IN', overLimit: { kind: 'length', limit: 1024 * 1024 } });
    expect(long).toEqual({ kind: 'invalid', errors: [{ field: 'row', message: 'is longer than 1 MB; at most 1 MB of a row is read' }] });
  });
});
