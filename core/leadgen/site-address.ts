// A business's website reduced to what identifies it: two leads with the same site are the same
// business, whatever the scheme, "www.", path or letter case their links carry.

const SHARED_HOSTS = new Set(['facebook.com', 'instagram.com', 'linkedin.com', 'twitter.com', 'x.com', 'youtube.com', 'wa.me', 'google.com', 'goo.gl', 'business.site', 'linktr.ee', 'justdial.com', 'indiamart.com', 'zomato.com', 'swiggy.com', 'practo.com', 'sulekha.com', 'tripadvisor.com', 'tripadvisor.in', 'blogspot.com', 'wordpress.com', 'wixsite.com']);

/** The host of a website as people write it ("www.Clinic.in/about", "https://clinic.in"), lower case without "www."; null when it is no web address. */
export function siteHost(website: string | null | undefined): string | null {
  if (!website) return null;
  const text = website.trim();
  if (!text || /\s/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\d?\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

/**
 * The key a duplicate check compares: the host, or for a page on a shared host (a Facebook page, a
 * Justdial listing) the host and the page's path, since thousands of businesses share facebook.com.
 */
export function siteKey(website: string | null | undefined): string | null {
  const host = siteHost(website);
  if (!host) return null;
  const shared = [...SHARED_HOSTS].some((root) => host === root || host.endsWith(`.${root}`));
  if (!shared) return host;
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(website!.trim()) ? website!.trim() : `http://${website!.trim()}`);
  const path = url.pathname.toLowerCase().replace(/\/+$/, '');
  return path ? `${host}${path}` : null;
}

/** True when the address's domain is the site's host or one of its subdomains (info@clinic.in for www.clinic.in). */
export function sameSite(emailDomain: string, host: string | null): boolean {
  if (!host) return false;
  const domain = emailDomain.toLowerCase();
  return domain === host || host.endsWith(`.${domain}`) || domain.endsWith(`.${host}`);
}
