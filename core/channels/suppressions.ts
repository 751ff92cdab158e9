/**
 * Why an address (an email address, or a phone number in E.164 for SMS and WhatsApp alike) is on a
 * tenant's suppression list: nothing is ever sent to it again. `opt_out` is a number's own STOP (or
 * an equivalent), which only a START from that number lifts.
 */
export type SuppressionReason = 'unsubscribe' | 'bounce' | 'complaint' | 'manual' | 'opt_out';

export interface Suppression {
  address: string;
  reason: SuppressionReason;
  leadId: string | null;
  /** The reply whose classification asked for it; null for the recipient's own act, a bounce, a complaint. */
  messageId: string | null;
}

/** Port: the tenant's suppression list, inside one unit of work. */
export interface SuppressionList {
  isSuppressed(address: string): Promise<boolean>;
  /** The addresses of `addresses` that are suppressed (lower-cased). */
  suppressedAmong(addresses: readonly string[]): Promise<Set<string>>;
  /** Adds the address once; `messageId` names the reply whose classification asked for it. */
  suppress(address: string, reason: SuppressionReason, leadId: string | null, messageId?: string | null): Promise<void>;
  /** The entries of these addresses, with where each came from. */
  suppressionsOf(addresses: readonly string[]): Promise<Suppression[]>;
  /** Removes what a reply's classification added (that classification was wrong); returns the addresses. */
  liftForReply(messageId: string): Promise<string[]>;
  /** A number opted back in (START): removes its own opt-outs and unsubscribes; true when there were any. */
  liftOptOut(address: string): Promise<boolean>;
}

/** Why a suppression keeps a lead closed, in the words a user reads. */
export function suppressionReason(suppression: Suppression): string {
  switch (suppression.reason) {
    case 'unsubscribe':
      return suppression.messageId
        ? `a reply from ${suppression.address} asked to unsubscribe (correct that reply's classification in the inbox first)`
        : `${suppression.address} unsubscribed with the link in an email`;
    case 'bounce':
      return suppression.address.startsWith('+')
        ? `messages to ${suppression.address} cannot be delivered (the number is invalid or unreachable)`
        : `email to ${suppression.address} bounced (the address does not accept mail)`;
    case 'opt_out':
      return `${suppression.address} opted out by replying STOP (only a START from that number lifts it)`;
    case 'complaint':
      return `${suppression.address} marked an email as spam`;
    case 'manual':
      return `${suppression.address} is on the suppression list`;
  }
}
