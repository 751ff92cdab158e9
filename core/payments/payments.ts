export interface PaymentLinkRequest {
  tenantId: string;
  leadId: string;
  proposalId: string;
  /** Minor units (ISO 4217 exponent of `currency`). */
  amount: bigint;
  currency: string;
  description: string;
  customerEmail: string | null;
}

export interface PaymentLink {
  url: string;
  /** The provider's id (Stripe Payment Link or Checkout Session id; the offline token). */
  providerId: string;
}

/** A verified payment event, reduced to what the funnel needs. */
export interface PaymentEvent {
  eventId: string;
  /** The provider's event type, e.g. checkout.session.completed. */
  type: string;
  /** True for a completed, paid checkout (or an async payment that succeeded). */
  paid: boolean;
  tenantId: string | null;
  leadId: string | null;
  proposalId: string | null;
  /** Minor units (ISO 4217 exponent), exactly as the provider sent them; null when absent or not a whole amount. */
  amount: bigint | null;
  currency: string | null;
  providerPaymentId: string | null;
  /** When the provider made the event; null when its payload does not say (see `ignored`). */
  created: Date | null;
  /**
   * Why a verified event is not acted on: its payload is malformed, or it is not one of ours (ids
   * that are not ours, another tenant's). It is acknowledged and recorded with this reason, not refused
   * (a refusal makes the provider retry it for days). Null for an event to act on.
   */
  ignored: string | null;
}

/** A webhook whose signature or timestamp does not verify (or that has no body to verify). */
export class PaymentWebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentWebhookError';
  }
}

/** Port: collecting a proposal's payment. */
export interface Payments {
  readonly id: string;
  /**
   * Why this provider cannot collect `amount` in `currency` (above its maximum, or not an amount it
   * can charge), in a sentence for a person; null when it can. Asked before a link is created.
   */
  refusal(amount: bigint, currency: string): string | null;
  createPaymentLink(request: PaymentLinkRequest): Promise<PaymentLink>;
}

/**
 * Verifies a webhook on its raw body with the tenant's signing secret; throws PaymentWebhookError
 * when it does not verify. A verified body is always an event: one whose payload cannot be used
 * comes back with `ignored` saying why.
 */
export interface PaymentWebhookVerifier {
  verify(rawBody: Buffer, signature: string | undefined, secret: string): PaymentEvent;
}
