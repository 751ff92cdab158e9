/**
 * What a provider reports about a message it accepted, in our words. Adapters map their vendor's
 * statuses to these (e.g. Twilio's queued/sending/accepted are PENDING, undelivered is FAILED).
 */
export type ReportedDelivery = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A delivery report (status callback), whatever the provider. */
export interface DeliveryUpdate {
  provider: string;
  /** The provider's id for the message (Twilio's MessageSid). */
  providerMessageId: string;
  status: ReportedDelivery;
  /** Why it failed, for people ("Twilio error 30006: landline or unreachable carrier"). */
  error: string | null;
  /** A failure that says the number can never be reached: suppress it this way. */
  suppressAs: 'bounce' | 'opt_out' | null;
}

type Stored = 'composing' | 'draft' | 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'suppressed' | 'received';

/**
 * The status a message takes from a report, given where it is: reports only move it forward (sent →
 * delivered → read; sent or delivered → failed), whatever order they arrive in; 'later' when we have
 * not recorded the provider's acceptance yet (the report overtook it); null when nothing changes.
 */
export function statusAfterReport(current: Stored, reported: ReportedDelivery): 'delivered' | 'read' | 'failed' | 'later' | null {
  if (current === 'queued' || current === 'sending') return reported === 'pending' ? null : 'later';
  switch (reported) {
    case 'pending':
    case 'sent':
      return null;
    case 'delivered':
      return current === 'sent' ? 'delivered' : null;
    case 'read':
      return current === 'sent' || current === 'delivered' ? 'read' : null;
    case 'failed':
      return current === 'sent' || current === 'delivered' ? 'failed' : null;
  }
}
