import type { FoundBusiness } from './found-business.ts';

/** What enrichment learnt about a found business, and how, in words a user can read on the lead page. */
export interface Enrichment {
  /** The address to write to (best first of `emails`), null when none is usable. */
  email: string | null;
  /** Every usable address found, best first. */
  emails: string[];
  /** Phones found on the site (as written, digits and +), the source's own first. */
  phones: string[];
  /** The pages read. */
  pagesRead: string[];
  /** Why something was not used: "robots.txt asks us not to read /contact", "gmail.con has no mail server". */
  notes: string[];
}

/** Port: finds a way to reach a business (its site's contact pages, checked by DNS). Never throws for the site's faults. */
export interface Enricher {
  enrich(business: FoundBusiness, context: { ownerName: string | null }): Promise<Enrichment>;
}

/** Port: whether mail to a domain can be delivered at all (MX, or an A/AAAA record as RFC 5321's fallback). */
export interface MailDomainCheck {
  check(domain: string): Promise<{ ok: true } | { ok: false; reason: string }>;
}
