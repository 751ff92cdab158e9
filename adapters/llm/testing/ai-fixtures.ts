import type { LeadProfile, SenderIdentity, ServiceOffering } from '../../../core/ai/ai.types.ts';

/** Test data for the AI adapters, shaped like the demo seed. */
export function leadProfile(overrides: Partial<LeadProfile> = {}): LeadProfile {
  return {
    businessName: 'Smile Dental',
    contactName: 'Dr. Anil Sharma',
    email: 'anil@smiledental.in',
    phone: '+91 98290 11223',
    website: null,
    industry: 'Dental',
    city: 'Jaipur',
    country: 'IN',
    source: 'Website',
    companySize: null,
    tags: [],
    ...overrides,
  };
}

export function senderIdentity(overrides: Partial<SenderIdentity> = {}): SenderIdentity {
  return { name: 'Asha Verma', company: 'Growth Co', email: 'asha@growth.co', pitch: 'websites and Google reviews for local businesses', ...overrides };
}

export const serviceCatalog: ServiceOffering[] = [
  { id: 'svc-web', name: 'Clinic Website', description: 'A fast website for your clinic with online appointment booking', priceMin: 2_500_000n, priceMax: 4_000_000n, currency: 'INR' },
  { id: 'svc-reviews', name: 'Google Reviews Booster', description: 'Every patient is asked for a Google review by SMS', priceMin: 800_000n, priceMax: 800_000n, currency: 'INR' },
  { id: 'svc-gym', name: 'Membership Funnel', description: 'Trial sign-ups and member renewals for gyms and fitness studios', priceMin: 1_500_000n, priceMax: 2_000_000n, currency: 'INR' },
  { id: 'svc-seo', name: 'Local SEO', description: 'Rank on Google Maps for searches in your city', priceMin: 1_200_000n, priceMax: 1_800_000n, currency: 'INR' },
];
