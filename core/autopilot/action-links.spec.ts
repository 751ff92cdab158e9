import { describe, expect, it } from 'vitest';
import { HIDDEN_LINK, hideActionLinks, holdsActionLink } from './action-links.ts';

const unsubscribe = `https://crm.example.com/u/${'A1b_-'.repeat(12)}xyzw`;
const pay = `http://127.0.0.1:4300/pay/${'Zx9_'.repeat(8)}`;

describe('action links', () => {
  it('hides unsubscribe and checkout links, on any host or none, and Stripe\'s payment pages', () => {
    const text = `Pay here: ${pay}\n\n--\nDon't want these emails? Unsubscribe: ${unsubscribe}\nOr ${new URL(pay).pathname}. Stripe: https://checkout.stripe.com/c/pay/cs_test_a1#fid and https://buy.stripe.com/test_14k`;
    const hidden = hideActionLinks(text);
    expect(hidden).toBe(`Pay here: ${HIDDEN_LINK}\n\n--\nDon't want these emails? Unsubscribe: ${HIDDEN_LINK}\nOr ${HIDDEN_LINK}. Stripe: ${HIDDEN_LINK} and ${HIDDEN_LINK}`);
    expect(holdsActionLink(text)).toBe(true);
    expect(holdsActionLink(hidden)).toBe(false);
  });

  it('in HTML attributes and headers too', () => {
    expect(hideActionLinks(`<a href="${pay}">Pay securely</a>`)).toBe(`<a href="${HIDDEN_LINK}">Pay securely</a>`);
    expect(hideActionLinks({ 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })).toEqual({ 'List-Unsubscribe': `<${HIDDEN_LINK}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('anywhere inside JSON, leaving everything else as it is', () => {
    const data = { body: `see ${pay}`, nested: [{ quoted: `> ${unsubscribe}` }, 42, null, true], count: 3 };
    expect(hideActionLinks(data)).toEqual({ body: `see ${HIDDEN_LINK}`, nested: [{ quoted: `> ${HIDDEN_LINK}` }, 42, null, true], count: 3 });
    const date = new Date();
    expect(hideActionLinks(date)).toBe(date);
  });

  it('leaves links that act on nothing', () => {
    for (const text of ['https://crm.example.com/pay/success?session_id=cs_1', 'https://crm.example.com/pay/cancelled', 'https://www.example.com/u/profile', 'https://stripe.com/docs', 'Our website: https://growth.example/']) {
      expect(hideActionLinks(text)).toBe(text);
      expect(holdsActionLink(text)).toBe(false);
    }
  });
});

describe('action links rewritten on the way', () => {
  const token = 'AZ3fVbq0kC9YtX2mLw8uR1sPe7nDiH4gJ6oQ5vKaTzB-c_UhNyWxEr0dFlMjOpSq9iGk3bVn7mC2xZ1aLs8dQw4eRt';
  const host = 'http://localhost:4713';

  it('hides the token in SafeLinks, HTML entities, percent-encoded slashes and wrapped over quoted lines', () => {
    const forms = [
      `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(`${host}/u/${token}`)}&data=05%7C02%7C&reserved=0`,
      `http:&#x2F;&#x2F;localhost:4713&#x2F;u&#x2F;${token}`,
      `${host}/u%2F${token}`,
      `> ${host}/u/${token.slice(0, 30)}\n> ${token.slice(30)}`,
      `> ${host}/pay/${token.slice(0, 50)}\r\n>> ${token.slice(50)}`,
      `${host}/u/${token.slice(0, 9)}&#${token.charCodeAt(9)};${token.slice(10)}`,
    ];
    for (const form of forms) {
      const text = `Thanks, see below.\n${form}\nRegards`;
      const hidden = hideActionLinks(text);
      expect(holdsActionLink(text), form).toBe(true);
      // What stays visible is never a long enough piece of the token to guess the rest.
      const visible = hidden.replace(/[^A-Za-z0-9_-]+/g, ' ').split(' ').filter((piece) => piece.length >= 8 && token.includes(piece));
      expect(visible, form).toEqual([]);
      expect(hidden.startsWith('Thanks, see below.\n'), form).toBe(true);
      expect(hidden.endsWith('\nRegards'), form).toBe(true);
    }
  });

  it('leaves ordinary text alone: long words, hyphenated phrases, names across quoted lines, emails and plain sites', () => {
    for (const text of [
      'Our internationalization and state-of-the-art-website-redesign-package are great.',
      'Regards,\n> Kumar\n> Director',
      'Write to priya.sharma@royalspicerestaurant.in or visit https://www.royalspicerestaurant.in/menu',
      'Invoice INV-2026 for 45,000 rupees',
    ]) {
      expect(hideActionLinks(text), text).toBe(text);
      expect(holdsActionLink(text), text).toBe(false);
    }
  });

  it('hides keys of JSON objects too', () => {
    expect(hideActionLinks({ [`${host}/u/${token}`]: 'x' })).toEqual({ [HIDDEN_LINK]: 'x' });
    expect(holdsActionLink({ [`${host}/u/${token}`]: 'x' })).toBe(true);
  });
});
