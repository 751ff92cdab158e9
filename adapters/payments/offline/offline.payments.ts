import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PaymentLink, PaymentLinkRequest, Payments } from '../../../core/payments/payments.ts';
import { parseProviderOptions } from '../provider-options.ts';
import { toStripeUnits } from '../stripe/stripe-amounts.ts';

const optionsSchema = z.object({
  /** Where our own checkout page is served, e.g. https://crm.example.com. */
  publicUrl: z.url({ protocol: /^https?$/ }),
});
export type OfflinePaymentsOptions = z.input<typeof optionsSchema>;

/**
 * The default when a tenant has no Stripe key: our own checkout page at /pay/<token>. The token is
 * the only secret in the link (192 random bits); the caller stores it with the proposal, and the
 * page confirms payment through buildCheckoutCompletedEvent so the funnel sees a Stripe-shaped event.
 */
export class OfflinePayments implements Payments {
  static readonly id = 'offline';
  readonly id = OfflinePayments.id;
  private readonly publicUrl: string;

  constructor(options: OfflinePaymentsOptions) {
    this.publicUrl = parseProviderOptions(OfflinePayments.id, optionsSchema, options).publicUrl.replace(/\/+$/, '');
  }

  /** No maximum but what a proposal holds; the amount must only be writable in the Stripe-format event the page posts. */
  refusal(amount: bigint, currency: string): string | null {
    return toStripeUnits(amount, currency) === null ? `the checkout can take ${currency} only in whole units` : null;
  }

  async createPaymentLink(_request: PaymentLinkRequest): Promise<PaymentLink> {
    const token = randomBytes(24).toString('base64url');
    return { url: `${this.publicUrl}/pay/${token}`, providerId: token };
  }
}
