import { describe, expect, it } from 'vitest';
import { normalizeLead, type NormalizedLead } from '../lead-input.ts';
import { FileDuplicates, MAX_REMEMBERED } from './file-duplicates.ts';

const lead = (fields: Record<string, unknown>): NormalizedLead => {
  const result = normalizeLead({ businessName: 'Acme', ...fields }, { defaultCountry: 'IN' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

describe('FileDuplicates', () => {
  it('finds a repeated email, and for leads without email a repeated phone or business name and city; the first row keeps its key', () => {
    const seen = new FileDuplicates();
    expect(seen.check(2, lead({ email: 'a@acme.in', phone: '98290 11111', city: 'Jaipur' }))).toBeNull();
    expect(seen.check(3, lead({ email: 'A@acme.in' }))).toEqual({ field: 'email', row: 2, value: 'a@acme.in' });
    expect(seen.check(4, lead({ phone: '+91 98290 11111' }))).toEqual({ field: 'phone', row: 2, value: '+919829011111' });
    expect(seen.check(5, lead({ businessName: 'ACME', phone: '98290 22222', city: 'jaipur' }))).toEqual({ field: 'businessName', row: 2, value: 'ACME, jaipur' });
    // A lead with its own email is not a duplicate of another with the same phone.
    expect(seen.check(6, lead({ email: 'b@acme.in', phone: '98290 11111' }))).toBeNull();
    expect(seen.check(7, lead({ businessName: 'Other', phone: '98290 33333', customFields: { Address: '5 MI Road' } }))).toBeNull();
    expect(seen.check(8, lead({ businessName: 'other', phone: '98290 44444', customFields: { Address: '5 mi road' } }))?.row).toBe(7);
  });

  it('past what it remembers for the whole file, still knows the batch being read and the one before it', () => {
    const seen = new FileDuplicates();
    for (let i = 0; i < MAX_REMEMBERED; i++) seen.check(i + 2, lead({ email: `filler${i}@acme.in` }));
    seen.nextBatch();
    expect(seen.check(1_000_000, lead({ email: 'late@acme.in' }))).toBeNull();
    seen.nextBatch(); // the batch holding row 1,000,000 is being written
    expect(seen.check(1_002_000, lead({ email: 'late@acme.in' }))?.row).toBe(1_000_000);
    seen.nextBatch();
    seen.nextBatch(); // written and committed: the database finds it from here on
    expect(seen.check(1_006_000, lead({ email: 'late@acme.in' }))).toBeNull();
    expect(seen.check(1_006_001, lead({ email: 'filler7@acme.in' }))?.row).toBe(9);
  });
});
