import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { PaymentWebhookError } from '../../../core/payments/payments.ts';
import { stripeWebhookVerifier } from './webhook.ts';

const secret = 'whsec_test_secret';
const created = 1_767_225_600; // 2026-01-01T00:00:00Z
const metadata = { tenantId: '01a23c8c-6e4c-7c85-a301-e0083e89cade', leadId: '01a23c8d-35e5-780b-ba52-1ac4fd2d33bb', proposalId: '01a23c91-9029-71ae-ae77-94185ee973e9' };

const event = (type: string, object: Record<string, unknown>) =>
  JSON.stringify({ id: 'evt_1', object: 'event', api_version: Stripe.API_VERSION, created, livemode: false, type, data: { object } });

const session = (overrides: Record<string, unknown> = {}) => ({
  id: 'cs_test_1',
  object: 'checkout.session',
  amount_total: 499900,
  currency: 'inr',
  metadata,
  payment_intent: 'pi_1',
  payment_status: 'paid',
  status: 'complete',
  ...overrides,
});

/** Signs as Stripe does: `t=<unix>,v1=<hmac>` over `<t>.<raw body>`. */
const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? secret, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });

function verify(payload: string, signature: string | undefined = sign(payload)) {
  return stripeWebhookVerifier.verify(Buffer.from(payload), signature, secret);
}

function rejection(run: () => unknown): PaymentWebhookError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PaymentWebhookError);
    return error as PaymentWebhookError;
  }
  throw new Error('expected the webhook to be refused');
}

describe('stripeWebhookVerifier', () => {
  it('verifies a signed checkout.session.completed and maps it to a paid event', () => {
    expect(verify(event('checkout.session.completed', session()))).toEqual({
      eventId: 'evt_1',
      type: 'checkout.session.completed',
      paid: true,
      ...metadata,
      amount: 499900n,
      currency: 'INR',
      providerPaymentId: 'pi_1',
      created: new Date(created * 1000),
      ignored: null,
    });
  });

  it('treats a completed but unpaid (async) checkout as not paid yet, then its outcome', () => {
    const unpaid = session({ payment_status: 'unpaid', payment_intent: null });
    expect(verify(event('checkout.session.completed', unpaid))).toMatchObject({ paid: false, providerPaymentId: 'cs_test_1' });
    expect(verify(event('checkout.session.async_payment_succeeded', session()))).toMatchObject({ paid: true, proposalId: metadata.proposalId });
    expect(verify(event('checkout.session.async_payment_failed', session({ payment_status: 'unpaid' })))).toMatchObject({ paid: false, leadId: metadata.leadId });
  });

  it('maps payment_intent.succeeded from the intent itself', () => {
    const intent = { id: 'pi_9', object: 'payment_intent', amount: 1000, amount_received: 1000, currency: 'usd', metadata };
    expect(verify(event('payment_intent.succeeded', intent))).toMatchObject({
      paid: true, amount: 1000n, currency: 'USD', providerPaymentId: 'pi_9', tenantId: metadata.tenantId,
    });
  });

  it('reads amounts exactly from the raw digits, past 2^53 and up to 64 bits, and back into ISO minor units', () => {
    // As Stripe (or our offline checkout) writes them: bare JSON numbers that JSON.parse would round.
    const huge = event('checkout.session.completed', session()).replace('499900', '9007199254740993');
    expect(verify(huge).amount).toBe(9_007_199_254_740_993n);
    const max = event('checkout.session.completed', session()).replace('499900', '9223372036854775807');
    expect(verify(max).amount).toBe(9_223_372_036_854_775_807n);
    expect(verify(event('checkout.session.completed', session({ amount_total: 500, currency: 'isk' }))).amount).toBe(5n);
    expect(verify(event('checkout.session.completed', session({ amount_total: 550, currency: 'isk' }))).amount).toBeNull();
    expect(verify(event('checkout.session.completed', session({ amount_total: 5, currency: 'mga' }))).amount).toBe(500n);
    expect(verify(event('checkout.session.completed', session({ amount_total: 12.5 }))).amount).toBeNull();
    expect(verify(event('checkout.session.completed', session({ amount_total: '499900' }))).amount).toBeNull();
  });

  it('passes other events through as not paid, with ids when present', () => {
    expect(verify(event('checkout.session.expired', session({ payment_status: 'unpaid', status: 'expired' })))).toMatchObject({
      type: 'checkout.session.expired', paid: false, proposalId: metadata.proposalId,
    });
    expect(verify(event('customer.created', { id: 'cus_1', object: 'customer' }))).toMatchObject({
      paid: false, tenantId: null, leadId: null, proposalId: null, amount: null, currency: null, providerPaymentId: 'cus_1',
    });
  });

  it('refuses a tampered body, a wrong secret, a missing or garbled header', () => {
    const payload = event('checkout.session.completed', session());
    const tampered = payload.replace('499900', '100');
    expect(rejection(() => verify(tampered, sign(payload))).message).toMatch(/signature does not match/);
    expect(rejection(() => verify(payload, sign(payload, { secret: 'whsec_other' }))).message).toMatch(/signature does not match/);
    const unsigned = () => stripeWebhookVerifier.verify(Buffer.from(payload), undefined, secret);
    expect(rejection(unsigned).message).toMatch(/missing Stripe-Signature/);
    expect(rejection(() => verify(payload, '')).message).toMatch(/missing Stripe-Signature/);
    expect(rejection(() => verify(payload, 'garbage')).message).toMatch(/malformed Stripe-Signature/);
  });

  it('refuses a signature older than five minutes', () => {
    const payload = event('checkout.session.completed', session());
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect(rejection(() => verify(payload, sign(payload, { timestamp: tenMinutesAgo }))).message).toMatch(/tolerance/);
    expect(verify(payload, sign(payload, { timestamp: tenMinutesAgo + 360 })).paid).toBe(true);
  });

  it('acknowledges a correctly signed body it cannot use, with the reason: not JSON, not an event, a bad created, ids that are not ours', () => {
    expect(verify('{"id":"evt_1",')).toMatchObject({ paid: false, ignored: expect.stringMatching(/not valid JSON/), eventId: expect.stringMatching(/^body:[0-9a-f]{64}$/) });
    expect(verify('{"hello":"world"}')).toMatchObject({ paid: false, ignored: expect.stringMatching(/no usable id/) });
    expect(verify('null')).toMatchObject({ paid: false, ignored: expect.stringMatching(/not a JSON object/) });
    const createdText = JSON.stringify({ ...JSON.parse(event('checkout.session.completed', session())), created: 'x' });
    expect(verify(createdText)).toMatchObject({ eventId: 'evt_1', type: 'checkout.session.completed', paid: false, ignored: expect.stringMatching(/created is not a number/) });
    expect(verify(event('checkout.session.completed', session({ metadata: { ...metadata, leadId: 'not-a-uuid' } })))).toMatchObject({ paid: false, leadId: null, ignored: 'metadata.leadId is not a UUID: not an event of this CRM' });
    const longId = event('checkout.session.completed', session()).replace('"evt_1"', `"evt_${'x'.repeat(1000)}"`);
    expect(verify(longId)).toMatchObject({ eventId: expect.stringMatching(/^body:/), ignored: expect.stringMatching(/no usable id/) });
    // The same body twice is the same event (a redelivery is a duplicate).
    expect(verify('[1]').eventId).toBe(verify('[1]').eventId);
  });

  it('refuses what does not verify, however it looks', () => {
    expect(rejection(() => verify('')).message).toMatch(/empty/);
    expect(rejection(() => verify('{ not json', sign('{ other'))).message).toMatch(/signature does not match/);
  });
});
