import { describe, expect, it } from 'vitest';
import { createPayments } from './index.ts';

describe('createPayments', () => {
  it('defaults to our own offline checkout', async () => {
    const payments = createPayments({ provider: 'offline', publicUrl: 'https://crm.example.com' });
    expect(payments.id).toBe('offline');
    const link = await payments.createPaymentLink({
      tenantId: 't', leadId: 'l', proposalId: 'p', amount: 100n, currency: 'INR', description: 'x', customerEmail: null,
    });
    expect(link.url.startsWith('https://crm.example.com/pay/')).toBe(true);
  });

  it('builds Stripe in either mode, with return pages under our public url', () => {
    expect(createPayments({ provider: 'stripe', secretKey: 'sk_test_x', publicUrl: 'https://crm.example.com' }).id).toBe('stripe');
    const links = createPayments({ provider: 'stripe', secretKey: 'sk_test_x', mode: 'payment_link', apiBaseUrl: null, publicUrl: 'https://crm.example.com' });
    expect(links.id).toBe('stripe');
  });

  it('says so when Stripe has no secret key', () => {
    expect(() => createPayments({ provider: 'stripe', secretKey: null, publicUrl: 'https://crm.example.com' })).toThrow(/stripe: a secret key is required/);
  });
});
