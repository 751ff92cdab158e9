import { describe, expect, it } from 'vitest';
import { claimKeys, nameKey } from './duplicate-keys.ts';
import type { FoundBusiness } from './found-business.ts';
import { contactFields, foundLead } from './found-lead.ts';
import { readNewSearch, readSearchUpdate } from './lead-search-input.ts';
import type { LeadSearch } from './lead-search.types.ts';
import { screen } from './screening.ts';

const business = (over: Partial<FoundBusiness> = {}): FoundBusiness => ({
  source: 'osm', externalId: 'node/101', name: 'Smile Dental Care', category: 'dentist', address: '12 MI Road', city: 'Jaipur', country: 'IN',
  lat: 26.91, lon: 75.79, phone: '0141 236 5500', website: 'https://www.smiledental.in/', email: null, openingHours: 'Mo-Sa 10:00-19:00', rating: null, ratingCount: null, ...over,
});
const context = { searchName: 'Dentists in Jaipur', defaultCountry: 'IN', ideal: { industries: ['dentist'], places: [], mustHave: [], minRating: null }, minFit: 50 };

describe('a found business as a lead', () => {
  it('becomes the lead a person would type: E.164 phone, category as industry and tag, the search as source, the address kept', () => {
    const { lead, notes } = foundLead(business({ email: 'Info@SmileDental.in' }), 'Dentists in Jaipur', 'IN');
    expect(notes).toEqual([]);
    expect(lead).toMatchObject({
      businessName: 'Smile Dental Care', email: 'info@smiledental.in', phone: '+911412365500', website: 'https://www.smiledental.in', industry: 'Dental clinic',
      tags: ['Dental clinic'], source: 'search: Dentists in Jaipur', city: 'Jaipur', country: 'IN',
      customFields: { Address: '12 MI Road', 'Opening hours': 'Mo-Sa 10:00-19:00', 'Found on': 'OpenStreetMap (node/101)' },
    });
  });

  it('drops a field the lead rules refuse, with a note, and keeps the business', () => {
    const { lead, notes } = foundLead(business({ phone: 'call after 5', email: 'owner@smiledental.in' }), 'x', 'IN');
    expect(lead?.phone).toBeNull();
    expect(lead?.email).toBe('owner@smiledental.in');
    expect(notes).toEqual([expect.stringMatching(/^The phone "call after 5" was left out: it is not a valid phone number for country IN\.$/)]);
  });
});

describe('contact fields for duplicate checks', () => {
  it('are read one by one, also for a business with no email or phone, a bad field left out', () => {
    expect(contactFields(business({ phone: null, website: 'WWW.JaipurSmiles.in/home' }), 'IN')).toEqual({ email: null, phone: null, website: 'https://www.jaipursmiles.in/home', city: 'Jaipur' });
    expect(contactFields(business({ phone: 'call after 5', email: 'Info@X.in' }), 'IN')).toMatchObject({ email: 'info@x.in', phone: null });
  });
});

describe('screening', () => {
  it('takes a reachable business that fits, and says why', () => {
    const screened = screen(business({ email: 'info@smiledental.in' }), context, 'its website');
    expect(screened.accepted).toBe(true);
    expect(screened.fit).toBe(100);
    expect(screened.reasons[0]).toBe('Reachable by email (info@smiledental.in, from its website).');
  });

  it('rejects a business with no way to reach it, and one below the fit threshold, with the reason', () => {
    expect(screen(business({ phone: null, email: null }), context, null)).toMatchObject({ accepted: false, reasons: [expect.stringMatching(/^No way to reach it/)] });
    const gym = screen(business({ category: 'gym' }), context, null);
    expect(gym.accepted).toBe(false);
    expect(gym.reasons[0]).toBe('Fits 22/100, below this search\'s minimum of 50.');
  });
});

describe('duplicate keys', () => {
  it('names a business by its listing, site, phone, email, and name in its city; names compare without case or punctuation', () => {
    expect(nameKey('Smile Dental-Care!  ')).toBe('smile dental care');
    expect(nameKey('  --  ')).toBeNull();
    expect(claimKeys({ source: 'osm', externalId: 'node/101', name: 'Smile Dental-Care', city: 'Jaipur', website: 'https://www.SmileDental.in/contact', phone: '+911412365500', email: 'Info@smiledental.in' }).map((k) => [k.by, k.key])).toEqual([
      ['same_place', 'place:osm:node/101'],
      ['website', 'site:smiledental.in'],
      ['phone', 'phone:+911412365500'],
      ['email', 'email:info@smiledental.in'],
      ['name_and_place', 'name:smile dental care|jaipur'],
    ]);
  });
});

describe('a search as callers write it', () => {
  it('fills defaults and a name, and reads the category from the words people use', () => {
    const read = readNewSearch({ category: 'Dentists', area: { placeName: ' Jaipur ', country: 'in' } });
    expect(read).toEqual({
      ok: true,
      value: { name: 'Dental clinic in Jaipur', category: 'dentist', area: { kind: 'place', name: 'Jaipur', country: 'IN' }, source: 'osm', maxNewPerRun: 20, maxNewPerDay: 100, schedule: 'once', timeZone: 'UTC', minFit: 0, idealCustomer: null, enabled: true },
    });
  });

  it('names every problem by its field', () => {
    const read = readNewSearch({ category: 'spaceships', area: { placeName: 'Jaipur', latitude: 1 }, maxNewLeadsPerRun: 0, timeZone: 'Mars/Olympus', idealCustomer: { industries: ['gym', 'unicorns'], minRating: 7 } });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors.map((e) => e.field)).toEqual(['category', 'area', 'maxNewLeadsPerRun', 'timeZone', 'idealCustomer.minRating', 'idealCustomer.industries.1']);
    const circle = readNewSearch({ category: 'gym', area: { latitude: 12.97, longitude: 77.59, radiusMeters: 50 } });
    expect(!circle.ok && circle.errors).toEqual([{ field: 'area.radiusMeters', message: 'must be a whole number from 100 to 50000' }]);
  });

  it('updates keep what is not given, and null goes back to the tenant\'s ideal customer', () => {
    const created = readNewSearch({ category: 'gym', area: { latitude: 12.97, longitude: 77.59, radiusMeters: 2500 }, idealCustomer: { mustHave: ['WEBSITE'] } });
    if (!created.ok) throw new Error('not created');
    expect(created.value.name).toBe('Gym within 2.5 km of 12.9700, 77.5900');
    const search = { ...created.value, id: 'x', tenantId: 't', createdBy: { type: 'system', id: null, name: 'x' }, createdAt: new Date(), updatedAt: new Date() } as LeadSearch;
    const updated = readSearchUpdate(search, { schedule: 'daily', idealCustomer: null });
    expect(updated.ok && [updated.value.schedule, updated.value.idealCustomer, updated.value.area.kind]).toEqual(['daily', null, 'circle']);
  });
});
