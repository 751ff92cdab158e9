import Stripe from 'stripe';
import { PaymentWebhookError } from '../../../core/payments/payments.ts';
import type { PaymentEvent, PaymentWebhookVerifier } from '../../../core/payments/payments.ts';
import { fromStripeUnits } from './stripe-amounts.ts';

/** Stripe's default: a signed event older than five minutes is a replay. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

type StripeObject = Record<string, unknown>;

/** Verifies a Stripe webhook on its raw body (signature, then age, then JSON) and reduces it to a PaymentEvent. */
export const stripeWebhookVerifier: PaymentWebhookVerifier = {
  verify(rawBody, signature, secret) {
    if (!signature) throw new PaymentWebhookError('missing Stripe-Signature header');
    if (rawBody.length === 0) throw new PaymentWebhookError('webhook body is empty');
    let event: unknown;
    try {
      // Stripe's check of signature and age; the body is then read by us, with amounts exact:
      // JSON.parse rounds integers past 2^53, so an amount one minor unit off a huge total would compare equal.
      Stripe.webhooks.signature!.verifyHeader(rawBody, signature, secret, STRIPE_WEBHOOK_TOLERANCE_SECONDS);
      event = parseWithExactAmounts(rawBody.toString('utf8'));
    } catch (error) {
      throw new PaymentWebhookError(describeFailure(error));
    }
    return toPaymentEvent(event);
  },
};

function describeFailure(error: unknown): string {
  if (error instanceof SyntaxError) return 'webhook body is not valid JSON';
  const message = (error as Error)?.message ?? String(error);
  if (/tolerance zone/i.test(message)) return 'webhook timestamp is outside the 5-minute tolerance (stale or replayed)';
  if (/no signatures found matching/i.test(message)) return 'webhook signature does not match (wrong secret or altered body)';
  if (/secret/i.test(message)) return 'no webhook signing secret configured';
  if (/header|scheme/i.test(message)) return `malformed Stripe-Signature header: ${message}`;
  return `webhook does not verify: ${message.split('\n')[0]}`;
}

function toPaymentEvent(event: unknown): PaymentEvent {
  const object = isObject(event) && isObject(event.data) ? event.data.object : undefined;
  if (!isObject(event) || typeof event.id !== 'string' || typeof event.type !== 'string' || !isObject(object) || typeof event.created !== 'number') {
    throw new PaymentWebhookError('webhook body is not a Stripe event');
  }
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const isIntent = object.object === 'payment_intent';
  const currency = text(object.currency);
  const amount = whole(isIntent ? object.amount_received : object.amount_total) ?? whole(object.amount);
  return {
    eventId: event.id,
    type: event.type,
    paid: isPaid(event.type, object),
    tenantId: text(metadata.tenantId),
    leadId: text(metadata.leadId),
    proposalId: text(metadata.proposalId),
    amount: amount !== null && currency ? fromStripeUnits(amount, currency) : null,
    currency: currency ? currency.toUpperCase() : null,
    providerPaymentId: isIntent ? text(object.id) : (idOf(object.payment_intent) ?? text(object.id)),
    created: new Date(event.created * 1000),
  };
}

const AMOUNT_KEYS = new Set(['amount', 'amount_total', 'amount_received']);
type SourceReviver = (key: string, value: unknown, context: { source?: string }) => unknown;

/** JSON.parse where an amount is a bigint read from its own digits (a fraction or an exponent is no amount: null). */
function parseWithExactAmounts(text: string): unknown {
  const reviver: SourceReviver = (key, value, context) => {
    if (!AMOUNT_KEYS.has(key) || typeof value !== 'number') return value;
    return context.source !== undefined && /^-?\d+$/.test(context.source) ? BigInt(context.source) : null;
  };
  return JSON.parse(text, reviver as Parameters<typeof JSON.parse>[1]);
}

function isPaid(type: string, object: StripeObject): boolean {
  switch (type) {
    case 'checkout.session.completed':
      return object.payment_status === 'paid';
    case 'checkout.session.async_payment_succeeded':
    case 'payment_intent.succeeded':
      return true;
    default:
      return false;
  }
}

const isObject = (value: unknown): value is StripeObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const whole = (value: unknown): bigint | null => (typeof value === 'bigint' ? value : null);
/** An expandable field: an id, or the expanded object carrying one. */
const idOf = (value: unknown): string | null => (isObject(value) ? text(value.id) : text(value));
