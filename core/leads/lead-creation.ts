import type { JobQueue } from '../autopilot/jobs.ts';
import type { Actor } from '../context.ts';
import type { NormalizedLead } from './lead-input.ts';
import type { LeadStore } from './lead.store.ts';
import { TimelineKind, type Lead } from './lead.types.ts';

export interface NewLeadRecord {
  lead: NormalizedLead;
  actor: Actor;
  /** Kept on the "created" timeline entry (how the lead came: by hand, by API, found by a search). */
  data: Record<string, unknown>;
  reason?: string | null;
}

export type CreationOutcome = { lead: Lead } | { duplicateOf: string };

/**
 * The one way a lead is created one at a time (createLead, a search's found businesses): inserted in
 * NEW, its creation on the timeline, and the autopilot (when on) told that NEW leads wait. A lead
 * whose email another lead of the tenant has is not inserted: its outcome names that lead.
 */
export async function insertLeads(store: LeadStore, jobs: JobQueue, tenantId: string, records: readonly NewLeadRecord[]): Promise<CreationOutcome[]> {
  const outcomes: CreationOutcome[] = [];
  for (const record of records) {
    const inserted = await store.insert(record.lead, {});
    outcomes.push('duplicateOf' in inserted ? { duplicateOf: inserted.duplicateOf } : { lead: inserted.lead as Lead });
  }
  const entries = records.flatMap((record, i) => {
    const outcome = outcomes[i] as CreationOutcome;
    return 'lead' in outcome ? [{ leadId: outcome.lead.id, kind: TimelineKind.CREATED, actor: record.actor, reason: record.reason ?? null, data: { via: record.actor.type, ...record.data } }] : [];
  });
  if (!entries.length) return outcomes;
  await store.appendTimeline(entries);
  // The autopilot (when on) picks NEW leads up from here; one dispatch per tenant is queued at most.
  if (await store.autopilotOn()) await jobs.send('autopilot.dispatch', { tenantId }, { singletonKey: tenantId });
  return outcomes;
}
