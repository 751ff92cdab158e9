import { describe, expect, it } from 'vitest';
import { LeadBatch } from './lead-import.ts';
import { normalizeLead, type NormalizedLead } from './lead-input.ts';

const lead = (fields: Record<string, unknown>): NormalizedLead => {
  const result = normalizeLead({ businessName: 'Acme', email: 'a@acme.in', ...fields }, { defaultCountry: 'IN' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const decoded = (batch: LeadBatch): NormalizedLead[] => JSON.parse(new TextDecoder().decode(batch.json)) as NormalizedLead[];

describe('LeadBatch', () => {
  it('holds leads as one UTF-8 JSON array, with their row numbers', () => {
    const batch = new LeadBatch(10, 1024);
    const leads = [lead({ contactName: 'Zoë "Z" Ñúñez', tags: ['vip'] }), lead({ email: 'b@acme.in', customFields: { note: 'line\nbreak 😀' } })];
    batch.add(2, leads[0] as NormalizedLead);
    batch.add(5, leads[1] as NormalizedLead);
    expect(batch.count).toBe(2);
    expect(decoded(batch)).toEqual(leads);
    expect([batch.rowAt(0), batch.rowAt(1)]).toEqual([2, 5]);
  });

  it('is full at its lead count or its size, grows for a wide row, and is reused after clear()', () => {
    const byCount = new LeadBatch(2, 1024 * 1024);
    byCount.add(2, lead({}));
    expect(byCount.full).toBe(false);
    byCount.add(3, lead({}));
    expect(byCount.full).toBe(true);

    const bySize = new LeadBatch(100, 100);
    const wide = Array.from({ length: 10 }, (_, i) => lead({ email: `w${i}@acme.in`, customFields: { notes: 'é'.repeat(7000) } }));
    bySize.add(7, wide[0] as NormalizedLead);
    expect(bySize.full).toBe(true);
    for (const [i, w] of wide.slice(1).entries()) bySize.add(8 + i, w); // past the buffer's slack: it grows
    expect(decoded(bySize)).toEqual(wide);
    expect(bySize.rowAt(9)).toBe(16);

    bySize.clear();
    expect(bySize.count).toBe(0);
    expect(decoded(bySize)).toEqual([]);
    bySize.add(9, lead({ email: 'c@acme.in' }));
    expect(decoded(bySize).map((l) => l.email)).toEqual(['c@acme.in']);
    expect(bySize.rowAt(0)).toBe(9);
  });
});
