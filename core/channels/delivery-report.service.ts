import type { AutopilotDeps } from '../autopilot/autopilot.deps.ts';
import type { Message } from '../autopilot/autopilot.types.ts';
import { closeUnreachable } from '../autopilot/unreachable.ts';
import { TimelineKind } from '../leads/lead.types.ts';
import { channelName } from './channel-choice.ts';
import { statusAfterReport, type DeliveryUpdate } from './delivery-status.ts';

/** How often a report that overtook our record of the send is looked at again (5 s, 10 s, … about 2.5 minutes in all). */
export const MAX_REPORT_ATTEMPTS = 5;

/**
 * Delivery reports (status callbacks) for messages a provider accepted: queued, sent, delivered,
 * read, failed, undelivered. They move the message forward only, in whatever order they arrive; a
 * failure is said on the lead's timeline, and a number that can never be reached (or opted out at
 * the provider) is suppressed. A report that arrives before we recorded the provider's acceptance
 * is looked at again shortly (a job), never applied to a message still being sent.
 */
export class DeliveryReportService {
  constructor(private readonly deps: AutopilotDeps) {}

  apply(update: DeliveryUpdate, attempt = 0): Promise<{ message: Message | null; changed: boolean }> {
    return this.deps.uow.run(async (tx) => {
      const message = await tx.messages.findSentByProviderId(update.provider, update.providerMessageId, { forUpdate: true });
      const next = message ? statusAfterReport(message.status, update.status) : 'later';
      if (next === 'later') {
        if (attempt < MAX_REPORT_ATTEMPTS) {
          const startAfter = new Date(this.deps.now().getTime() + 5_000 * 2 ** attempt);
          await tx.jobs.send('message.report', { tenantId: this.deps.tenantId, update, attempt: attempt + 1 }, { startAfter });
        }
        return { message, changed: false };
      }
      if (!message || !next) return { message, changed: false };
      const updated = await tx.messages.update(message.id, [message.status], { status: next, ...(next === 'failed' ? { error: update.error } : {}) });
      if (!updated || next !== 'failed' || !message.leadId) return { message: updated ?? message, changed: Boolean(updated) };
      const actor = { type: 'provider' as const, id: null, name: update.provider };
      const reason = `The ${message.purpose.replace('_', ' ')} by ${channelName(message.channel)} to ${message.toAddress} was not delivered: ${update.error ?? 'the provider reported a failure'}`;
      await tx.leads.appendTimeline([{ leadId: message.leadId, kind: TimelineKind.FAILURE, actor, reason, data: { messageId: message.id } }]);
      if (update.suppressAs && message.toAddress) await closeUnreachable(tx, message.leadId, message.toAddress, update.suppressAs, actor, update.error ?? reason);
      return { message: updated, changed: true };
    });
  }
}
