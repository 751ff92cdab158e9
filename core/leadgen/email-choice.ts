// Which of a site's addresses to write to. A small business lists several (info@, bookings@, the
// owner's own, a web designer's, a no-reply): the one that reaches whoever decides comes first.
import type { FoundContact } from './page-contacts.ts';
import { sameSite } from './site-address.ts';

/** Domains no business can be reached at: throwaway inboxes, placeholders left in templates, site builders' own. */
const UNREACHABLE_DOMAINS = new Set([
  'example.com', 'example.org', 'example.net', 'example.in', 'domain.com', 'yourdomain.com', 'email.com', 'test.com', 'sample.com', 'mysite.com', 'company.com', 'website.com',
  'mailinator.com', 'guerrillamail.com', 'guerrillamail.info', '10minutemail.com', 'tempmail.com', 'temp-mail.org', 'yopmail.com', 'trashmail.com', 'dispostable.com', 'getnada.com', 'throwawaymail.com', 'maildrop.cc', 'sharklasers.com', 'fakeinbox.com',
  'sentry.io', 'wixpress.com', 'sentry.wixpress.com', 'sentry-next.wixpress.com', 'godaddy.com', 'squarespace.com', 'wordpress.com', 'wix.com',
]);
const FREE_MAIL = new Set(['gmail.com', 'yahoo.com', 'yahoo.co.in', 'outlook.com', 'hotmail.com', 'rediffmail.com', 'icloud.com', 'live.com', 'zoho.com', 'protonmail.com', 'proton.me', 'aol.com']);
/** Local parts that reach the business's front desk or owner. */
const WELCOME = /^(info|contact|hello|hi|enquir(y|ies)|inquir(y|ies)|office|admin|reception|frontdesk|appointments?|bookings?|reservations?|sales|owner|director|manager|care|clinic|studio|team|mail)$/;
/** Local parts that never reach a buyer: machines, legal, hiring. */
const NEVER = /^(no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|abuse|bounce[s]?|unsubscribe)$/;
const UNLIKELY = /^(privacy|legal|gdpr|dpo|careers?|jobs?|hr|recruit(ment|ing)?|billing|accounts|invoices?|webmaster|security|press|media)$/;

export type EmailVerdict = { ok: true } | { ok: false; reason: string };

/** Refuses what can never be a lead's address, before any DNS lookup. */
export function usableEmail(address: string): EmailVerdict {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  if (!local || !domain) return { ok: false, reason: `${address} is not an email address` };
  if (NEVER.test(local)) return { ok: false, reason: `${address} is an automatic address nobody reads` };
  if (UNREACHABLE_DOMAINS.has(domain) || [...UNREACHABLE_DOMAINS].some((bad) => domain.endsWith(`.${bad}`))) return { ok: false, reason: `${domain} is a placeholder or throwaway domain` };
  return { ok: true };
}

/**
 * The addresses best first: the site's own domain over others, the front desk or the owner's name
 * over departments, what the business declared (JSON-LD, mailto links) over what the text happens
 * to contain. Unusable addresses are left out.
 */
export function rankEmails(found: readonly FoundContact[], context: { host: string | null; ownerName?: string | null }): FoundContact[] {
  const ownerParts = (context.ownerName ?? '').toLowerCase().split(/[^a-z]+/).filter((part) => part.length >= 3);
  const score = ({ value, via }: FoundContact) => {
    const [local = '', domain = ''] = value.split('@');
    let points = sameSite(domain, context.host) ? 4 : FREE_MAIL.has(domain) ? 2 : 0;
    if (WELCOME.test(local)) points += 2;
    if (ownerParts.some((part) => local.includes(part))) points += 4; // the person who decides, over any desk
    if (UNLIKELY.test(local)) points -= 3;
    if (via === 'json-ld' || via === 'mailto') points += 1;
    return points;
  };
  return found
    .filter((contact) => usableEmail(contact.value).ok)
    .map((contact, index) => ({ contact, index, points: score(contact) }))
    .sort((a, b) => b.points - a.points || a.index - b.index)
    .map(({ contact }) => contact);
}
