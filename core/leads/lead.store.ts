import type { JobQueue } from '../autopilot/jobs.ts';
import type { SuppressionList } from '../channels/suppressions.ts';
import type { LeadStatus, TransitionTrigger } from '../lifecycle/lead-lifecycle.ts';
import type { NormalizedLead } from './lead-input.ts';
import type { Lead, LeadCursor, LeadFilter, LeadOrder, LeadInList, NewTimelineEntry, TimelineEntry } from './lead.types.ts';
import type { PageSlice } from '../paging.ts';

/** The result of inserting one lead of a batch: its id, or the lead that already has its email. */
export type InsertOutcome = { inserted: string } | { duplicateOf: string };

/** Port: a tenant's leads and their timeline, inside one unit of work (one transaction). */
export interface LeadStore {
  insert(lead: NormalizedLead, meta: { importId?: string | null }): Promise<InsertOutcome & { lead?: Lead }>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Lead | null>;
  /** With `forUpdate`, rows are locked in id order (so two batches cannot deadlock; foreign-key checks of inserts are not blocked). */
  findByIds(ids: readonly string[], options?: { forUpdate?: boolean }): Promise<Lead[]>;
  findByEmail(email: string): Promise<Lead | null>;
  /** The newest lead with this phone number (E.164); phones are not unique. */
  findByPhone(phone: string): Promise<Lead | null>;
  /** Up to slice.size + 1 leads from the cursor on, in the slice's direction (see core/paging.ts). */
  page(query: { slice: PageSlice<LeadCursor>; filter: LeadFilter; orderBy: LeadOrder }): Promise<LeadInList[]>;
  count(filter: LeadFilter): Promise<number>;
  /** Applies a patch when the lead still has `expectedVersion`; null when it has changed or is gone. */
  update(id: string, patch: Partial<NormalizedLead>, expectedVersion: number): Promise<Lead | null>;
  /** Deletes the lead only while its status is one of `statuses`. */
  delete(id: string, statuses: readonly LeadStatus[]): Promise<boolean>;
  /** Compare-and-set of the status, recording what moved it: null when the lead is no longer in `from`. */
  moveStatus(id: string, from: LeadStatus, to: LeadStatus, trigger: TransitionTrigger): Promise<Lead | null>;
  /** `moveStatus` for many leads in one statement; returns the leads that moved. */
  moveStatuses(moves: ReadonlyArray<{ id: string; from: LeadStatus; to: LeadStatus; trigger: TransitionTrigger }>): Promise<Lead[]>;
  /** Per lead, the timeline entry of its latest move into `status` (leads that never moved there are left out). */
  lastMovesInto(leadIds: readonly string[], status: LeadStatus): Promise<Map<string, TimelineEntry>>;
  appendTimeline(entries: NewTimelineEntry[]): Promise<TimelineEntry[]>;
  timelineEntry(leadId: string, entryId: string): Promise<TimelineEntry | null>;
  /** Entries by id in one query (live updates read a tick's entries at once); unknown ids are left out. */
  timelineEntries(ids: readonly string[]): Promise<TimelineEntry[]>;
  /** Up to slice.size + 1 entries from the cursor (an entry id) on, in the slice's direction, oldest first going forward. */
  timeline(leadId: string, slice: PageSlice): Promise<TimelineEntry[]>;
  /**
   * Whether the tenant's autopilot is on (then a new lead needs a dispatch). Read with a share lock,
   * so a concurrent switch either waits for this transaction or is seen by it.
   */
  autopilotOn(): Promise<boolean>;
  /** True when the user exists in the agency and may work in this tenant. */
  isAssignable(userId: string): Promise<boolean>;
}

/** Port: runs work in one transaction of the caller's tenant. */
export interface LeadUnitOfWork {
  /** `jobs` enqueue inside the same transaction: a rollback drops them with the data. */
  run<T>(work: (store: LeadStore, jobs: JobQueue, suppressions: SuppressionList) => Promise<T>): Promise<T>;
}
