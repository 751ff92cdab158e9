import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError, type FieldError } from '../errors.ts';
import { LIST_PAGE, readPage, type Page, type PageQuery } from '../paging.ts';
import { readIdealCustomer, readNewSearch, readSearchUpdate, type IdealCustomerInput, type LeadSearchInput, type SearchValues } from './lead-search-input.ts';
import type { LeadSearchDeps, LeadSearchTx } from './lead-search.ports.ts';
import { RunTrigger, type FoundItem, type FoundOutcome, type LeadSearch, type LeadSearchSettings, type SearchPlan, type SearchRun } from './lead-search.types.ts';
import { periodKey } from './schedule.ts';

/**
 * Requests that search a source on demand (previewLeadSearch, runLeadSearch) a tenant may make per
 * minute, whoever asks: each spends the source's quota (Google's costs money; OpenStreetMap's
 * public servers ask for restraint). Scheduled runs are bounded by their schedule instead.
 */
export const DEFAULT_LEAD_SEARCHES_PER_MINUTE = 10;
const MINUTE_MS = 60_000;
const FOUND_PAGE = { defaultSize: 50, maxSize: 200 };

export const planOf = (search: SearchValues): SearchPlan => ({
  category: search.category, area: search.area, source: search.source, maxNewPerRun: search.maxNewPerRun, maxNewPerDay: search.maxNewPerDay,
  timeZone: search.timeZone, minFit: search.minFit, idealCustomer: search.idealCustomer,
});

/** Saved lead searches of a tenant: settings, the searches, their runs and what the runs found. */
export class LeadSearchService {
  constructor(private readonly deps: LeadSearchDeps) {}

  settings(ctx: TenantContext): Promise<LeadSearchSettings> {
    assertCan(ctx, Permission.READ);
    return this.deps.uow.run((tx) => tx.searches.settings());
  }

  /** The tenant's ideal customer and whether found businesses wait for approval (owners and admins: a policy for everyone). */
  async updateSettings(ctx: TenantContext, input: { idealCustomer?: IdealCustomerInput | null; requireApproval?: boolean | null }): Promise<LeadSearchSettings> {
    assertCan(ctx, Permission.MANAGE_SETTINGS);
    const errors: FieldError[] = [];
    const ideal = input.idealCustomer ? readIdealCustomer(input.idealCustomer, 'idealCustomer', errors) : null;
    if (errors.length) throw validationError(errors);
    return this.deps.uow.run(async (tx) => {
      const current = await tx.searches.settings();
      return tx.searches.saveSettings({ idealCustomer: ideal ?? current.idealCustomer, requireApproval: input.requireApproval ?? current.requireApproval });
    });
  }

  async list(ctx: TenantContext, query: PageQuery): Promise<Page<LeadSearch>> {
    assertCan(ctx, Permission.READ);
    return readPage(query, LIST_PAGE, (slice) => this.deps.uow.run((tx) => tx.searches.pageSearches(slice)));
  }

  async get(ctx: TenantContext, id: string): Promise<LeadSearch> {
    assertCan(ctx, Permission.READ);
    const search = await this.deps.uow.run((tx) => tx.searches.findSearch(id));
    if (!search) throw notFound('Lead search', id);
    return search;
  }

  async create(ctx: TenantContext, input: LeadSearchInput): Promise<LeadSearch> {
    assertCan(ctx, Permission.WRITE_LEADS);
    const values = checked(readNewSearch(input));
    await this.assertSourceUsable(values);
    return this.deps.uow.run(async (tx) => {
      const search = await tx.searches.createSearch({ ...values, createdBy: ctx.actor });
      if (search.enabled) await this.queueSchedule(tx, search);
      return search;
    });
  }

  async update(ctx: TenantContext, id: string, input: LeadSearchInput): Promise<LeadSearch> {
    assertCan(ctx, Permission.WRITE_LEADS);
    return this.deps.uow.run(async (tx) => {
      const current = await tx.searches.findSearch(id, { forUpdate: true });
      if (!current) throw notFound('Lead search', id);
      const values = checked(readSearchUpdate(current, input));
      if (values.source !== current.source) await this.assertSourceUsable(values);
      const search = (await tx.searches.updateSearch(id, values)) as LeadSearch;
      // Enabled, or its schedule changed: the period it is in now runs (unless it already has), and the next are queued.
      if (search.enabled) await this.queueSchedule(tx, search);
      return search;
    });
  }

  /** Deletes a search; its runs and what they found are kept. Returns its id. */
  async delete(ctx: TenantContext, id: string): Promise<string> {
    assertCan(ctx, Permission.WRITE_LEADS);
    if (!(await this.deps.uow.run((tx) => tx.searches.deleteSearch(id)))) throw notFound('Lead search', id);
    return id;
  }

  /** Runs a search now; while it has a run queued or running, that run is the answer (one at a time). */
  async runNow(ctx: TenantContext, id: string): Promise<SearchRun> {
    assertCan(ctx, Permission.WRITE_LEADS);
    const search = await this.get(ctx, id);
    await this.assertSourceUsable(search);
    return this.deps.uow.run(async (tx) => {
      const { run, created } = await tx.searches.createRun({ searchId: search.id, searchName: search.name, runKey: `manual:${crypto.randomUUID()}`, trigger: RunTrigger.MANUAL, plan: planOf(search), startedBy: ctx.actor });
      if (created) await tx.jobs.send('leadsearch.page', { tenantId: this.deps.tenantId, runId: run.id, page: 0 });
      return run;
    });
  }

  /** A search's runs, newest first; also for a deleted search that has runs. */
  async runs(ctx: TenantContext, searchId: string, query: PageQuery): Promise<Page<SearchRun>> {
    assertCan(ctx, Permission.READ);
    return readPage(query, LIST_PAGE, (slice) =>
      this.deps.uow.run(async (tx) => {
        const runs = await tx.searches.pageRuns(searchId, slice);
        if (!runs.length && !slice.cursor && !(await tx.searches.findSearch(searchId))) throw notFound('Lead search', searchId);
        return runs;
      }),
    );
  }

  async run(ctx: TenantContext, id: string): Promise<SearchRun> {
    assertCan(ctx, Permission.READ);
    const run = await this.deps.uow.run((tx) => tx.searches.findRun(id));
    if (!run) throw notFound('Lead search run', id);
    return run;
  }

  /** What a run (or every run) found, in the order found, optionally only some outcomes. */
  async items(ctx: TenantContext, runId: string | null, outcomes: readonly FoundOutcome[] | null, query: PageQuery): Promise<Page<FoundItem>> {
    assertCan(ctx, Permission.READ);
    return readPage(query, FOUND_PAGE, (slice) => this.deps.uow.run((tx) => tx.searches.pageItems(runId, outcomes?.length ? outcomes : null, slice)));
  }

  /** Each search's newest run (for lists of searches: one read for the page). */
  async latestRuns(ctx: TenantContext, searchIds: readonly string[]): Promise<Map<string, SearchRun>> {
    assertCan(ctx, Permission.READ);
    return searchIds.length ? this.deps.uow.run((tx) => tx.searches.latestRuns(searchIds)) : new Map();
  }

  /** Where each lead came from, for leads a search found (one read for many leads). */
  async foundBy(ctx: TenantContext, leadIds: readonly string[]): Promise<Map<string, FoundItem>> {
    assertCan(ctx, Permission.READ);
    if (!leadIds.length) return new Map();
    const items = await this.deps.uow.run((tx) => tx.searches.itemsOfLeads(leadIds));
    return new Map(items.map((item) => [item.leadId as string, item]));
  }

  /** Counts one on-demand search (preview, run); past `perMinute` this minute, RATE_LIMITED. */
  async chargeBudget(ctx: TenantContext, perMinute = DEFAULT_LEAD_SEARCHES_PER_MINUTE): Promise<void> {
    assertCan(ctx, Permission.WRITE_LEADS);
    const now = this.deps.now().getTime();
    const windowStart = now - (now % MINUTE_MS);
    const used = await this.deps.uow.run((tx) => tx.searches.countUsage('lead_search', new Date(windowStart)));
    if (used > perMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + MINUTE_MS - now) / 1000));
      throw new DomainError(ErrorCode.RATE_LIMITED, `This workspace may search for leads on demand ${perMinute} times a minute; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
  }

  /** A source that needs a key nobody set is refused up front, naming the field. */
  private async assertSourceUsable(values: Pick<SearchValues, 'source'>): Promise<void> {
    const problem = await this.deps.sources.problem(this.deps.tenantId, values.source);
    if (problem) throw validationError([{ field: 'source', message: problem }]);
  }

  /** The job that starts the period the search is in now; at most one is queued per search and period. */
  private async queueSchedule(tx: LeadSearchTx, search: LeadSearch): Promise<void> {
    const period = periodKey(search.schedule, this.deps.now(), search.timeZone);
    await tx.jobs.send('leadsearch.schedule', { tenantId: this.deps.tenantId, searchId: search.id, period }, { singletonKey: `${search.id}/${period}` });
  }
}

function checked<T>(result: { ok: true; value: T } | { ok: false; errors: FieldError[] }): T {
  if (!result.ok) throw validationError(result.errors);
  return result.value;
}

