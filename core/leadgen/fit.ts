// How well a found business fits the customer a tenant wants, from the tenant's own description,
// as a 0-100 figure and the sentences that explain it. A must-have that is missing caps the fit
// low whatever else is right, because the tenant said it must be there.
import type { FoundBusiness } from './found-business.ts';

export type MustHave = 'WEBSITE' | 'EMAIL' | 'PHONE' | 'OPENING_HOURS';

export interface IdealCustomer {
  /** Category ids; empty: any. */
  industries: string[];
  /** City names; empty: anywhere. */
  places: string[];
  mustHave: MustHave[];
  /** Least Google rating (0-5); null: not asked. */
  minRating: number | null;
}

export interface Fit {
  score: number;
  reasons: string[];
}

const MISSING_CAP = 30;
const MUST_HAVE_WORDS: Record<MustHave, [string, (b: FoundBusiness) => boolean]> = {
  WEBSITE: ['website', (b) => !!b.website],
  EMAIL: ['email address', (b) => !!b.email],
  PHONE: ['phone number', (b) => !!b.phone],
  OPENING_HOURS: ['opening hours', (b) => !!b.openingHours],
};
const withArticle = (words: string) => (words === 'opening hours' ? words : `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`);

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export function idealCustomerFit(business: FoundBusiness, ideal: IdealCustomer): Fit {
  const reasons: string[] = [];
  let earned = 0;
  let possible = 0;
  let capped = false;
  const weigh = (weight: number, met: number, reason: string) => {
    possible += weight;
    earned += weight * met;
    reasons.push(reason);
  };

  if (ideal.industries.length) {
    const match = business.category !== null && ideal.industries.includes(business.category);
    weigh(35, match ? 1 : 0, match ? `is in an industry you sell to (${business.category})` : `is not in an industry you sell to (${business.category ?? 'unknown'})`);
  }
  if (ideal.places.length) {
    const match = business.city !== null && ideal.places.some((place) => same(place, business.city as string));
    weigh(20, match ? 1 : 0, match ? `is in ${business.city}` : `is outside your places (${business.city ?? 'city unknown'})`);
  }
  for (const need of ideal.mustHave) {
    const [words, has] = MUST_HAVE_WORDS[need];
    const met = has(business);
    if (!met) capped = true;
    weigh(15, met ? 1 : 0, met ? `has ${withArticle(words)}` : `has no ${words}, which you require`);
  }
  if (ideal.minRating !== null) {
    if (business.rating === null) weigh(20, 0.5, 'has no rating to compare with your minimum');
    else {
      const met = business.rating >= ideal.minRating;
      if (!met) capped = true;
      weigh(20, met ? 1 : 0, `is rated ${business.rating.toFixed(1)}${business.ratingCount !== null ? ` (${business.ratingCount} reviews)` : ''}, ${met ? 'at or above' : 'below'} your minimum of ${ideal.minRating.toFixed(1)}`);
    }
  }
  // Reachability always counts a little: a business with no way to contact it is worth less to the funnel.
  const reachable = !!(business.email || business.phone || business.website);
  weigh(10, reachable ? 1 : 0, reachable ? 'can be reached' : 'has no email, phone or website yet');

  const raw = Math.round((earned / possible) * 100);
  return { score: capped ? Math.min(raw, MISSING_CAP) : raw, reasons };
}

/** The reasons as one sentence for the lead page: "Fits 85/100: is in Jaipur, has a website, ...". */
export function describeFit(fit: Fit, name: string): string {
  return `${name} fits ${fit.score}/100: it ${fit.reasons.join('; it ')}.`;
}
