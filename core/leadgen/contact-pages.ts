// Which pages of a site to read after its home page: the contact and about pages a visitor would
// open, on the same site only, at most a few (the fetcher is polite: N pages per site).
import { anchors } from './html-text.ts';

const CONTACT_WORDS = /contact|reach|get[-_ ]?in[-_ ]?touch|enquir|inquir|about|team|location|find[-_ ]?us|visit|book|appointment|संपर्क|हमारे बारे/i;

/** Same-site links whose address or text names a contact/about page, best first, at most `limit`. */
export function contactPages(html: string, pageUrl: string, limit: number): string[] {
  let base: URL;
  try {
    base = new URL(pageUrl);
  } catch {
    return [];
  }
  const host = base.hostname.replace(/^www\./, '');
  const scored = new Map<string, number>();
  for (const { href, text } of anchors(html)) {
    if (!href || /^(mailto|tel|javascript|data):/i.test(href) || href.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname.replace(/^www\./, '') !== host) continue;
    url.hash = '';
    const key = url.toString();
    if (key === base.toString() || /\.(pdf|jpe?g|png|gif|zip|docx?|xlsx?|mp4)$/i.test(url.pathname)) continue;
    const points = (CONTACT_WORDS.test(url.pathname) ? 2 : 0) + (CONTACT_WORDS.test(text) ? 1 : 0) + (/contact|संपर्क/i.test(url.pathname + text) ? 2 : 0);
    if (points > 0) scored.set(key, Math.max(points, scored.get(key) ?? 0));
  }
  return [...scored.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([url]) => url);
}
