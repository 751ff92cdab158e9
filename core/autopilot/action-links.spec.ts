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
