import { describe, expect, it } from 'vitest';
import type { FoundBusiness } from './found-business.ts';
import { describeFit, idealCustomerFit, type IdealCustomer } from './fit.ts';

const business = (over: Partial<FoundBusiness> = {}): FoundBusiness => ({
  source: 'osm', externalId: 'node/1', name: 'Smile Dental', category: 'dentist', address: 'MI Road', city: 'Jaipur', country: 'IN',
  lat: 26.9, lon: 75.8, phone: '+911412365500', website: 'https://smiledental.in', email: null, openingHours: 'Mo-Sa 10:00-19:00', rating: 4.6, ratingCount: 212, ...over,
});
const ideal: IdealCustomer = { industries: ['dentist', 'clinic'], places: ['Jaipur', 'Udaipur'], mustHave: ['WEBSITE'], minRating: 4 };

describe('ideal customer fit', () => {
  it('is full marks when everything the tenant asked for is there, and says why in words', () => {
    const fit = idealCustomerFit(business(), ideal);
    expect(fit.score).toBe(100);
    expect(describeFit(fit, 'Smile Dental')).toBe('Smile Dental fits 100/100: it is in an industry you sell to (dentist); it is in Jaipur; it has a website; it is rated 4.6 (212 reviews), at or above your minimum of 4.0; it can be reached.');
  });

  it('caps the fit low when a must-have is missing or the rating is below the minimum', () => {
    expect(idealCustomerFit(business({ website: null }), ideal)).toEqual({ score: 30, reasons: expect.arrayContaining(['has no website, which you require']) });
    expect(idealCustomerFit(business({ rating: 3.1 }), ideal).score).toBe(30);
  });

  it('gives partial credit for an unknown rating and none for the wrong city or industry', () => {
    const unknown = idealCustomerFit(business({ rating: null, ratingCount: null }), ideal);
    expect(unknown.score).toBe(90);
    expect(unknown.reasons).toContain('has no rating to compare with your minimum');
    expect(idealCustomerFit(business({ city: 'Delhi', category: 'gym' }), ideal).score).toBe(45);
  });

  it('asks nothing when the tenant described nothing but reachability', () => {
    const open: IdealCustomer = { industries: [], places: [], mustHave: [], minRating: null };
    expect(idealCustomerFit(business(), open).score).toBe(100);
    expect(idealCustomerFit(business({ phone: null, website: null, email: null }), open).score).toBe(0);
  });
});
