// Whether a found business becomes a lead, and why, in words: it must be reachable (an email that
// works, or a phone) and fit the tenant's ideal customer at least as well as the search asks.
import type { NormalizedLead } from '../leads/lead-input.ts';
import { describeFit, idealCustomerFit, type IdealCustomer } from './fit.ts';
import type { FoundBusiness } from './found-business.ts';
import { foundLead } from './found-lead.ts';

export interface ScreenContext {
  searchName: string;
  defaultCountry: string;
  ideal: IdealCustomer;
  minFit: number;
}

export interface Screened {
  /** The business as the lead would be: fields the lead rules refused dropped. */
  business: FoundBusiness;
  lead: NormalizedLead | null;
  accepted: boolean;
  reasons: string[];
  fit: number | null;
  fitSentence: string | null;
  /** Fields left out, in words. */
  notes: string[];
}

/** `emailFrom`: where the business's email came from ("its listing", "its website"), for the reasons. */
export function screen(business: FoundBusiness, context: ScreenContext, emailFrom: string | null): Screened {
  const { lead, notes } = foundLead(business, context.searchName, context.defaultCountry);
  if (!lead || (!lead.email && !lead.phone)) {
    return { business, lead: null, accepted: false, reasons: ['No way to reach it: no email was found (on its listing or its website) and it has no phone number.'], fit: null, fitSentence: null, notes };
  }
  const asLead: FoundBusiness = { ...business, email: lead.email, phone: lead.phone, website: lead.website, city: lead.city, country: lead.country };
  const fit = idealCustomerFit(asLead, context.ideal);
  const fitSentence = describeFit(fit, business.name);
  const reach = lead.email
    ? `Reachable by email (${lead.email}${emailFrom ? `, from ${emailFrom}` : ''}).`
    : `Reachable by phone only (${lead.phone}): no email was found, so the autopilot cannot write to it yet.`;
  if (fit.score < context.minFit) {
    return { business: asLead, lead, accepted: false, reasons: [`Fits ${fit.score}/100, below this search's minimum of ${context.minFit}.`, fitSentence], fit: fit.score, fitSentence, notes };
  }
  return { business: asLead, lead, accepted: true, reasons: [reach, fitSentence], fit: fit.score, fitSentence, notes };
}
