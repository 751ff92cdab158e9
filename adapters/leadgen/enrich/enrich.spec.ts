import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FoundBusiness } from '../../../core/leadgen/found-business.ts';
import { startDnsServer } from '../../../test/support/dns-server.ts';
import { DnsMailDomainCheck } from './mail-domain.ts';
import { isPublicAddress } from './public-address.ts';
import { SiteEnricher } from './site-enricher.ts';
import { SiteFetcher } from './site-fetcher.ts';

// Local sites, each its own origin (robots.txt is per origin), and a local DNS server.
type Routes = Record<string, (res: import('node:http').ServerResponse) => void>;
const servers: Server[] = [];
async function site(routes: Routes): Promise<string> {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? '/'];
    if (route) return route(res);
    res.statusCode = 404;
    res.end('not found');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const html = (body: string) => (res: import('node:http').ServerResponse) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(body);
};

let clinic = '';
let guarded = '';
let dns: Awaited<ReturnType<typeof startDnsServer>>;
const fetcher = (over: Partial<ConstructorParameters<typeof SiteFetcher>[0]> = {}) => new SiteFetcher({ userAgent: 'CRM-AutoPilot/1.0 (test)', robotsAgent: 'CRM-AutoPilot', timeoutMs: 800, maxBytes: 256 * 1024, maxRedirects: 3, allowPrivate: true, ...over });

beforeAll(async () => {
  clinic = await site({
    '/robots.txt': html('User-agent: *\nDisallow: /staff\n'),
    '/': (res) => { res.statusCode = 301; res.setHeader('location', '/home'); res.end(); },
    '/home': html(`<script type="application/ld+json">{"@type":"Dentist","telephone":"+91 141 236 5500"}</script>
      <a href="/contact-us">Contact</a> <a href="/staff/contact">Staff contacts</a> <a href="/slow-contact">Contact (slow)</a>
      <p>Reception: reception [at] smiledental [dot] in</p>`),
    '/contact-us': html('<a href="mailto:dr.mehta@smiledental.in">Dr. Mehta</a> <a href="mailto:bookings@nomail.example">Bookings</a> <a href="mailto:info@gone.example">old address</a> noreply@smiledental.in'),
    '/staff/contact': html('<a href="mailto:secret@smiledental.in">x</a>'),
    '/slow-contact': () => undefined, // never answers
  });
  guarded = await site({
    '/robots.txt': (res) => { res.statusCode = 503; res.end(); },
    '/': html('<a href="mailto:info@guarded.example">x</a>'),
  });
  dns = await startDnsServer({
    'smiledental.in': { MX: [{ preference: 10, exchange: 'mail.smiledental.in' }] },
    'nomail.example': { MX: [{ preference: 0, exchange: '' }], A: ['203.0.113.9'] },
    'aonly.example': { A: ['203.0.113.10'] },
    'v6only.example': { AAAA: ['2001:db8::1'] },
    'empty.example': {},
  });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })));
  await dns.stop();
});

const business = (website: string | null, over: Partial<FoundBusiness> = {}): FoundBusiness => ({ source: 'osm', externalId: 'node/1', name: 'Smile Dental', category: 'dentist', address: null, city: 'Jaipur', country: 'IN', lat: null, lon: null, phone: null, website, email: null, openingHours: null, rating: null, ratingCount: null, ...over });

describe('enrichment from a business\'s website', () => {
  it('follows the redirect, reads the contact pages robots.txt allows, and keeps the addresses that can receive mail, the owner first', async () => {
    const enrichment = await new SiteEnricher(fetcher(), new DnsMailDomainCheck({ servers: [dns.address] })).enrich(business(`${clinic}/`), { ownerName: 'Anil Mehta' });
    expect(enrichment.email).toBe('dr.mehta@smiledental.in');
    expect(enrichment.emails).toEqual(['dr.mehta@smiledental.in', 'reception@smiledental.in']);
    expect(enrichment.phones).toEqual(['+911412365500']);
    expect(enrichment.pagesRead).toEqual([`${clinic}/home`, `${clinic}/contact-us`]);
    expect(enrichment.notes).toEqual(expect.arrayContaining([
      `${clinic}/staff/contact: robots.txt asks us not to read it`,
      `${clinic}/slow-contact: no answer within 800 ms`,
      'noreply@smiledental.in not used: it cannot reach the business',
      'bookings@nomail.example not used: nomail.example says it accepts no mail (null MX)',
      'info@gone.example not used: gone.example does not exist',
    ]));
    expect(enrichment.emails).not.toContain('secret@smiledental.in');
  });

  it('reads nothing from a site whose robots.txt fails (5xx), and says so', async () => {
    const enrichment = await new SiteEnricher(fetcher(), new DnsMailDomainCheck({ servers: [dns.address] })).enrich(business(guarded), { ownerName: null });
    expect(enrichment).toMatchObject({ email: null, pagesRead: [], notes: [`${guarded}: robots.txt asks us not to read it`] });
  });

  it('keeps the source\'s own email and phone, checked like the rest', async () => {
    const enrichment = await new SiteEnricher(fetcher(), new DnsMailDomainCheck({ servers: [dns.address] })).enrich(business(null, { email: 'Owner@AOnly.example', phone: '+91 98290 11223' }), { ownerName: null });
    expect(enrichment).toEqual({ email: 'owner@aonly.example', emails: ['owner@aonly.example'], phones: ['+91 98290 11223'], pagesRead: [], notes: [] });
  });
});

describe('the fetcher', () => {
  it('refuses private and loopback addresses unless allowed (tests only)', async () => {
    expect(await fetcher({ allowPrivate: false }).page(`${clinic}/home`)).toEqual({ ok: false, url: `${clinic}/home`, reason: expect.stringMatching(/private or reserved/) });
    expect(await fetcher({ allowPrivate: false }).page('http://[::1]:1/')).toMatchObject({ ok: false, reason: expect.stringMatching(/private or reserved/) });
    expect(await fetcher({ allowPrivate: false }).page('http://localhost:1/')).toMatchObject({ ok: false, reason: expect.stringMatching(/private or reserved/) });
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '0.0.0.0']) expect(isPublicAddress(address), address).toBe(false);
    for (const address of ['8.8.8.8', '142.250.183.78', '2606:4700::1111']) expect(isPublicAddress(address), address).toBe(true);
  });

  it('reads a huge page only up to its cap, refuses what is not HTML and redirect loops', async () => {
    const big = await site({
      '/': html(`<a href="mailto:top@bigsite.example">x</a>${'<p>filler</p>'.repeat(400_000)}<a href="mailto:bottom@bigsite.example">y</a>`),
      '/logo.png': (res) => { res.setHeader('content-type', 'image/png'); res.end(Buffer.alloc(100)); },
      '/loop': (res) => { res.statusCode = 302; res.setHeader('location', '/loop'); res.end(); },
      '/ftp': (res) => { res.statusCode = 302; res.setHeader('location', 'ftp://example.com/'); res.end(); },
    });
    const page = await fetcher().page(`${big}/`);
    expect(page.ok && page.html.length).toBe(256 * 1024);
    expect(page.ok && page.html.includes('top@bigsite.example')).toBe(true);
    expect(await fetcher().page(`${big}/logo.png`)).toMatchObject({ ok: false, reason: 'not a page (image/png)' });
    expect(await fetcher().page(`${big}/loop`)).toMatchObject({ ok: false, reason: 'more than 3 redirects' });
    expect(await fetcher().page(`${big}/ftp`)).toMatchObject({ ok: false, reason: 'a redirect to ftp:' });
    expect(await fetcher().page('javascript:alert(1)')).toMatchObject({ ok: false });
  });
});

describe('mail domains by DNS', () => {
  it('accepts an MX, or an A/AAAA record without one; refuses a null MX, a name that does not exist, and a name with no records', async () => {
    const check = new DnsMailDomainCheck({ servers: [dns.address] });
    expect(await check.check('smiledental.in')).toEqual({ ok: true });
    expect(await check.check('AOnly.example.')).toEqual({ ok: true });
    expect(await check.check('v6only.example')).toEqual({ ok: true });
    expect(await check.check('nomail.example')).toEqual({ ok: false, reason: 'nomail.example says it accepts no mail (null MX)' });
    expect(await check.check('gone.example')).toEqual({ ok: false, reason: 'gone.example does not exist' });
    expect(await check.check('empty.example')).toEqual({ ok: false, reason: 'empty.example has no mail server' });
    const asked = dns.queries.length;
    await check.check('smiledental.in');
    expect(dns.queries.length).toBe(asked); // cached
  });
});
