import { describe, expect, it } from 'vitest';
import { contactPages } from './contact-pages.ts';
import { rankEmails, usableEmail } from './email-choice.ts';
import { pageContacts } from './page-contacts.ts';
import { sameSite, siteHost, siteKey } from './site-address.ts';

const clinicHome = `<!doctype html><html><head>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Dentist","name":"Smile Dental Care","telephone":"+91 141 236 5500",
"contactPoint":[{"@type":"ContactPoint","email":"mailto:appointments@smiledental.in","telephone":"+91-98290-11223"}]}]}</script>
<script type="application/ld+json">{ broken json </script>
<style>.a{background:url(logo@2x.png)}</style></head>
<body><img src="img/logo@2x.png"><a href="/contact-us/">Contact us</a> <a href="about.html">About Dr. Mehta</a>
<a href="https://facebook.com/smiledental">Facebook</a> <a href="/gallery">Gallery</a> <a href="/files/brochure.pdf">Contact brochure</a>
<footer>Write to dr.mehta&#64;smiledental.in or call Phone: 0141-2365500. <a href="mailto:info%40smiledental.in?subject=Appointment">Email</a>
<a href="tel:+919829011223">Call</a> Built by <a href="mailto:hello@pixelweb.example">Pixel Web</a> noreply@smiledental.in</footer></body></html>`;

describe('pageContacts', () => {
  it('reads JSON-LD (nested @graph and contactPoint), mailto and tel links, entities and the visible text, but no file names', () => {
    const found = pageContacts(clinicHome);
    expect(found.emails.map((e) => [e.value, e.via])).toEqual([
      ['appointments@smiledental.in', 'json-ld'],
      ['info@smiledental.in', 'mailto'],
      ['hello@pixelweb.example', 'mailto'],
      ['dr.mehta@smiledental.in', 'text'],
      ['noreply@smiledental.in', 'text'],
    ]);
    expect(found.phones.map((p) => p.value)).toEqual(['+911412365500', '+919829011223', '01412365500']);
  });

  it('undoes the usual disguises: [at] (dot), {at}, spaced dots', () => {
    const html = '<p>Mail us: bookings [at] royalspice [dot] co [dot] in</p><p>owner (at) fitzone.in</p><p>sales{at}glowsalon{dot}com</p>';
    expect(pageContacts(html).emails.map((e) => e.value)).toEqual(['bookings@royalspice.co.in', 'owner@fitzone.in', 'sales@glowsalon.com']);
  });

  it('needs a label or a + before a number in running text, so prices and years are not phones', () => {
    const html = '<p>Founded 1998. Packages from 12,500 to 45,000. Mobile: 98290 11223. WhatsApp +971 50 123 4567</p>';
    expect(pageContacts(html).phones.map((p) => p.value)).toEqual(['9829011223', '+971501234567']);
  });
});

describe('choosing an address', () => {
  it('puts the site\'s own front desk or owner first, keeps others after, and drops machine and placeholder addresses', () => {
    const ranked = rankEmails(pageContacts(clinicHome).emails, { host: siteHost('https://www.smiledental.in/'), ownerName: 'Dr. Anil Mehta' });
    expect(ranked.map((e) => e.value)).toEqual(['dr.mehta@smiledental.in', 'appointments@smiledental.in', 'info@smiledental.in', 'hello@pixelweb.example']);
    expect(usableEmail('noreply@smiledental.in')).toEqual({ ok: false, reason: expect.stringMatching(/automatic/) });
    expect(usableEmail('someone@mailinator.com').ok).toBe(false);
    expect(usableEmail('info@example.com').ok).toBe(false);
    expect(usableEmail('owner@gmail.com').ok).toBe(true);
  });
});

describe('the pages to read next', () => {
  it('lists contact and about pages of the same site, contact first, without files, fragments or other sites', () => {
    expect(contactPages(clinicHome, 'https://www.smiledental.in/', 3)).toEqual(['https://www.smiledental.in/contact-us/', 'https://www.smiledental.in/about.html']);
    expect(contactPages('<a href="#contact">x</a><a href="javascript:void(0)">Contact</a>', 'https://a.in/', 3)).toEqual([]);
  });
});

describe('site addresses', () => {
  it('reduces a website to its host, keeping the page for shared hosts', () => {
    expect(siteHost('WWW.Clinic.in/about')).toBe('clinic.in');
    expect(siteHost('https://clinic.in.')).toBe('clinic.in');
    expect(siteHost('not a site')).toBeNull();
    expect(siteHost('ftp://clinic.in')).toBeNull();
    expect(siteKey('https://www.facebook.com/SmileDental/')).toBe('facebook.com/smiledental');
    expect(siteKey('facebook.com')).toBeNull();
    expect(siteKey('http://smiledental.in/contact')).toBe('smiledental.in');
    expect(sameSite('smiledental.in', 'blog.smiledental.in')).toBe(true);
    expect(sameSite('gmail.com', 'smiledental.in')).toBe(false);
  });
});
