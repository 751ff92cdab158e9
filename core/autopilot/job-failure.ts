import { TimelineKind } from '../leads/lead.types.ts';
import { autopilotActor } from './autopilot.deps.ts';
import type { TenantTx } from './autopilot.ports.ts';
import type { JobName } from './jobs.ts';

type FailedPayload = { leadId?: string | null; messageId?: string; proposalId?: string; step?: number };

/**
 * A job out of retries: its lead's timeline says so with the reason, and a message the job left half
 * way is marked failed with it, so nothing stays "composing" or "sending" for ever.
 */
export async function recordJobFailure(tx: TenantTx, name: JobName, payload: FailedPayload, reason: string): Promise<void> {
  const error = `${name} failed after every retry: ${reason}`.slice(0, 2000);
  let leadId = payload.leadId ?? null;
  if (name === 'outreach.compose' && payload.leadId && payload.step !== undefined) {
    const message = await tx.messages.findOutbound(payload.leadId, payload.step === 0 ? 'outreach' : 'follow_up', payload.step);
    if (message) await tx.messages.update(message.id, ['composing'], { status: 'failed', error });
  }
  if (payload.messageId) {
    const message = await tx.messages.find(payload.messageId);
    if (message && name === 'message.send') await tx.messages.update(message.id, ['queued', 'sending'], { status: 'failed', error });
    leadId ??= message?.leadId ?? null;
  }
  if (!leadId && payload.proposalId) leadId = (await tx.records.findProposal(payload.proposalId))?.leadId ?? null;
  if (!leadId) return;
  await tx.leads.appendTimeline([{ leadId, kind: TimelineKind.FAILURE, actor: autopilotActor, reason: error, data: { job: name } }]);
}
