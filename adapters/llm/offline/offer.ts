import type { IndustryProfile } from './industry.ts';

/**
 * What the SENDER sells, read from its pitch and its catalog (never from the recipient). The
 * recipient is the buyer: outreach says what the sender's offer does for the recipient's business,
 * and only a sender that sells growth (marketing, websites, reviews) promises the recipient more of
 * its own customers. Everything here is generic: no tenant's words but the tenant's own.
 */
export interface OfferProfile {
  key: 'growth' | 'team_health' | 'fitness' | 'food' | 'software' | 'general';
  /** One sentence: what the offer means for the recipient (a buyer of this kind). */
  value: (buyer: BuyerFacts) => string;
  /** A subject line about the recipient: "Looking after the Kapoor Bakery team". */
  subject: (buyer: BuyerFacts) => string;
  /** Three realistic outcomes for the recipient, or null: the proposal lists what it delivers instead. */
  results: ((buyer: BuyerFacts) => string[]) | null;
}

/** What is known of the recipient business. */
export interface BuyerFacts {
  business: string;
  kind: IndustryProfile;
  city: string | null;
}

const inCity = (city: string | null) => (city ? ` in ${city}` : '');

const growth: OfferProfile = {
  key: 'growth',
  value: ({ kind, city }) => `For a ${kind.noun} like yours, that usually means more ${kind.customers}${inCity(city)} finding you online and choosing you over the alternatives.`,
  subject: ({ business, kind, city }) => `More ${kind.customers} for ${business}${inCity(city)}`,
  results: ({ kind, city }) => kind.expectedResults(city),
};

const teamHealth: OfferProfile = {
  key: 'team_health',
  value: ({ kind }) => `For a ${kind.noun} with a team to look after, that means care that comes to your people, fewer days lost to health problems, and a staff benefit they will actually use.`,
  subject: ({ business }) => `Looking after the ${business} team`,
  results: () => [
    'Health problems caught early, with a clear report for each person who takes part',
    'Fewer days lost to illness and appointments during working hours',
    'A staff benefit people value, which helps you keep and attract good people',
  ],
};

const fitness: OfferProfile = {
  key: 'fitness',
  value: ({ kind }) => `For a ${kind.noun} like yours, that means a fitter, more energetic team and a staff perk people use every week, with nothing for you to organise.`,
  subject: ({ business }) => `A fitter team at ${business}`,
  results: () => [
    'A fitter, more energetic team, with sessions that fit around work',
    'A staff perk people use every week, which helps you keep good people',
    'A simple monthly view of how many of your people take part',
  ],
};

const food: OfferProfile = {
  key: 'food',
  value: ({ kind }) => `For a ${kind.noun} like yours, that means fresh food for your team, your guests or your events, delivered on time and without the hassle of arranging it.`,
  subject: ({ business }) => `Fresh food for the ${business} team`,
  results: () => [
    'Fresh food for your team, guests and events, delivered on time',
    'One dependable supplier for regular orders and one-off occasions',
    'No time spent by your team arranging food',
  ],
};

const software: OfferProfile = {
  key: 'software',
  value: ({ kind }) => `For a ${kind.noun} like yours, that means less manual work for your team and fewer things falling through the cracks.`,
  subject: ({ business }) => `Less manual work at ${business}`,
  results: () => [
    'Less time spent by your team on repetitive manual work',
    'Fewer errors and missed follow-ups',
    'A clear view of what is happening, without chasing people for updates',
  ],
};

const general: OfferProfile = {
  key: 'general',
  value: ({ business }) => `I would like to show you what that could look like for ${business}, and you can judge whether it fits.`,
  subject: ({ business }) => `An idea for ${business}`,
  results: null,
};

/** Checked in order on the sender's own words; the first that matches wins (growth words outrank the rest). */
const families: Array<[RegExp, OfferProfile]> = [
  [/\b(marketing|seo|websites?|web design|google|reviews?|ads|advertising|social media|leads|lead generation|branding|digital|instagram|funnels?|online bookings?|visibility)\b/, growth],
  [/\b(dental|dentists?|teeth|check-?ups?|health|medical|clinics?|doctors?|eye|vision|physio|wellness|diagnostics?|screenings?|care plans?)\b/, teamHealth],
  [/\b(gyms?|fitness|yoga|workouts?|trainers?|pilates|zumba|sports?)\b/, fitness],
  [/\b(bakery|bakes|cakes?|pastr(y|ies)|snacks?|catering|meals?|lunch(es)?|tiffins?|food|coffee|tea|sweets|mithai|breakfast)\b/, food],
  [/\b(software|apps?|automation|crm|erp|cloud|it support|payroll|saas|integrations?)\b/, software],
];

/** The sender's offer, from its own words: the pitch, its catalog's service names, its company name. */
export function offerProfile(sender: { pitch: string; company: string }, offers: readonly string[] = []): OfferProfile {
  const own = [sender.pitch, ...offers].join(' ').toLowerCase();
  const text = own.trim() ? own : sender.company.toLowerCase();
  return families.find(([pattern]) => pattern.test(text))?.[1] ?? general;
}
