import type { Actor } from '../context.ts';
import type { IdealCustomer } from './fit.ts';
import type { FoundBusiness } from './found-business.ts';
import type { SearchArea } from './lead-source.ts';

// Closed value sets keep their stored (lower-case) values; the API names them in upper case.
export const LeadSourceId = { OSM: 'osm', GOOGLE_PLACES: 'google_places' } as const;
export type LeadSourceId = (typeof LeadSourceId)[keyof typeof LeadSourceId];
export const SearchSchedule = { ONCE: 'once', DAILY: 'daily', WEEKLY: 'weekly' } as const;
export type SearchSchedule = (typeof SearchSchedule)[keyof typeof SearchSchedule];
export const RunStatus = { QUEUED: 'queued', RUNNING: 'running', DONE: 'done', FAILED: 'failed' } as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];
export const RunTrigger = { MANUAL: 'manual', SCHEDULED: 'scheduled' } as const;
export type RunTrigger = (typeof RunTrigger)[keyof typeof RunTrigger];
export const FoundOutcome = {
  CREATED: 'created',
  DUPLICATE: 'duplicate',
  REJECTED: 'rejected',
  PENDING_REVIEW: 'pending_review',
  APPROVED: 'approved',
  REJECTED_BY_USER: 'rejected_by_user',
} as const;
export type FoundOutcome = (typeof FoundOutcome)[keyof typeof FoundOutcome];
/** What made a found business the same as a lead (or a business found earlier). */
export const DuplicateBy = { SAME_PLACE: 'same_place', WEBSITE: 'website', PHONE: 'phone', EMAIL: 'email', NAME_AND_PLACE: 'name_and_place' } as const;
export type DuplicateBy = (typeof DuplicateBy)[keyof typeof DuplicateBy];

/** What a run searches for: the search's settings when the run started (a later edit applies to later runs). */
export interface SearchPlan {
  category: string;
  area: SearchArea;
  source: LeadSourceId;
  maxNewPerRun: number;
  maxNewPerDay: number;
  timeZone: string;
  minFit: number;
  /** The search's own ideal customer; null: the tenant's, read when each page is screened. */
  idealCustomer: IdealCustomer | null;
}

export interface LeadSearch extends SearchPlan {
  id: string;
  tenantId: string;
  name: string;
  schedule: SearchSchedule;
  enabled: boolean;
  createdBy: Actor;
  createdAt: Date;
  updatedAt: Date;
}

export interface RunCounts {
  found: number;
  created: number;
  duplicates: number;
  rejected: number;
  held: number;
}

export interface SearchRun extends RunCounts {
  id: string;
  tenantId: string;
  /** The search it ran for (which may since have been deleted: its runs are kept). */
  searchId: string;
  searchName: string;
  runKey: string;
  trigger: RunTrigger;
  status: RunStatus;
  /** Why it failed or stopped, or what it is retrying, in words. */
  reason: string | null;
  pagesDone: number;
  startedBy: Actor;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** A run with what it needs to go on: its plan and where the source's pages stand. */
export interface RunState extends SearchRun {
  plan: SearchPlan;
  pageToken: string | null;
}

export interface EnrichmentRecord {
  emails: string[];
  phones: string[];
  pagesRead: string[];
  notes: string[];
}

/** A business a run found, and what became of it. */
export interface FoundItem extends FoundBusiness {
  id: string;
  tenantId: string;
  runId: string;
  searchId: string;
  searchName: string;
  outcome: FoundOutcome;
  reasons: string[];
  /** The lead it is a duplicate of (null when that lead is gone, or it matched a business held for review). */
  duplicateOf: string | null;
  duplicateBy: DuplicateBy | null;
  fit: number | null;
  fitSentence: string | null;
  enrichment: EnrichmentRecord;
  leadId: string | null;
  reviewedBy: Actor | null;
  reviewedAt: Date | null;
  createdAt: Date;
}

export interface LeadSearchSettings {
  idealCustomer: IdealCustomer;
  /** Found businesses wait for a person's approval before they become leads. */
  requireApproval: boolean;
}

export const NO_IDEAL: IdealCustomer = { industries: [], places: [], mustHave: [], minRating: null };
