// A found business as the lead it would become: the same checks as a lead typed by hand, where
// what the source had wrong (a phone written "call after 5", a website "under construction")
// costs that field, with a note, and not the business.
import type { FieldError } from '../errors.ts';
import { normalizeLead, normalizeLeadPatch, type LeadInput, type NormalizedLead } from '../leads/lead-input.ts';
import { findCategory } from './categories.ts';
import type { FoundBusiness } from './found-business.ts';

const DROPPABLE = ['phone', 'website', 'email', 'city', 'country'] as const;
const SOURCE_NAMES: Record<string, string> = { osm: 'OpenStreetMap', google_places: 'Google Maps' };

/** What a lead's `source` says: which search found it. */
export function leadSourceOf(searchName: string): string {
  return `search: ${searchName}`.slice(0, 100);
}

export function leadInputOf(business: FoundBusiness, searchName: string): LeadInput {
  const label = (business.category && findCategory(business.category)?.label) || null;
  const custom: Record<string, unknown> = {};
  if (business.address) custom.Address = business.address;
  if (business.openingHours) custom['Opening hours'] = business.openingHours;
  if (business.rating !== null) custom['Google rating'] = `${business.rating.toFixed(1)}${business.ratingCount !== null ? ` (${business.ratingCount} reviews)` : ''}`;
  custom['Found on'] = `${SOURCE_NAMES[business.source] ?? business.source} (${business.externalId})`;
  return {
    businessName: business.name,
    email: business.email,
    phone: business.phone,
    website: business.website,
    industry: label,
    city: business.city,
    country: business.country,
    source: leadSourceOf(searchName),
    tags: label ? [label] : [],
    customFields: custom,
  };
}

/**
 * The lead a business would be, with each field the lead rules refuse dropped and said in `notes`;
 * null (with the reasons) when what is left is no lead at all.
 */
export function foundLead(business: FoundBusiness, searchName: string, defaultCountry: string): { lead: NormalizedLead | null; notes: string[] } {
  let input = leadInputOf(business, searchName);
  const notes: string[] = [];
  for (let attempt = 0; attempt <= DROPPABLE.length; attempt += 1) {
    const result = normalizeLead(input, { defaultCountry });
    if (result.ok) return { lead: result.value, notes };
    const droppable = result.errors.filter((e): e is FieldError & { field: (typeof DROPPABLE)[number] } => (DROPPABLE as readonly string[]).includes(e.field) && input[e.field as keyof LeadInput] != null);
    // No email and no phone is said by the screening, in its own words; other refusals are said here.
    if (!droppable.length) return { lead: null, notes: [...notes, ...result.errors.filter((e) => !/or phone is required/.test(e.message)).map((e) => `The ${e.field} ${e.message}.`)] };
    for (const error of droppable) {
      notes.push(`The ${error.field} "${String(input[error.field]).slice(0, 80)}" was left out: it ${error.message}.`);
      input = { ...input, [error.field]: null };
    }
  }
  return { lead: null, notes };
}

/**
 * A business's contact fields as a lead would store them (E.164 phone, lower-case email, the
 * website as written back), each on its own: what duplicates are compared by, even for a business
 * that is no lead yet (no email or phone). A field the lead rules refuse is null.
 */
export function contactFields(business: FoundBusiness, defaultCountry: string): Pick<NormalizedLead, 'email' | 'phone' | 'website' | 'city'> {
  // A patch: absent fields are left out (undefined), so no field is required.
  let input: LeadInput = { email: business.email ?? undefined, phone: business.phone ?? undefined, website: business.website ?? undefined, city: business.city ?? undefined, country: business.country ?? undefined };
  for (let attempt = 0; attempt <= DROPPABLE.length; attempt += 1) {
    const result = normalizeLeadPatch(input, { defaultCountry, currentCountry: null });
    if (result.ok) return { email: result.value.email ?? null, phone: result.value.phone ?? null, website: result.value.website ?? null, city: result.value.city ?? null };
    for (const error of result.errors) input = { ...input, [error.field]: undefined };
  }
  return { email: null, phone: null, website: null, city: null };
}
