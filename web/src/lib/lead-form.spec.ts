import { describe, expect, it } from 'vitest';
import { leadInputFrom, parseTags, type LeadFormValues } from './lead-form.ts';

const empty: LeadFormValues = { businessName: '', contactName: '', email: '', phone: '', city: '', country: '', industry: '', source: '', website: '', companySize: '', tags: '', assigneeId: '' };

describe('lead form input', () => {
  it('creating sends only what was filled in', () => {
    expect(leadInputFrom({ ...empty, businessName: ' Royal Spice ', email: 'a@b.in', tags: 'hot, hot, vip' }, null)).toEqual({ businessName: 'Royal Spice', email: 'a@b.in', tags: ['hot', 'vip'] });
  });

  it('editing sends changes only, and null for a cleared field', () => {
    const original = { businessName: 'Royal Spice', city: 'Delhi', email: 'a@b.in', tags: ['hot'], assigneeId: 'u1' };
    const input = leadInputFrom({ ...empty, businessName: 'Royal Spice', city: '', email: 'a@b.in', tags: 'hot', assigneeId: '' }, original);
    expect(input).toEqual({ city: null, assigneeId: null });
  });

  it('splits tags on commas, trimmed and unique', () => {
    expect(parseTags(' a, b ,, a ')).toEqual(['a', 'b']);
  });
});
