import Stripe from 'stripe';
import { z } from 'zod';
import type { PaymentLink, PaymentLinkRequest, Payments } from '../../../core/payments/payments.ts';
import { PaymentProviderError } from '../errors.ts';
import { parseProviderOptions } from '../provider-options.ts';
import { stripeRefusal, toStripeUnits } from './stripe-amounts.ts';
import { toPaymentProviderError } from './stripe-errors.ts';

const optionsSchema = z
  .object({
    secretKey: z.string().trim().min(1, 'is required'),
    /** Another API host (a local wire-format server in tests); only scheme, host and port are used. */
    apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    mode: z.enum(['checkout', 'payment_link']).default('checkout'),
    successUrl: z.url().optional(),
    cancelUrl: z.url().optional(),
    timeoutMs: z.number().int().positive().default(20_000),
  })
  .refine((o) => o.mode !== 'checkout' || o.successUrl !== undefined, {
    path: ['successUrl'],
    message: 'is required in checkout mode',
  });
export type StripePaymentsOptions = z.input<typeof optionsSchema>;

/**
 * Collects a proposal's payment through Stripe: a Checkout Session (expires within a day) or a
 * Payment Link (lasts). Each create carries an idempotency key derived from the proposal, so a
 * retried job gets the same link back instead of a second one.
 */
export class StripePayments implements Payments {
  static readonly id = 'stripe';
  readonly id = StripePayments.id;
  private readonly stripe: Stripe;
  private readonly options: z.output<typeof optionsSchema>;

  constructor(options: StripePaymentsOptions) {
    this.options = parseProviderOptions(StripePayments.id, optionsSchema, options);
    const base = this.options.apiBaseUrl ? new URL(this.options.apiBaseUrl) : null;
    const protocol = base?.protocol === 'http:' ? 'http' : 'https';
    this.stripe = new Stripe(this.options.secretKey, {
      // Our job queue retries with backoff; the SDK must not retry on its own.
      maxNetworkRetries: 0,
      timeout: this.options.timeoutMs,
      ...(base ? { host: base.hostname, port: base.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
    });
  }

  /** Stripe's own limits (maximum amount value, units it can charge), checked before any request. */
  refusal(amount: bigint, currency: string): string | null {
    return stripeRefusal(amount, currency);
  }

  async createPaymentLink(request: PaymentLinkRequest): Promise<PaymentLink> {
    // Refused clearly here, never by the SDK or the API with a less helpful message; no retry can help.
    const refusal = stripeRefusal(request.amount, request.currency);
    if (refusal) throw new PaymentProviderError(refusal, false);
    try {
      return this.options.mode === 'checkout' ? await this.checkoutSession(request) : await this.paymentLink(request);
    } catch (error) {
      throw toPaymentProviderError(error);
    }
  }

  private async checkoutSession(request: PaymentLinkRequest): Promise<PaymentLink> {
    const metadata = metadataOf(request);
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [{ price_data: priceData(request), quantity: 1 }],
        customer_email: request.customerEmail ?? undefined,
        metadata,
        payment_intent_data: { metadata },
        success_url: this.options.successUrl,
        cancel_url: this.options.cancelUrl,
        client_reference_id: request.proposalId,
      },
      { idempotencyKey: `proposal-${request.proposalId}` },
    );
    if (!session.url) throw new PaymentProviderError(`Stripe returned checkout session ${session.id} without a url`, false);
    return { url: session.url, providerId: session.id };
  }

  private async paymentLink(request: PaymentLinkRequest): Promise<PaymentLink> {
    const metadata = metadataOf(request);
    // Keys are per endpoint at Stripe: the price gets its own, derived from the same proposal.
    const price = await this.stripe.prices.create(priceData(request), { idempotencyKey: `proposal-${request.proposalId}-price` });
    const successUrl = this.options.successUrl;
    const link = await this.stripe.paymentLinks.create(
      {
        line_items: [{ price: price.id, quantity: 1 }],
        metadata,
        payment_intent_data: { metadata },
        ...(successUrl ? { after_completion: { type: 'redirect', redirect: { url: successUrl } } } : {}),
      },
      { idempotencyKey: `proposal-${request.proposalId}` },
    );
    return { url: link.url, providerId: link.id };
  }
}

const metadataOf = (r: PaymentLinkRequest) => ({ tenantId: r.tenantId, leadId: r.leadId, proposalId: r.proposalId });

/** Within Stripe's maximum (checked first), so its units fit a JS number exactly. */
const priceData = (r: PaymentLinkRequest) => ({
  currency: r.currency.toLowerCase(),
  unit_amount: Number(toStripeUnits(r.amount, r.currency)),
  product_data: { name: r.description },
});
