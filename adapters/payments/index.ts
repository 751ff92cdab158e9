import type { Payments } from '../../core/payments/payments.ts';
import { OfflinePayments } from './offline/offline.payments.ts';
import { StripePayments } from './stripe/stripe.payments.ts';

export { PaymentProviderError } from './errors.ts';
export { OfflinePayments } from './offline/offline.payments.ts';
export { buildCheckoutCompletedEvent } from './offline/checkout-event.ts';
export type { OfflineCheckoutInput, SignedCheckoutEvent } from './offline/checkout-event.ts';
export { StripePayments } from './stripe/stripe.payments.ts';
export { stripeWebhookVerifier } from './stripe/webhook.ts';

export type PaymentsProviderId = 'offline' | 'stripe';

export interface PaymentsSettings {
  provider: PaymentsProviderId;
  secretKey?: string | null;
  apiBaseUrl?: string | null;
  mode?: 'checkout' | 'payment_link';
  /** Our public origin: the offline checkout page, and Stripe's return pages, live under it. */
  publicUrl: string;
  successUrl?: string | null;
  cancelUrl?: string | null;
}

/** Picks the payments driver from settings; offline is the harmless default when no Stripe key is set. */
export function createPayments(settings: PaymentsSettings): Payments {
  switch (settings.provider) {
    case 'offline':
      return new OfflinePayments({ publicUrl: settings.publicUrl });
    case 'stripe': {
      if (!settings.secretKey) throw new Error('stripe: a secret key is required (set one, or use the offline provider)');
      const origin = settings.publicUrl.replace(/\/+$/, '');
      return new StripePayments({
        secretKey: settings.secretKey,
        apiBaseUrl: settings.apiBaseUrl ?? undefined,
        mode: settings.mode ?? 'checkout',
        successUrl: settings.successUrl ?? `${origin}/pay/success?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: settings.cancelUrl ?? `${origin}/pay/cancelled`,
      });
    }
    default:
      return assertUnreachable(settings.provider);
  }
}

function assertUnreachable(provider: never): never {
  throw new Error(`unknown payments provider: ${String(provider)}`);
}
