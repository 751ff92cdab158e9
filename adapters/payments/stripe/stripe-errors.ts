import Stripe from 'stripe';
import { PaymentProviderError } from '../errors.ts';

/** Rate limits, Stripe's own failures (5xx, 409 lock conflicts, garbled answers) and lost connections pass with time. */
const RETRYABLE_TYPES = new Set(['StripeRateLimitError', 'StripeAPIError', 'StripeConnectionError']);

/** Card, invalid-request, idempotency, authentication and permission errors need a person, not a retry. */
export function toPaymentProviderError(error: unknown): PaymentProviderError {
  if (error instanceof PaymentProviderError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const retryable = RETRYABLE_TYPES.has(error.type) || (error.statusCode ?? 0) >= 500;
    const status = error.statusCode ? ` (${error.statusCode})` : '';
    return new PaymentProviderError(`Stripe ${error.type}${status}: ${error.message}`, retryable, { cause: error });
  }
  return new PaymentProviderError(`Stripe request failed: ${(error as Error)?.message ?? String(error)}`, false, { cause: error });
}
