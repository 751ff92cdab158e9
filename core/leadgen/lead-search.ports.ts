import type { JobQueue } from '../autopilot/jobs.ts';
import type { Actor } from '../context.ts';
import type { LeadStore } from '../leads/lead.store.ts';
import type { PageSlice } from '../paging.ts';
import type { Enricher, MailDomainCheck } from './enrichment.ts';
import type { SearchValues } from './lead-search-input.ts';
import type { LeadSource } from './lead-source.ts';
import type {
  DuplicateBy, FoundItem, FoundOutcome, LeadSearch, LeadSearchSettings, LeadSourceId, RunCounts, RunState, RunTrigger, SearchPlan, SearchRun,
} from './lead-search.types.ts';

export interface NewRun {
  searchId: string;
  searchName: string;
  runKey: string;
  trigger: RunTrigger;
  plan: SearchPlan;
  startedBy: Actor;
}

export type RunPatch = Partial<Pick<RunState, 'status' | 'reason' | 'pageToken' | 'pagesDone' | 'startedAt' | 'endedAt'>> & { add?: Partial<RunCounts> };

export type NewItem = Omit<FoundItem, 'tenantId' | 'createdAt' | 'reviewedBy' | 'reviewedAt'>;

export interface ItemDecision {
  id: string;
  outcome: FoundOutcome;
  reasons: string[];
  leadId: string | null;
  duplicateOf: string | null;
  duplicateBy: DuplicateBy | null;
}

/** A found business, as compared with the tenant's leads. */
export interface MatchCandidate {
  index: number;
  name: string;
  city: string | null;
  website: string | null;
  /** E.164. */
  phone: string | null;
  email: string | null;
}

/** A lead a candidate matched, and by what (the first that matched: email, website, phone, then name and city). */
export interface LeadMatch {
  index: number;
  leadId: string;
  businessName: string;
  by: DuplicateBy;
}

/** Who holds a claimed key: the business taken first, its lead (when it became one) and its search. */
export interface ClaimHolder {
  key: string;
  itemId: string;
  leadId: string | null;
  outcome: FoundOutcome;
  searchName: string;
  name: string;
}

/** Port: a tenant's searches, runs, found businesses and claims, inside one unit of work. */
export interface LeadSearchStore {
  settings(): Promise<LeadSearchSettings>;
  saveSettings(settings: LeadSearchSettings): Promise<LeadSearchSettings>;
  /** The tenant's country (ISO 3166-1 alpha-2): local phone numbers are read in it. */
  tenantCountry(): Promise<string>;
  createSearch(search: SearchValues & { createdBy: Actor }): Promise<LeadSearch>;
  updateSearch(id: string, values: SearchValues): Promise<LeadSearch | null>;
  deleteSearch(id: string): Promise<boolean>;
  findSearch(id: string, options?: { forUpdate?: boolean }): Promise<LeadSearch | null>;
  /** Newest first; cursors are search ids. */
  pageSearches(slice: PageSlice): Promise<LeadSearch[]>;
  /**
   * A new run, unless the search already has one for this key (a schedule's period) or one queued
   * or running: then that one, and which it was. The database decides, across processes.
   */
  createRun(run: NewRun): Promise<{ run: SearchRun; created: boolean; conflict: 'period' | 'active' | null }>;
  findRun(id: string, options?: { forUpdate?: boolean }): Promise<RunState | null>;
  /** Each search's newest run. */
  latestRuns(searchIds: readonly string[]): Promise<Map<string, SearchRun>>;
  updateRun(id: string, patch: RunPatch): Promise<SearchRun>;
  /** Newest first; cursors are run ids. */
  pageRuns(searchId: string, slice: PageSlice): Promise<SearchRun[]>;
  /** Time-ordered ids for items about to be written (claims name them first). */
  newItemIds(count: number): Promise<string[]>;
  insertItems(items: NewItem[]): Promise<void>;
  findItems(ids: readonly string[], options?: { forUpdate?: boolean }): Promise<FoundItem[]>;
  /** In the order found, of one run or of all; cursors are item ids. */
  pageItems(runId: string | null, outcomes: readonly FoundOutcome[] | null, slice: PageSlice): Promise<FoundItem[]>;
  /** The found business each lead came from (the newest, should there be several). */
  itemsOfLeads(leadIds: readonly string[]): Promise<FoundItem[]>;
  decideItems(decisions: readonly ItemDecision[], reviewer: Actor): Promise<void>;
  /** Businesses a search took (as leads or for review) since `since`: what its daily limit counts. */
  takenSince(searchId: string, since: Date): Promise<number>;
  matchLeads(candidates: readonly MatchCandidate[]): Promise<LeadMatch[]>;
  claimHolders(keys: readonly string[]): Promise<ClaimHolder[]>;
  /** Claims keys for items, in key order (so two pages claiming overlapping keys cannot deadlock); returns the keys this call claimed, and for which item. */
  claim(claims: ReadonlyArray<{ key: string; itemId: string }>): Promise<Map<string, string>>;
  releaseClaims(itemIds: readonly string[]): Promise<void>;
  /** Counts one use of `name` in the window from `windowStart` (see RecordStore.countUsage). */
  countUsage(name: string, windowStart: Date): Promise<number>;
}

export interface LeadSearchTx {
  searches: LeadSearchStore;
  leads: LeadStore;
  /** Jobs queued here commit or roll back with the transaction. */
  jobs: JobQueue;
}

export interface LeadSearchUnitOfWork {
  run<T>(work: (tx: LeadSearchTx) => Promise<T>): Promise<T>;
}

/** Port: the sources a tenant may search, with its own keys or the server's. */
export interface SourceAccess {
  /** Why the tenant cannot search `source` now (no API key anywhere), or null when it can. */
  problem(tenantId: string, source: LeadSourceId): Promise<string | null>;
  /** The source, set up for the tenant; throws SourceUnavailableError (permanent) when it cannot be. */
  source(tenantId: string, source: LeadSourceId): Promise<LeadSource>;
}

/** What lead searches need, for one tenant. */
export interface LeadSearchDeps {
  tenantId: string;
  uow: LeadSearchUnitOfWork;
  sources: SourceAccess;
  enricher: Enricher;
  mailCheck: MailDomainCheck;
  now: () => Date;
}
