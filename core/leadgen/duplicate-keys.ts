// What makes two found businesses the same one: the source's own id for the place, the website
// (as a site), the phone (E.164), the email, or the name in the same city. A business taken by a
// run claims each of its keys; a key is claimed once per tenant, so the database decides which of
// two runs finding the same business at once takes it.
import { DuplicateBy } from './lead-search.types.ts';
import { siteKey } from './site-address.ts';

const MAX_KEY = 600;
/** ASCII punctuation, symbols and spaces: what lead_name_key (the database's twin of this) collapses. */
const SEPARATORS = /[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/g;

/** A name as compared: ASCII letters lower-cased, punctuation and spaces collapsed ("Smile Dental-Care!" → "smile dental care"). */
export function nameKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const key = text.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(SEPARATORS, ' ').replace(/^ +| +$/g, '');
  return key || null;
}

export interface KeyedBusiness {
  source: string;
  externalId: string;
  name: string;
  city: string | null;
  website: string | null;
  /** E.164. */
  phone: string | null;
  email: string | null;
}

export interface ClaimKey {
  key: string;
  by: DuplicateBy;
}

/** Every key of a business, the place's own first. */
export function claimKeys(business: KeyedBusiness): ClaimKey[] {
  const keys: ClaimKey[] = [{ key: `place:${business.source}:${business.externalId}`, by: DuplicateBy.SAME_PLACE }];
  const site = siteKey(business.website);
  if (site) keys.push({ key: `site:${site}`, by: DuplicateBy.WEBSITE });
  if (business.phone) keys.push({ key: `phone:${business.phone}`, by: DuplicateBy.PHONE });
  if (business.email) keys.push({ key: `email:${business.email.toLowerCase()}`, by: DuplicateBy.EMAIL });
  const name = nameKey(business.name);
  const city = nameKey(business.city);
  if (name && city) keys.push({ key: `name:${name}|${city}`, by: DuplicateBy.NAME_AND_PLACE });
  return keys.map((k) => ({ ...k, key: k.key.slice(0, MAX_KEY) }));
}

/** How a duplicate is explained to a user. */
export function duplicateWords(by: DuplicateBy, value: string): string {
  switch (by) {
    case DuplicateBy.SAME_PLACE:
      return `the same listing (${value})`;
    case DuplicateBy.WEBSITE:
      return `the same website (${value})`;
    case DuplicateBy.PHONE:
      return `the same phone number (${value})`;
    case DuplicateBy.EMAIL:
      return `the same email (${value})`;
    case DuplicateBy.NAME_AND_PLACE:
      return `the same name in the same city (${value})`;
  }
}
