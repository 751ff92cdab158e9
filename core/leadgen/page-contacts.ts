// The ways a small business's page says how to reach it: mailto and tel links, schema.org JSON-LD
// (Organization, LocalBusiness and their subtypes such as Dentist), addresses in the visible text,
// and addresses written to fool scrapers ("info [at] clinic [dot] in", &#64;). Pure: HTML in.
import { anchors, jsonLdBlocks, visibleText } from './html-text.ts';

export type FoundVia = 'json-ld' | 'mailto' | 'tel' | 'text' | 'obfuscated';

export interface FoundContact {
  value: string;
  via: FoundVia;
}

export interface PageContacts {
  emails: FoundContact[];
  phones: FoundContact[];
}

const EMAIL = /[a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}/gi;
// "name [at] domain [dot] com", "name (at) domain (dot) co (dot) in", "name{at}domain{dot}com".
const OBFUSCATED = /([a-z0-9._%+-]{1,64})\s*[[({<]\s*(?:at|@)\s*[\])}>]\s*([a-z0-9-]{1,63}(?:\s*(?:[[({<]\s*(?:dot|\.)\s*[\])}>]|\.)\s*[a-z0-9-]{1,63}){1,5})/gi;
/** A phone in running text needs a sign it is one: a + prefix or a label just before it. */
const TEXT_PHONE = /(?:(?:phone|tel|telephone|mobile|mob|call|whatsapp|contact|ph|फ़ोन|फोन|मोबाइल)\.?\s*(?:no\.?|number)?\s*[:\-–]?\s*|(?=\+))(\+?\d[\d ().-]{6,18}\d)/gi;
/** What looks like an address but is a file name or a placeholder in a template. */
const NOT_AN_ADDRESS = /\.(png|jpe?g|gif|svg|webp|avif|css|js|ico)$/i;

export function pageContacts(html: string): PageContacts {
  const emails = new Map<string, FoundContact>();
  const phones = new Map<string, FoundContact>();
  const addEmail = (raw: string, via: FoundVia) => {
    const value = raw.trim().replace(/^mailto:/i, '').toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,24}$/.test(value) || NOT_AN_ADDRESS.test(value) || emails.has(value)) return;
    emails.set(value, { value, via });
  };
  const addPhone = (raw: string, via: FoundVia) => {
    const value = raw.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
    const digits = value.replace('+', '').length;
    if (digits < 7 || digits > 15 || phones.has(value)) return;
    phones.set(value, { value, via });
  };

  for (const block of jsonLdBlocks(html)) walkJsonLd(block, 0, addEmail, addPhone);
  for (const { href } of anchors(html)) {
    if (/^mailto:/i.test(href)) for (const address of decodeMailto(href)) addEmail(address, 'mailto');
    else if (/^(tel|callto|https?:\/\/wa\.me\/):?/i.test(href)) addPhone(href.replace(/^(tel|callto):|^https?:\/\/wa\.me\//i, ''), 'tel');
  }
  const text = visibleText(html);
  for (const match of text.matchAll(EMAIL)) addEmail(match[0], 'text');
  for (const match of text.matchAll(OBFUSCATED)) {
    const domain = (match[2] ?? '').replace(/\s*[[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s*\.\s*/gi, '.');
    addEmail(`${match[1]}@${domain}`, 'obfuscated');
  }
  for (const match of text.matchAll(TEXT_PHONE)) addPhone(match[1] ?? '', 'text');
  return { emails: [...emails.values()], phones: [...phones.values()] };
}

function decodeMailto(href: string): string[] {
  const to = href.replace(/^mailto:/i, '').split('?')[0] ?? '';
  let decoded = to;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    // Malformed percent-encoding: the raw text may still be an address.
  }
  return decoded.split(/[,;]/);
}

type Add = (raw: string, via: FoundVia) => void;

/** Every email and telephone in a JSON-LD tree (@graph, contactPoint, nested organisations), to a bounded depth. */
function walkJsonLd(node: unknown, depth: number, addEmail: Add, addPhone: Add): void {
  if (depth > 8 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node.slice(0, 200)) walkJsonLd(item, depth + 1, addEmail, addPhone);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const email of strings(record.email)) addEmail(email, 'json-ld');
  for (const phone of strings(record.telephone)) addPhone(phone, 'json-ld');
  for (const [key, value] of Object.entries(record)) if (key !== 'email' && key !== 'telephone' && typeof value === 'object') walkJsonLd(value, depth + 1, addEmail, addPhone);
}

const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
