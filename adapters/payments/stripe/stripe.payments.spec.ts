import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentLinkRequest } from '../../../core/payments/payments.ts';
import { PaymentProviderError } from '../errors.ts';
import { StripePayments } from './stripe.payments.ts';

interface Recorded { method: string; path: string; headers: IncomingHttpHeaders; form: Record<string, string> }
type Failure = { status: number; body: string };

// A stand-in for api.stripe.com: form-encoded requests in, JSON out, idempotency keys replayed.
let server: Server;
let apiBaseUrl: string;
let requests: Recorded[] = [];
let failure: Failure | null = null;
const replays = new Map<string, string>();
let counter = 0;

function answer(path: string, form: Record<string, string>): unknown {
  const n = ++counter;
  if (path === '/v1/checkout/sessions') {
    return { id: `cs_test_${n}`, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/cs_test_${n}`, metadata: {} };
  }
  if (path === '/v1/prices') return { id: `price_${n}`, object: 'price', currency: form.currency, unit_amount: Number(form.unit_amount) };
  if (path === '/v1/payment_links') return { id: `plink_${n}`, object: 'payment_link', url: `https://buy.stripe.com/test_${n}` };
  return null;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const path = req.url ?? '';
      requests.push({ method: req.method ?? '', path, headers: req.headers, form });
      if (failure) {
        res.writeHead(failure.status, { 'content-type': failure.body.startsWith('{') ? 'application/json' : 'text/html' });
        return res.end(failure.body);
      }
      const key = `${path} ${String(req.headers['idempotency-key'])}`;
      const body = replays.get(key) ?? JSON.stringify(answer(path, form));
      replays.set(key, body);
      res.writeHead(body === 'null' ? 404 : 200, { 'content-type': 'application/json', 'request-id': 'req_local' });
      res.end(body === 'null' ? JSON.stringify({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }) : body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
  failure = null;
});

const request = (overrides: Partial<PaymentLinkRequest> = {}): PaymentLinkRequest => ({
  tenantId: 'tenant-1',
  leadId: 'lead-1',
  proposalId: `proposal-${Math.random().toString(36).slice(2)}`,
  amount: 4_999_00n,
  currency: 'INR',
  description: 'Clinic website — starter package',
  customerEmail: 'dr@clinic.in',
  ...overrides,
});

const stripe = (mode: 'checkout' | 'payment_link' = 'checkout') =>
  new StripePayments({
    secretKey: 'sk_test_local',
    apiBaseUrl,
    mode,
    successUrl: 'https://crm.example.com/pay/success?session_id={CHECKOUT_SESSION_ID}',
    cancelUrl: 'https://crm.example.com/pay/cancelled',
  });

async function providerError(promise: Promise<unknown>): Promise<PaymentProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PaymentProviderError);
  return error as PaymentProviderError;
}

describe('StripePayments', () => {
  it('creates a checkout session, form-encoded, with an idempotency key from the proposal', async () => {
    const req = request();
    const link = await stripe().createPaymentLink(req);

    expect(link.providerId).toMatch(/^cs_test_\d+$/);
    expect(link.url).toBe(`https://checkout.stripe.com/c/pay/${link.providerId}`);
    const [call] = requests;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/v1/checkout/sessions');
    expect(call?.headers.authorization).toBe('Bearer sk_test_local');
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call?.headers['idempotency-key']).toBe(`proposal-${req.proposalId}`);
    expect(call?.form).toEqual({
      mode: 'payment',
      'line_items[0][price_data][currency]': 'inr',
      'line_items[0][price_data][unit_amount]': '499900',
      'line_items[0][price_data][product_data][name]': 'Clinic website — starter package',
      'line_items[0][quantity]': '1',
      customer_email: 'dr@clinic.in',
      'metadata[tenantId]': 'tenant-1',
      'metadata[leadId]': 'lead-1',
      'metadata[proposalId]': req.proposalId,
      'payment_intent_data[metadata][tenantId]': 'tenant-1',
      'payment_intent_data[metadata][leadId]': 'lead-1',
      'payment_intent_data[metadata][proposalId]': req.proposalId,
      success_url: 'https://crm.example.com/pay/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://crm.example.com/pay/cancelled',
      client_reference_id: req.proposalId,
    });
  });

  it('gets the same session back when a retried job repeats the call', async () => {
    const req = request({ customerEmail: null });
    const first = await stripe().createPaymentLink(req);
    const second = await stripe().createPaymentLink(req);
    expect(second).toEqual(first);
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([`proposal-${req.proposalId}`, `proposal-${req.proposalId}`]);
    expect(requests[0]?.form).not.toHaveProperty('customer_email');
  });

  it('creates a price then a payment link in payment_link mode', async () => {
    const req = request({ currency: 'usd', amount: 120_00n });
    const link = await stripe('payment_link').createPaymentLink(req);

    expect(link.providerId).toMatch(/^plink_\d+$/);
    expect(link.url).toMatch(/^https:\/\/buy\.stripe\.com\/test_\d+$/);
    expect(requests.map((r) => r.path)).toEqual(['/v1/prices', '/v1/payment_links']);
    const [price, paymentLink] = requests;
    expect(price?.headers['idempotency-key']).toBe(`proposal-${req.proposalId}-price`);
    expect(price?.form).toEqual({ currency: 'usd', unit_amount: '12000', 'product_data[name]': 'Clinic website — starter package' });
    expect(paymentLink?.headers['idempotency-key']).toBe(`proposal-${req.proposalId}`);
    expect(paymentLink?.form).toMatchObject({
      'line_items[0][price]': expect.stringMatching(/^price_\d+$/),
      'line_items[0][quantity]': '1',
      'metadata[proposalId]': req.proposalId,
      'payment_intent_data[metadata][leadId]': 'lead-1',
      'after_completion[type]': 'redirect',
      'after_completion[redirect][url]': 'https://crm.example.com/pay/success?session_id={CHECKOUT_SESSION_ID}',
    });
  });

  it.each([
    ['429 rate limit', { status: 429, body: '{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}' }],
    ['500 api error', { status: 500, body: '{"error":{"type":"api_error","message":"Something went wrong"}}' }],
    ['502 html from a proxy', { status: 502, body: '<html>Bad gateway</html>' }],
  ])('treats a %s as retryable, without retrying inside the SDK', async (_name, reply) => {
    failure = reply;
    const error = await providerError(stripe().createPaymentLink(request()));
    expect(error.retryable).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['400 invalid request', { status: 400, body: '{"error":{"type":"invalid_request_error","param":"line_items[0][price_data][currency]","message":"Invalid currency: xyz"}}' }],
    ['400 idempotency conflict', { status: 400, body: '{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters"}}' }],
    ['401 bad key', { status: 401, body: '{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}' }],
    ['402 card error', { status: 402, body: '{"error":{"type":"card_error","code":"card_declined","message":"Your card was declined."}}' }],
  ])('treats a %s as not retryable', async (_name, reply) => {
    failure = reply;
    const error = await providerError(stripe().createPaymentLink(request()));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^Stripe Stripe\w+Error \(\d{3}\): /);
  });

  it('treats an unreachable API as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new StripePayments({ secretKey: 'sk_test_x', apiBaseUrl: `http://127.0.0.1:${port}`, successUrl: 'https://x.in/ok' });
    expect((await providerError(unreachable.createPaymentLink(request()))).retryable).toBe(true);
  });

  it('refuses an amount above Stripe\'s maximum clearly, before any request (12 digits for IDR, 8 for others)', async () => {
    const payments = stripe();
    expect(payments.refusal(99_999_999n, 'INR')).toBeNull();
    expect(payments.refusal(999_999_999_999n, 'IDR')).toBeNull();
    for (const [amount, currency] of [[100_000_000n, 'INR'], [30_000_000_000n, 'INR'], [1_000_000_000_000n, 'IDR'], [9_223_372_036_854_775_807n, 'USD']] as const) {
      const error = await providerError(payments.createPaymentLink(request({ amount, currency })));
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/^Stripe accepts at most /);
      expect(error.message).toBe(payments.refusal(amount, currency));
    }
    expect(payments.refusal(30_000_000_000n, 'INR')).toBe('Stripe accepts at most ₹9,99,999.99 in one payment, and ₹30,00,00,000.00 is more: lower the total, or collect the payment another way');
    expect(requests).toEqual([]);
  });

  it('sends each currency in Stripe\'s own units: ISK and UGX with two extra decimals, MGA without ISO\'s two, three-decimal ones in tens', async () => {
    const sent = async (amount: bigint, currency: string) => {
      requests = [];
      await stripe().createPaymentLink(request({ amount, currency }));
      return requests[0]?.form['line_items[0][price_data][unit_amount]'];
    };
    expect(await sent(5n, 'ISK')).toBe('500');
    expect(await sent(5n, 'UGX')).toBe('500');
    expect(await sent(500n, 'MGA')).toBe('5');
    expect(await sent(500n, 'JPY')).toBe('500');
    expect(await sent(5_120n, 'KWD')).toBe('5120');
    expect(await sent(999_999_999_999n, 'IDR')).toBe('999999999999');
    requests = [];
    expect(stripe().refusal(150n, 'MGA')).toMatch(/only in whole units/);
    expect(stripe().refusal(5_124n, 'KWD')).toMatch(/whole tens/);
    expect(stripe().refusal(1_000_000n, 'ISK')).toBe('Stripe accepts at most ISK\u00a09,99,999 in one payment, and ISK\u00a010,00,000 is more: lower the total, or collect the payment another way');
  });

  it('validates its options at construction', () => {
    expect(() => new StripePayments({ secretKey: ' ', successUrl: 'https://x.in/ok' })).toThrow(/secretKey/);
    expect(() => new StripePayments({ secretKey: 'sk_test_x' })).toThrow(/successUrl/);
    expect(() => new StripePayments({ secretKey: 'sk_test_x', mode: 'payment_link', apiBaseUrl: 'ftp://x' })).toThrow(/apiBaseUrl/);
    expect(() => new StripePayments({ secretKey: 'sk_test_x', mode: 'invoice' as 'checkout' })).toThrow(/mode/);
    expect(new StripePayments({ secretKey: 'sk_test_x', mode: 'payment_link' }).id).toBe('stripe');
  });
});
