import { describe, expect, it } from 'vitest';
import type { FieldError } from '../errors.ts';
import { LEAD_LIMITS, normalizeLead, normalizeLeadPatch } from './lead-input.ts';
import type { LeadInput, NormalizedLead, Validated } from './lead-input.ts';

const IN = { defaultCountry: 'IN' };
const base: LeadInput = { businessName: 'Acme Traders', email: 'info@acme.in' };

function ok<T>(result: Validated<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
}
function errs<T>(result: Validated<T>): FieldError[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors;
}
const lead = (input: LeadInput, options = IN): NormalizedLead => ok(normalizeLead({ ...base, ...input }, options));
const leadErrors = (input: LeadInput, options = IN): FieldError[] => errs(normalizeLead({ ...base, ...input }, options));

describe('normalizeLead: text fields', () => {
  it('trims, collapses whitespace runs in names, and maps empty strings to null', () => {
    const value = lead({ businessName: '  Acme \u00a0  Traders  ', contactName: ' Ravi   Kumar ', city: '   ', industry: '' });
    expect(value.businessName).toBe('Acme Traders');
    expect(value.contactName).toBe('Ravi Kumar');
    expect(value.city).toBeNull();
    expect(value.industry).toBeNull();
  });

  it('returns every field with defaults for absent ones', () => {
    expect(lead({})).toEqual({
      businessName: 'Acme Traders', contactName: null, email: 'info@acme.in', phone: null, website: null,
      industry: null, city: null, country: null, source: null, companySize: null, tags: [], customFields: {}, assigneeId: null,
    });
  });

  it.each([undefined, null, '   '])('requires a business name (%j)', (businessName) => {
    expect(leadErrors({ businessName })).toEqual([{ field: 'businessName', message: 'is required' }]);
  });

  it('accepts 200 characters and rejects 201 with the actual length', () => {
    expect(lead({ businessName: 'a'.repeat(200) }).businessName).toHaveLength(200);
    expect(leadErrors({ businessName: 'a'.repeat(201) })).toEqual([
      { field: 'businessName', message: 'must be at most 200 characters (got 201)' },
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(lead({ businessName: '😀'.repeat(200) }).businessName).toBe('😀'.repeat(200));
  });

  it('enforces the other length limits', () => {
    const errors = leadErrors({
      contactName: 'c'.repeat(201), industry: 'i'.repeat(101), city: 'x'.repeat(101), source: 's'.repeat(101), companySize: 'z'.repeat(51),
    });
    expect(errors).toEqual([
      { field: 'contactName', message: 'must be at most 200 characters (got 201)' },
      { field: 'industry', message: 'must be at most 100 characters (got 101)' },
      { field: 'city', message: 'must be at most 100 characters (got 101)' },
      { field: 'source', message: 'must be at most 100 characters (got 101)' },
      { field: 'companySize', message: 'must be at most 50 characters (got 51)' },
    ]);
    expect(LEAD_LIMITS.website).toBe(500);
  });

  it('folds line breaks and tabs into spaces but rejects other control characters', () => {
    const errors = leadErrors({ businessName: 'Acme\nTraders', city: 'Pune\u0000', industry: 'Retail\u0007Shops' });
    expect(errors.map((e) => e.field)).toEqual(['industry', 'city']);
    expect(errors[0]?.message).toMatch(/control characters/);
    const ok = normalizeLead({ businessName: 'Acme\r\nTraders', contactName: 'Ravi\tKumar', email: 'a@b.in' }, { defaultCountry: 'IN' });
    expect(ok.ok && ok.value.businessName).toBe('Acme Traders');
    expect(ok.ok && ok.value.contactName).toBe('Ravi Kumar');
  });

  it('rejects non-string values from untyped callers', () => {
    expect(leadErrors({ city: 42 as unknown as string })).toEqual([{ field: 'city', message: 'must be text' }]);
  });
});

describe('normalizeLead: email', () => {
  it('lower-cases and trims', () => {
    expect(lead({ email: '  Ravi.Kumar+Leads@Acme.CO.IN ' }).email).toBe('ravi.kumar+leads@acme.co.in');
  });

  it.each(['ravi', 'ravi@acme', 'ravi@acme.c', 'ra vi@acme.in', 'ravi@@acme.in', '@acme.in', 'ravi@acme.in.', 'ravi..k@acme.in', 'ravi@-acme.in'])(
    'rejects %j', (email) => {
      expect(leadErrors({ email })).toEqual([{ field: 'email', message: 'is not a valid email address' }]);
    });

  it('rejects emails longer than 254 characters', () => {
    const email = `${'a'.repeat(60)}@${'b'.repeat(200)}.com`;
    expect(leadErrors({ email })).toEqual([{ field: 'email', message: `must be at most 254 characters (got ${email.length})` }]);
  });

  it('requires email or phone', () => {
    expect(leadErrors({ email: null, phone: ' ' })).toEqual([
      { field: 'email', message: 'or phone is required: a lead needs a way to be contacted' },
    ]);
    expect(lead({ email: null, phone: '+14155552671' }).phone).toBe('+14155552671');
  });

  it('does not claim contact is missing when an invalid email was given', () => {
    expect(leadErrors({ email: 'nope' })).toEqual([{ field: 'email', message: 'is not a valid email address' }]);
  });
});

describe('normalizeLead: phone', () => {
  it('reads local Indian numbers in the default country', () => {
    expect(lead({ phone: '098765 43210' }).phone).toBe('+919876543210');
    expect(lead({ phone: '98765-43210' }).phone).toBe('+919876543210');
  });

  it('keeps international numbers in E.164 with any separators', () => {
    expect(lead({ phone: '+1 (415) 555-2671' }).phone).toBe('+14155552671');
    expect(lead({ phone: '+91.98765.43210' }).phone).toBe('+919876543210');
    expect(lead({ phone: '0044 20 7946 0958' }, { defaultCountry: 'US' }).phone).toBe('+442079460958');
  });

  it("prefers the lead's country over the default", () => {
    expect(lead({ phone: '(415) 555-2671', country: 'US' }).phone).toBe('+14155552671');
    expect(lead({ phone: '020 7946 0958', country: 'United Kingdom' }).phone).toBe('+442079460958');
  });

  it('rejects invalid numbers naming the country used', () => {
    expect(leadErrors({ phone: '12345' })).toEqual([{ field: 'phone', message: 'is not a valid phone number for country IN' }]);
    expect(leadErrors({ phone: '(200) 555-2671', country: 'us' })).toEqual([
      { field: 'phone', message: 'is not a valid phone number for country US' },
    ]);
    expect(leadErrors({ phone: '+1 200 555 2671' })).toEqual([{ field: 'phone', message: 'is not a valid international phone number' }]);
  });

  it('rejects letters instead of silently dropping them', () => {
    expect(leadErrors({ phone: '98765 43210 ext 5' })[0]?.field).toBe('phone');
    expect(leadErrors({ phone: 'call me' })[0]?.field).toBe('phone');
  });

  it('needs a country code when no usable country is known', () => {
    expect(leadErrors({ phone: '9876543210' }, { defaultCountry: 'ZZ' })).toEqual([
      { field: 'phone', message: 'is not a valid phone number (add the country code, e.g. +1)' },
    ]);
  });
});

describe('normalizeLead: country', () => {
  it.each([['in', 'IN'], ['IN', 'IN'], [' us ', 'US'], ['India', 'IN'], ['united states', 'US'], ['USA', 'US'], ['U.K.', 'GB'],
    ['UK', 'GB'], ['UAE', 'AE'], ['United Arab Emirates', 'AE'], ['the Netherlands', 'NL'], ["Cote d'Ivoire", 'CI'],
    ['Bosnia and Herzegovina', 'BA'], ['Saint Lucia', 'LC'], ['Burma', 'MM'], ['Turkey', 'TR']])('maps %j to %s', (country, code) => {
    expect(lead({ country }).country).toBe(code);
  });

  it('rejects unknown countries', () => {
    expect(leadErrors({ country: 'Narnia' })).toEqual([
      { field: 'country', message: 'is not a known country (use a 2-letter code such as IN or US)' },
    ]);
    expect(leadErrors({ country: 'ZZ' })[0]?.field).toBe('country');
  });
});

describe('normalizeLead: website', () => {
  it.each([['acme.in', 'https://acme.in'], ['http://Acme.IN/', 'http://acme.in'], ['https://acme.in/about/', 'https://acme.in/about/'],
    ['www.acme.in/shop?x=1', 'https://www.acme.in/shop?x=1'], ['https://acme.in/?ref=1', 'https://acme.in/?ref=1']])(
    'normalises %j to %j', (website, expected) => {
      expect(lead({ website }).website).toBe(expected);
    });

  it.each(['ftp://acme.in', 'localhost', 'https://acme', 'acme .in', 'javascript:alert(1)', 'https://user:pw@acme.in'])(
    'rejects %j', (website) => {
      expect(leadErrors({ website }).map((e) => e.field)).toEqual(['website']);
    });

  it('rejects addresses over 500 characters', () => {
    expect(leadErrors({ website: `acme.in/${'p'.repeat(500)}` })).toEqual([
      { field: 'website', message: 'must be at most 500 characters (got 508)' },
    ]);
  });
});

describe('normalizeLead: tags', () => {
  it('trims, drops empties and de-duplicates case-insensitively keeping the first spelling', () => {
    expect(lead({ tags: [' VIP ', 'vip', '', '  ', 'Hot  Lead', 'hot lead', 'Retail'] }).tags).toEqual(['VIP', 'Hot Lead', 'Retail']);
  });

  it('names the control character a tag holds, and quotes the tag without it (PostgreSQL cannot store the message of a NUL)', () => {
    expect(leadErrors({ tags: ['ok', 'vip\u0000x'] })).toEqual([{ field: 'tags', message: 'tag "vip␀x" must not contain control characters (it has U+0000)' }]);
    expect(leadErrors({ tags: ['bell\u0007', 'c1\u0085'] })).toEqual([{ field: 'tags', message: 'tag "bell␇" must not contain control characters (it has U+0007)' }]);
    expect(leadErrors({ tags: ['c1\u0085'] })[0]?.message).toBe('tag "c1\ufffd" must not contain control characters (it has U+0085)');
    expect(leadErrors({ customFields: { [`k\u0000${'x'.repeat(100)}`]: 'v' } })[0]?.message).toMatch(/^key "k␀x{18}…" must be at most 100 characters/);
  });

  it('limits tag length and count', () => {
    expect(leadErrors({ tags: ['ok', 't'.repeat(51)] })).toEqual([
      { field: 'tags', message: `tag "${'t'.repeat(20)}…" must be at most 50 characters (got 51)` },
    ]);
    expect(lead({ tags: Array.from({ length: 50 }, (_, i) => `t${i}`) }).tags).toHaveLength(50);
    expect(leadErrors({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).toEqual([
      { field: 'tags', message: 'must have at most 50 tags (got 51)' },
    ]);
    // Duplicates do not count towards the limit.
    expect(lead({ tags: [...Array.from({ length: 50 }, (_, i) => `t${i}`), 'T0'] }).tags).toHaveLength(50);
  });
});

describe('normalizeLead: customFields', () => {
  it('accepts JSON values and returns a copy', () => {
    const customFields = { budget: 5000, notes: 'call after 5', paid: false, extra: null, list: [1, 'a', { b: [true] }] };
    const value = lead({ customFields });
    expect(value.customFields).toEqual(customFields);
    expect(value.customFields).not.toBe(customFields);
  });

  it('rejects arrays and non-JSON values', () => {
    expect(leadErrors({ customFields: [1, 2] as unknown as Record<string, unknown> })[0]?.message).toBe('must be an object of key/value pairs');
    const errors = leadErrors({ customFields: { when: new Date(0), n: Number.NaN, f: () => 1, u: undefined } });
    expect(errors.map((e) => e.message)).toEqual([
      'value of "when" must be JSON: text, a number, true/false, null, or lists/objects of these',
      'value of "n" must be JSON: text, a number, true/false, null, or lists/objects of these',
      'value of "f" must be JSON: text, a number, true/false, null, or lists/objects of these',
      'value of "u" must be JSON: text, a number, true/false, null, or lists/objects of these',
    ]);
  });

  it('rejects NUL characters in keys and values at any depth, and keeps text that merely spells one', () => {
    const nul = 'must not contain NUL characters (U+0000)';
    expect(leadErrors({ customFields: { note: 'a\u0000b' } }).map((e) => e.message)).toEqual([nul]);
    expect(leadErrors({ customFields: { deep: [{ list: ['ok', 'x\u0000'] }] } }).map((e) => e.message)).toEqual([nul]);
    expect(leadErrors({ customFields: { 'k\u0000': 1 } }).map((e) => e.message)).toEqual([nul]);
    expect(lead({ customFields: { note: 'the escape \\u0000 as text' } }).customFields).toEqual({ note: 'the escape \\u0000 as text' });
  });

  it('rejects cyclic objects instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(leadErrors({ customFields: cyclic })[0]?.field).toBe('customFields');
  });

  it('limits key count, key length and serialised size', () => {
    const fiftyOne = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    expect(leadErrors({ customFields: fiftyOne })).toEqual([{ field: 'customFields', message: 'must have at most 50 keys (got 51)' }]);
    expect(lead({ customFields: Object.fromEntries(Object.entries(fiftyOne).slice(0, 50)) }).customFields).toHaveProperty('k49', 49);
    expect(leadErrors({ customFields: { ['k'.repeat(101)]: 1 } })[0]?.message).toMatch(/at most 100 characters \(got 101\)/);
    expect(leadErrors({ customFields: { '  ': 1 } })[0]?.message).toBe('keys must not be empty');
    expect(lead({ customFields: { a: 'x'.repeat(16_000) } }).customFields.a).toHaveLength(16_000);
    expect(leadErrors({ customFields: { a: 'x'.repeat(16_400) } })).toEqual([
      { field: 'customFields', message: 'must be at most 16384 bytes as JSON (got 16408)' },
    ]);
    // Bytes, not characters: ₹ is 3 bytes and 😀 is 4 in UTF-8 (plus 8 bytes of {"a":""}).
    expect(leadErrors({ customFields: { a: '₹'.repeat(6000) } })[0]?.message).toMatch(/got 18008\)/);
    expect(leadErrors({ customFields: { a: '😀'.repeat(4100) } })[0]?.message).toMatch(/got 16408\)/);
    expect(lead({ customFields: { a: 'é'.repeat(8000) } }).customFields.a).toHaveLength(8000);
  });
});

describe('normalizeLead: assigneeId', () => {
  it('accepts any UUID version, lower-cased, and rejects anything else', () => {
    expect(lead({ assigneeId: ' 0190F3C2-7A1B-7C3D-8E4F-123456789ABC ' }).assigneeId).toBe('0190f3c2-7a1b-7c3d-8e4f-123456789abc');
    expect(lead({ assigneeId: 'c9bf9e57-1685-4c89-bafb-ff5af830be8a' }).assigneeId).toBe('c9bf9e57-1685-4c89-bafb-ff5af830be8a');
    expect(leadErrors({ assigneeId: 'user-42' })).toEqual([{ field: 'assigneeId', message: 'is not a valid user id (expected a UUID)' }]);
  });
});

describe('normalizeLead: error reporting', () => {
  it('reports every field error at once', () => {
    const result = normalizeLead({
      businessName: 'b'.repeat(250), email: 'not-an-email', phone: '123', country: 'Atlantis', website: 'ftp://x.y', tags: ['x'.repeat(60)],
      assigneeId: 'nope',
    }, IN);
    expect(errs(result).map((e) => e.field)).toEqual(['businessName', 'email', 'phone', 'website', 'country', 'tags', 'assigneeId']);
    expect(errs(result)[0]).toEqual({ field: 'businessName', message: 'must be at most 200 characters (got 250)' });
  });

  it('reports missing business name and contact together', () => {
    expect(errs(normalizeLead({}, IN))).toEqual([
      { field: 'businessName', message: 'is required' },
      { field: 'email', message: 'or phone is required: a lead needs a way to be contacted' },
    ]);
  });
});

describe('normalizeLeadPatch', () => {
  const opts = { defaultCountry: 'IN', currentCountry: null };

  it('returns only the keys present; undefined leaves a field untouched', () => {
    expect(ok(normalizeLeadPatch({ city: ' Pune ', email: undefined }, opts))).toEqual({ city: 'Pune' });
    expect(ok(normalizeLeadPatch({}, opts))).toEqual({});
  });

  it('clears fields with null or empty strings', () => {
    expect(ok(normalizeLeadPatch({ city: null, website: '', tags: null, customFields: null, assigneeId: null }, opts))).toEqual({
      city: null, website: null, tags: [], customFields: {}, assigneeId: null,
    });
  });

  it('does not allow clearing the business name', () => {
    for (const businessName of [null, '  ']) {
      expect(errs(normalizeLeadPatch({ businessName }, opts))).toEqual([
        { field: 'businessName', message: 'cannot be cleared: a lead needs a business name' },
      ]);
    }
    expect(ok(normalizeLeadPatch({ businessName: ' New  Name ' }, opts))).toEqual({ businessName: 'New Name' });
  });

  it('rejects clearing both email and phone in one patch, but allows clearing one', () => {
    expect(errs(normalizeLeadPatch({ email: null, phone: null }, opts))).toEqual([
      { field: 'email', message: 'or phone is required: a lead needs a way to be contacted' },
    ]);
    expect(ok(normalizeLeadPatch({ email: null }, opts))).toEqual({ email: null });
    expect(ok(normalizeLeadPatch({ email: null, phone: '9876543210' }, opts))).toEqual({ email: null, phone: '+919876543210' });
  });

  it('reads local phone numbers in the patched country, else the current one, else the default', () => {
    expect(ok(normalizeLeadPatch({ phone: '(415) 555-2671' }, { defaultCountry: 'IN', currentCountry: 'US' })).phone).toBe('+14155552671');
    expect(ok(normalizeLeadPatch({ phone: '(415) 555-2671', country: 'usa' }, opts))).toEqual({ phone: '+14155552671', country: 'US' });
    expect(ok(normalizeLeadPatch({ phone: '09876543210', country: null }, { defaultCountry: 'IN', currentCountry: 'US' })).phone).toBe('+919876543210');
  });

  it('validates present fields with the same rules and reports all errors', () => {
    expect(errs(normalizeLeadPatch({ email: 'x@y', country: 'Mordor', city: 'c'.repeat(101) }, opts)).map((e) => e.field)).toEqual([
      'email', 'city', 'country',
    ]);
  });
});

describe('country names in their own language', () => {
  it.each<[string, string]>([
    ['Deutschland', 'DE'], ['Österreich', 'AT'], ['España', 'ES'], ['भारत', 'IN'], ['Bharat', 'IN'], ['UAE', 'AE'],
    ['United States of America', 'US'], ['USA', 'US'], ['U.S.', 'US'], ['UK', 'GB'], ['England', 'GB'], ['india', 'IN'],
    ['Indien', 'IN'], ['Allemagne', 'DE'], ['The Netherlands', 'NL'], ['Brasil', 'BR'], ['中国', 'CN'], ['in', 'IN'],
  ])('reads %j as %s', (name, code) => {
    const result = normalizeLead({ businessName: 'Acme', email: 'a@acme.in', country: name }, { defaultCountry: 'IN' });
    expect(result.ok && result.value.country).toBe(code);
  });

  it('reads a local phone number in the country the row names, before the tenant\'s default', () => {
    const result = normalizeLead({ businessName: 'Acme', phone: '030 1234567', country: 'Deutschland' }, { defaultCountry: 'IN' });
    expect(result.ok && result.value.phone).toBe('+49301234567');
  });
});
