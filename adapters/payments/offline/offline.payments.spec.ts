import { describe, expect, it } from 'vitest';
import { PaymentWebhookError } from '../../../core/payments/payments.ts';
import { stripeWebhookVerifier } from '../stripe/webhook.ts';
import { buildCheckoutCompletedEvent } from './checkout-event.ts';
import { OfflinePayments } from './offline.payments.ts';

const request = {
  tenantId: '01a23c8c-6e4c-7c85-a301-e0083e89cade',
  leadId: '01a23c8d-35e5-780b-ba52-1ac4fd2d33bb',
  proposalId: '01a23c91-9029-71ae-ae77-94185ee973e9',
  amount: 4_999_00n,
  currency: 'INR',
  description: 'Clinic website',
  customerEmail: 'dr@clinic.in',
};

describe('OfflinePayments', () => {
  it('links to our own checkout page with an unguessable token', async () => {
    const payments = new OfflinePayments({ publicUrl: 'https://crm.example.com/' });
    const first = await payments.createPaymentLink(request);
    const second = await payments.createPaymentLink(request);

    expect(first.providerId).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 bytes, base64url
    expect(first.url).toBe(`https://crm.example.com/pay/${first.providerId}`);
    expect(second.providerId).not.toBe(first.providerId);
    expect(payments.id).toBe('offline');
  });

  it('validates its options at construction', () => {
    expect(() => new OfflinePayments({ publicUrl: 'crm.example.com' })).toThrow(/publicUrl/);
  });
});

describe('buildCheckoutCompletedEvent', () => {
  const secret = 'whsec_offline';
  const input = { ...request, token: 'tok_abc' };
  const now = new Date('2026-03-01T10:00:00Z');

  it('builds a Stripe checkout.session.completed that the Stripe verifier accepts as paid', () => {
    const { payload, signature, eventId } = buildCheckoutCompletedEvent(input, secret, now);

    expect(stripeWebhookVerifier.verify(Buffer.from(payload), signature, secret)).toEqual({
      eventId,
      type: 'checkout.session.completed',
      paid: true,
      tenantId: request.tenantId,
      leadId: request.leadId,
      proposalId: request.proposalId,
      amount: 499900n,
      currency: 'INR',
      providerPaymentId: expect.stringMatching(/^pi_[0-9a-f]{24}$/),
      created: now,
      ignored: null,
    });
  });

  it('carries any amount exactly, as a bare JSON number in Stripe\'s units, and the verifier reads it back exactly', () => {
    for (const [amount, currency, raw] of [[9_223_372_036_854_775_807n, 'INR', '9223372036854775807'], [9_000_000_000_001n, 'IDR', '9000000000001'], [5n, 'ISK', '500']] as const) {
      const { payload, signature } = buildCheckoutCompletedEvent({ ...input, amount, currency }, secret, now);
      expect(payload).toContain(`"amount_total": ${raw},`);
      expect(stripeWebhookVerifier.verify(Buffer.from(payload), signature, secret)).toMatchObject({ amount, currency });
    }
    expect(() => buildCheckoutCompletedEvent({ ...input, amount: 150n, currency: 'MGA' }, secret, now)).toThrow(RangeError);
    expect(new OfflinePayments({ publicUrl: 'https://crm.example.com' }).refusal(150n, 'MGA')).toMatch(/whole units/);
    expect(new OfflinePayments({ publicUrl: 'https://crm.example.com' }).refusal(9_223_372_036_854_775_807n, 'INR')).toBeNull();
  });

  it('has the shape of the event Stripe sends', () => {
    const { payload, eventId } = buildCheckoutCompletedEvent(input, secret, now);
    const event = JSON.parse(payload);
    expect(eventId).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(event).toMatchObject({
      id: eventId,
      object: 'event',
      api_version: expect.any(String),
      created: now.getTime() / 1000,
      livemode: false,
      type: 'checkout.session.completed',
      data: {
        object: {
          id: expect.stringMatching(/^cs_test_[0-9a-f]{24}$/),
          object: 'checkout.session',
          amount_total: 499900,
          currency: 'inr',
          payment_status: 'paid',
          status: 'complete',
          customer_details: { email: 'dr@clinic.in' },
          metadata: { tenantId: request.tenantId, leadId: request.leadId, proposalId: request.proposalId },
          payment_intent: expect.stringMatching(/^pi_/),
        },
      },
    });
  });

  it('gives the same checkout the same event id, so a double confirmation is deduplicated', () => {
    expect(buildCheckoutCompletedEvent(input, secret).eventId).toBe(buildCheckoutCompletedEvent(input, secret, now).eventId);
    expect(buildCheckoutCompletedEvent({ ...input, token: 'tok_other' }, secret).eventId).not.toBe(buildCheckoutCompletedEvent(input, secret).eventId);
  });

  it('does not verify under another secret', () => {
    const { payload, signature } = buildCheckoutCompletedEvent(input, secret, now);
    expect(() => stripeWebhookVerifier.verify(Buffer.from(payload), signature, 'whsec_other')).toThrow(PaymentWebhookError);
  });
});
