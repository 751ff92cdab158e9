// Enrichment: for a business with a website, read its home page and up to a few contact/about
// pages, collect the addresses and phones they show, drop the unusable ones and those whose domain
// cannot receive mail, and put the one that reaches whoever decides first.
import { contactPages } from '../../../core/leadgen/contact-pages.ts';
import { rankEmails } from '../../../core/leadgen/email-choice.ts';
import type { Enricher, Enrichment, MailDomainCheck } from '../../../core/leadgen/enrichment.ts';
import type { FoundBusiness } from '../../../core/leadgen/found-business.ts';
import { pageContacts, type FoundContact } from '../../../core/leadgen/page-contacts.ts';
import { siteHost } from '../../../core/leadgen/site-address.ts';
import type { SiteFetcher } from './site-fetcher.ts';

export class SiteEnricher implements Enricher {
  constructor(
    private readonly fetcher: SiteFetcher,
    private readonly mail: MailDomainCheck,
    /** Pages read per site, the home page included. */
    private readonly maxPages = 4,
  ) {}

  async enrich(business: FoundBusiness, context: { ownerName: string | null }): Promise<Enrichment> {
    const notes: string[] = [];
    const pagesRead: string[] = [];
    const emails: FoundContact[] = business.email ? [{ value: business.email.toLowerCase(), via: 'json-ld' }] : [];
    const phones: string[] = business.phone ? [business.phone] : [];
    const host = siteHost(business.website);
    if (business.website && host) {
      const home = await this.fetcher.page(/^https?:\/\//i.test(business.website) ? business.website : `http://${business.website}`);
      const queue = home.ok ? contactPages(home.html, home.url, this.maxPages - 1) : [];
      for (const page of [home, ...(await Promise.all(queue.map((url) => this.fetcher.page(url))))]) {
        if (!page.ok) {
          notes.push(`${page.url}: ${page.reason}`);
          continue;
        }
        pagesRead.push(page.url);
        const found = pageContacts(page.html);
        emails.push(...found.emails);
        phones.push(...found.phones.map((p) => p.value));
      }
    } else if (business.website) notes.push(`${business.website} is not a website address`);

    const ranked = rankEmails(dedupe(emails), { host, ownerName: context.ownerName });
    for (const contact of emails) if (!ranked.includes(contact) && !ranked.some((r) => r.value === contact.value)) notes.push(`${contact.value} not used: it cannot reach the business`);
    const deliverable: string[] = [];
    const verdicts = new Map<string, Promise<{ ok: true } | { ok: false; reason: string }>>();
    for (const { value } of ranked) {
      const domain = value.split('@')[1]!;
      if (!verdicts.has(domain)) verdicts.set(domain, this.mail.check(domain));
      const verdict = await verdicts.get(domain)!;
      if (verdict.ok) deliverable.push(value);
      else notes.push(`${value} not used: ${verdict.reason}`);
    }
    return { email: deliverable[0] ?? null, emails: deliverable, phones: [...new Set(phones)], pagesRead, notes };
  }
}

function dedupe(found: FoundContact[]): FoundContact[] {
  const seen = new Set<string>();
  return found.filter((contact) => !seen.has(contact.value) && (seen.add(contact.value), true));
}
