// One page of found businesses, examined before anything is written: which are already known
// (skipped without reading their sites), how the others can be reached (the listing's email if it
// works, else the business's own site, read politely), and whether each fits. Network work only;
// the decisions are written by page-taking.ts in one transaction.
import type { NormalizedLead } from '../leads/lead-input.ts';
import type { ClaimKey } from './duplicate-keys.ts';
import { findDuplicates, keysOf, type Candidate, type Duplicate } from './duplicates.ts';
import { usableEmail } from './email-choice.ts';
import type { Enricher, MailDomainCheck } from './enrichment.ts';
import type { FoundBusiness } from './found-business.ts';
import { contactFields } from './found-lead.ts';
import type { LeadSearchStore } from './lead-search.ports.ts';
import type { EnrichmentRecord } from './lead-search.types.ts';
import { screen, type ScreenContext } from './screening.ts';

export interface Examined {
  business: FoundBusiness;
  lead: NormalizedLead | null;
  verdict: 'accepted' | 'rejected' | 'duplicate';
  duplicate: Duplicate | null;
  reasons: string[];
  fit: number | null;
  fitSentence: string | null;
  enrichment: EnrichmentRecord;
  keys: ClaimKey[];
}

export interface Reach {
  enricher: Enricher;
  mailCheck: MailDomainCheck;
}

/** Sites read at once: the enricher is polite per site; this bounds a page's own pace. */
const PARALLEL = 3;

/** The candidate a business is for duplicate checks: its fields as the lead would have them (E.164 phone, lower-case email). */
export function candidateOf(business: FoundBusiness, index: number, defaultCountry: string): Candidate {
  const fields = contactFields(business, defaultCountry);
  return { index, source: business.source, externalId: business.externalId, name: business.name, ...fields };
}

/**
 * Examines businesses in order, reading sites a few at a time, until `wanted` are accepted (the
 * rest of the page is left for another run). Returns what was examined, in order.
 */
export async function examinePage(businesses: readonly FoundBusiness[], known: Map<number, Duplicate>, context: ScreenContext, reach: Reach, wanted: number): Promise<Examined[]> {
  const examined: Examined[] = [];
  let accepted = 0;
  const domains = new Map<string, Promise<{ ok: true } | { ok: false; reason: string }>>();
  for (let start = 0; start < businesses.length && accepted < wanted; start += PARALLEL) {
    const batch = businesses.slice(start, start + PARALLEL).map((business, offset) => ({ business, index: start + offset }));
    const results = await Promise.all(batch.map(({ business, index }) => examineOne(business, known.get(index) ?? null, context, reach, domains)));
    for (const result of results) {
      if (accepted >= wanted) break;
      examined.push(result);
      if (result.verdict === 'accepted') accepted += 1;
    }
  }
  return examined;
}

/** The duplicates among a page's businesses, before any site is read. */
export function knownAmong(store: LeadSearchStore, businesses: readonly FoundBusiness[], defaultCountry: string): Promise<Map<number, Duplicate>> {
  return findDuplicates(store, businesses.map((business, index) => candidateOf(business, index, defaultCountry)));
}

async function examineOne(business: FoundBusiness, duplicate: Duplicate | null, context: ScreenContext, reach: Reach, domains: Map<string, Promise<{ ok: true } | { ok: false; reason: string }>>): Promise<Examined> {
  const enrichment: EnrichmentRecord = { emails: [], phones: [], pagesRead: [], notes: [] };
  const keys = keysOf(candidateOf(business, 0, context.defaultCountry));
  if (duplicate) return { business, lead: null, verdict: 'duplicate', duplicate, reasons: [duplicate.reason], fit: null, fitSentence: null, enrichment, keys };
  let found: FoundBusiness = business;
  let emailFrom: string | null = null;
  if (found.email) {
    const email = found.email;
    const usable = usableEmail(email);
    const domain = email.split('@')[1] ?? '';
    const checked = usable.ok ? await cached(domains, domain, () => reach.mailCheck.check(domain)) : usable;
    if (checked.ok) emailFrom = 'its listing';
    else {
      enrichment.notes.push(`The listing's email ${email} was not used: ${checked.reason}.`);
      found = { ...found, email: null };
    }
  }
  if (!found.email && found.website) {
    try {
      const result = await reach.enricher.enrich(found, { ownerName: null });
      Object.assign(enrichment, { emails: result.emails, phones: result.phones, pagesRead: result.pagesRead, notes: [...enrichment.notes, ...result.notes] });
      if (result.email) {
        found = { ...found, email: result.email };
        emailFrom = 'its website';
      }
      if (!found.phone && result.phones[0]) found = { ...found, phone: result.phones[0] };
    } catch (error) {
      enrichment.notes.push(`Its website could not be read: ${error instanceof Error ? error.message : String(error)}.`);
    }
  }
  const screened = screen(found, context, emailFrom);
  return {
    business: screened.business,
    lead: screened.lead,
    verdict: screened.accepted ? 'accepted' : 'rejected',
    duplicate: null,
    reasons: [...screened.reasons, ...screened.notes],
    fit: screened.fit,
    fitSentence: screened.fitSentence,
    enrichment,
    keys: keysOf(candidateOf(screened.business, 0, context.defaultCountry)),
  };
}

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let hit = map.get(key);
  if (!hit) map.set(key, (hit = load()));
  return hit;
}
