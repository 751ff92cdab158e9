import { AiUnavailableError, type AiAssistant } from '../core/ai/ai-assistant.ts';
import { ChannelError, type Channel, type ChannelKind } from '../core/channels/channel.ts';
import type { Payments } from '../core/payments/payments.ts';
import { PaymentProviderError } from './payments/errors.ts';

/**
 * Stand-ins for a tenant's provider that cannot be set up (its key is gone, its setting names
 * nothing we have): every call fails at once with the reason and is not retried, so each step
 * records the reason on its lead (a failed message, a timeline entry) instead of failing a job again
 * and again, or a request with an internal error.
 */
export class UnavailableAi implements AiAssistant {
  constructor(
    readonly id: string,
    private readonly reason: string,
  ) {}

  private fail(): never {
    throw new AiUnavailableError(this.reason, false);
  }

  writeOutreach = async () => this.fail();
  classifyReply = async () => this.fail();
  writeProposal = async () => this.fail();
  draftAnswer = async () => this.fail();
}

export class UnavailableChannel implements Channel {
  constructor(
    readonly id: string,
    private readonly reason: string,
    readonly kind: ChannelKind = 'email',
  ) {}

  async send(): Promise<never> {
    // Not permanent: the address is fine, the setup is not; nothing is suppressed, no lead is lost.
    throw new ChannelError(this.reason, false, false);
  }
}

export class UnavailablePayments implements Payments {
  constructor(
    readonly id: string,
    private readonly reason: string,
  ) {}

  refusal(): string {
    return this.reason;
  }

  async createPaymentLink(): Promise<never> {
    throw new PaymentProviderError(this.reason, false);
  }
}
