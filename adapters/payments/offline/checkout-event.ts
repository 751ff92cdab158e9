import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import { toStripeUnits } from '../stripe/stripe-amounts.ts';

export interface OfflineCheckoutInput {
  tenantId: string;
  leadId: string;
  proposalId: string;
  /** ISO minor units; the event carries them in Stripe's units, as Stripe would. */
  amount: bigint;
  currency: string;
  customerEmail: string | null;
  /** The offline link's token (OfflinePayments' providerId). */
  token: string;
}

export interface SignedCheckoutEvent {
  payload: string;
  /** The Stripe-Signature header value. */
  signature: string;
  eventId: string;
}

const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** Stripe-looking ids derived from the token: confirming the same checkout twice yields the same event id (deduplicated downstream). */
function derivedId(prefix: string, token: string): string {
  return prefix + createHash('sha256').update(`${prefix}${token}`).digest('hex').slice(0, 24);
}

/**
 * Builds and signs a `checkout.session.completed` event exactly as Stripe sends it, so an offline
 * payment travels the same webhook path (stripeWebhookVerifier) as a Stripe one.
 */
export function buildCheckoutCompletedEvent(input: OfflineCheckoutInput, secret: string, now: Date = new Date()): SignedCheckoutEvent {
  const units = toStripeUnits(input.amount, input.currency);
  if (units === null) throw new RangeError(`${input.amount} minor units of ${input.currency} cannot be written in Stripe's units`);
  // A bare JSON number of any size, written from its digits (JSON.stringify cannot write a bigint).
  const amount = rawJson(units.toString());
  const created = Math.floor(now.getTime() / 1000);
  const eventId = derivedId('evt_', input.token);
  const metadata = { tenantId: input.tenantId, leadId: input.leadId, proposalId: input.proposalId };
  const session = {
    id: derivedId('cs_test_', input.token),
    object: 'checkout.session',
    amount_subtotal: amount,
    amount_total: amount,
    client_reference_id: input.proposalId,
    created,
    currency: input.currency.toLowerCase(),
    customer: null,
    customer_details: { email: input.customerEmail, name: null, phone: null, address: null, tax_exempt: 'none', tax_ids: [] },
    customer_email: input.customerEmail,
    livemode: false,
    metadata,
    mode: 'payment',
    payment_intent: derivedId('pi_', input.token),
    payment_link: null,
    payment_method_types: ['card'],
    payment_status: 'paid',
    status: 'complete',
    success_url: null,
    cancel_url: null,
    url: null,
  };
  const event = {
    id: eventId,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    data: { object: session },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
  };
  const payload = JSON.stringify(event, null, 2);
  // Signed now (not at `now`): the verifier rejects signatures older than its tolerance.
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return { payload, signature, eventId };
}
