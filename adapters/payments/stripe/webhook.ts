import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import { PaymentWebhookError } from '../../../core/payments/payments.ts';
import type { PaymentEvent, PaymentWebhookVerifier } from '../../../core/payments/payments.ts';
import { MAX_MINOR_UNITS } from '../../../core/money/money.ts';
import { fromStripeUnits } from './stripe-amounts.ts';

/** Stripe's default: a signed event older than five minutes is a replay. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;
/** Longer ids and types are not Stripe's (theirs are a few dozen characters); they would not fit a key either. */
const MAX_ID_LENGTH = 255;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type StripeObject = Record<string, unknown>;

/**
 * Verifies a Stripe webhook on its raw body (signature and age: refused when they do not check out),
 * then reads the event. A verified event is acknowledged whatever its payload: one that is malformed
 * or names ids that are not ours comes back `ignored`, with the reason.
 */
export const stripeWebhookVerifier: PaymentWebhookVerifier = {
  verify(rawBody, signature, secret) {
    if (!signature) throw new PaymentWebhookError('missing Stripe-Signature header');
    if (rawBody.length === 0) throw new PaymentWebhookError('webhook body is empty');
    try {
      Stripe.webhooks.signature!.verifyHeader(rawBody, signature, secret, STRIPE_WEBHOOK_TOLERANCE_SECONDS);
    } catch (error) {
      throw new PaymentWebhookError(describeFailure(error));
    }
    let event: unknown;
    try {
      // The body is read by us, with amounts exact: JSON.parse rounds integers past 2^53, so an
      // amount one minor unit off a huge total would compare equal.
      event = parseWithExactAmounts(rawBody.toString('utf8'));
    } catch {
      return ignoredEvent(rawBody, null, 'the body is not valid JSON');
    }
    return toPaymentEvent(event, rawBody);
  },
};

function describeFailure(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  if (/tolerance zone/i.test(message)) return 'webhook timestamp is outside the 5-minute tolerance (stale or replayed)';
  if (/no signatures found matching/i.test(message)) return 'webhook signature does not match (wrong secret or altered body)';
  if (/secret/i.test(message)) return 'no webhook signing secret configured';
  if (/header|scheme/i.test(message)) return `malformed Stripe-Signature header: ${message}`;
  return `webhook does not verify: ${message.split('\n')[0]}`;
}

/** A verified event we will not act on; without a usable id of its own, it is known by its body's hash (a redelivery is still a duplicate). */
function ignoredEvent(rawBody: Buffer, event: StripeObject | null, reason: string): PaymentEvent {
  const id = event && usableText(event.id) ? (event.id as string) : `body:${createHash('sha256').update(rawBody).digest('hex')}`;
  const type = event && usableText(event.type) ? (event.type as string) : 'unknown';
  return { eventId: id, type, paid: false, tenantId: null, leadId: null, proposalId: null, amount: null, currency: null, providerPaymentId: null, created: null, ignored: reason };
}

function toPaymentEvent(event: unknown, rawBody: Buffer): PaymentEvent {
  if (!isObject(event)) return ignoredEvent(rawBody, null, 'the body is not a Stripe event (not a JSON object)');
  if (!usableText(event.id)) return ignoredEvent(rawBody, event, `the event has no usable id (a string of 1-${MAX_ID_LENGTH} characters)`);
  if (!usableText(event.type)) return ignoredEvent(rawBody, event, `the event has no usable type (a string of 1-${MAX_ID_LENGTH} characters)`);
  const object = isObject(event.data) ? event.data.object : undefined;
  if (!isObject(object)) return ignoredEvent(rawBody, event, 'the event has no data.object');
  if (typeof event.created !== 'number' || !Number.isFinite(event.created)) return ignoredEvent(rawBody, event, 'the event\'s created is not a number');
  const metadata = isObject(object.metadata) ? object.metadata : {};
  for (const key of ['tenantId', 'leadId', 'proposalId']) {
    const value = metadata[key];
    if (value !== undefined && value !== null && value !== '' && !(typeof value === 'string' && UUID.test(value))) {
      return ignoredEvent(rawBody, event, `metadata.${key} is not a UUID: not an event of this CRM`);
    }
  }
  const isIntent = object.object === 'payment_intent';
  const currency = text(object.currency);
  const amount = whole(isIntent ? object.amount_received : object.amount_total) ?? whole(object.amount);
  const minor = amount !== null && currency ? fromStripeUnits(amount, currency) : null;
  // No payment we could have asked for is negative or past what an amount column holds.
  if (minor !== null && (minor < 0n || minor > MAX_MINOR_UNITS)) return ignoredEvent(rawBody, event, `the amount ${amount} is not one this CRM could have asked for (0 to ${MAX_MINOR_UNITS} minor units)`);
  return {
    eventId: event.id as string,
    type: event.type as string,
    paid: isPaid(event.type as string, object),
    tenantId: text(metadata.tenantId),
    leadId: text(metadata.leadId),
    proposalId: text(metadata.proposalId),
    amount: minor,
    currency: currency ? currency.toUpperCase() : null,
    providerPaymentId: isIntent ? text(object.id) : (idOf(object.payment_intent) ?? text(object.id)),
    created: new Date(event.created * 1000),
    ignored: null,
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
const usableText = (value: unknown): boolean => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && !value.includes('\u0000');
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH && !value.includes('\u0000') ? value : null);
const whole = (value: unknown): bigint | null => (typeof value === 'bigint' ? value : null);
/** An expandable field: an id, or the expanded object carrying one. */
const idOf = (value: unknown): string | null => (isObject(value) ? text(value.id) : text(value));
