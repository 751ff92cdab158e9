// A run of a saved search, as jobs: the schedule starts one per period, then each page is its own
// job (read the source, examine, take), queued with the page's results in one transaction, so a
// killed worker's page runs again and a page done is never done twice. A source that cannot be
// used fails the run with its reason; one that is busy is retried (pg-boss) or waited for.
import { StepDeferred, skip, unlessSkipped, type Skip } from '../autopilot/autopilot.deps.ts';
import { systemActor } from '../context.ts';
import { CATEGORIES } from './categories.ts';
import type { LeadSearchDeps, LeadSearchTx } from './lead-search.ports.ts';
import { NO_IDEAL, RunStatus, RunTrigger, type LeadSearchSettings, type RunState, type SearchRun } from './lead-search.types.ts';
import { SourceUnavailableError, UnknownAreaError, type SourcePage } from './lead-source.ts';
import { examinePage, knownAmong } from './page-screening.ts';
import { takePage } from './page-taking.ts';
import { planOf } from './lead-search.service.ts';
import { nextPeriodStart, periodKey, startOfDay } from './schedule.ts';

/** Businesses asked of the source per page (Google's largest page). */
export const PAGE_SIZE = 20;
/** A run reads at most this many pages: a source that keeps answering cannot keep a run going for ever. */
export const MAX_PAGES = 50;
/** A source asking to be left alone longer than this fails the run rather than hold it. */
const LONGEST_WAIT_S = 6 * 3600;
const scheduleActor = systemActor('lead search schedule');

type PageStart = { ended: SearchRun } | { run: RunState; settings: LeadSearchSettings; country: string; allowance: number; byRun: number };

export class SearchRunner {
  constructor(private readonly deps: LeadSearchDeps) {}

  /** The schedule's job: the run of the period the search is in now (once), and the next period's job. */
  async scheduled(searchId: string): Promise<{ runId: string | null; nextPeriod: string | null }> {
    const now = this.deps.now();
    const result = await this.deps.uow.run(async (tx): Promise<{ runId: string | null; nextPeriod: string | null } | Skip> => {
      const search = await tx.searches.findSearch(searchId);
      if (!search) return skip('the search was deleted');
      if (!search.enabled) return skip('the search is paused');
      const period = periodKey(search.schedule, now, search.timeZone);
      const { run, created, conflict } = await tx.searches.createRun({ searchId, searchName: search.name, runKey: period, trigger: RunTrigger.SCHEDULED, plan: planOf(search), startedBy: scheduleActor });
      if (conflict === 'active') {
        // A run (started by hand) is under way: this period's run starts once it is done, looked at again in a few minutes.
        await tx.jobs.send('leadsearch.schedule', { tenantId: this.deps.tenantId, searchId, period }, { startAfter: new Date(now.getTime() + 5 * 60_000), singletonKey: `${searchId}/${period}` });
        return { runId: null, nextPeriod: period };
      }
      if (created) await tx.jobs.send('leadsearch.page', { tenantId: this.deps.tenantId, runId: run.id, page: 0 });
      const next = nextPeriodStart(search.schedule, now, search.timeZone);
      const nextPeriod = next ? periodKey(search.schedule, next, search.timeZone) : null;
      // At most one job is queued per search and period (the queue's policy): repeats are dropped.
      if (next && nextPeriod) await tx.jobs.send('leadsearch.schedule', { tenantId: this.deps.tenantId, searchId, period: nextPeriod }, { startAfter: next, singletonKey: `${searchId}/${nextPeriod}` });
      return { runId: created ? run.id : null, nextPeriod };
    });
    return unlessSkipped(result);
  }

  /** One page of a run; `page` is how many pages the run had done when this job was queued. */
  async page(runId: string, page: number): Promise<SearchRun> {
    const now = this.deps.now();
    const start = unlessSkipped(
      await this.deps.uow.run(async (tx): Promise<PageStart | Skip> => {
        const run = await tx.searches.findRun(runId, { forUpdate: true });
        if (!run) return skip('no such run');
        if (run.status === RunStatus.DONE || run.status === RunStatus.FAILED) return skip(`the run has ended (${run.status})`);
        if (run.pagesDone !== page) return skip(`page ${page} of the run was done already`);
        const [settings, country, takenToday] = [await tx.searches.settings(), await tx.searches.tenantCountry(), await tx.searches.takenSince(run.searchId, startOfDay(now, run.plan.timeZone))];
        const byRun = run.plan.maxNewPerRun - run.created - run.held;
        const byDay = run.plan.maxNewPerDay - takenToday;
        const started = run.status === RunStatus.QUEUED ? await tx.searches.updateRun(runId, { status: RunStatus.RUNNING, startedAt: now, reason: null }) : run;
        if (byRun <= 0 || byDay <= 0) return { ended: await this.finish(tx, run, byRun <= 0 ? limitReason(run, 'run') : limitReason(run, 'day')) };
        return { run: { ...run, ...started, plan: run.plan, pageToken: run.pageToken } as RunState, settings, country, allowance: Math.min(byRun, byDay), byRun };
      }),
    );
    if ('ended' in start) return start.ended;
    const { run, settings, country, allowance, byRun } = start;
    const category = CATEGORIES.find((c) => c.id === run.plan.category);
    if (!category) return this.fail(runId, `The kind of business "${run.plan.category}" can no longer be searched for; edit the search.`);

    let found: SourcePage;
    try {
      const source = await this.deps.sources.source(this.deps.tenantId, run.plan.source);
      found = await source.find({ category, area: run.plan.area, limit: PAGE_SIZE, page: run.pageToken });
    } catch (error) {
      return this.sourceFailed(run, error);
    }

    const context = { searchName: run.searchName, defaultCountry: country, ideal: run.plan.idealCustomer ?? settings.idealCustomer ?? NO_IDEAL, minFit: run.plan.minFit };
    const known = await this.deps.uow.run((tx) => knownAmong(tx.searches, found.businesses, country));
    const examined = await examinePage(found.businesses, known, context, this.deps, allowance);

    return this.deps.uow.run(async (tx) => {
      const current = await tx.searches.findRun(runId, { forUpdate: true });
      // Another attempt of this page committed while this one read the source: it stands.
      if (!current || current.pagesDone !== page || current.status !== RunStatus.RUNNING) return current ?? run;
      const takenToday = await tx.searches.takenSince(run.searchId, startOfDay(now, run.plan.timeZone));
      const fresh = Math.min(byRun, run.plan.maxNewPerDay - takenToday);
      const { counts, taken } = await takePage(tx, { tenantId: this.deps.tenantId, run, allowance: fresh, requireApproval: settings.requireApproval, actor: run.startedBy, defaultCountry: country }, examined);
      const pagesDone = page + 1;
      // The page was read: a note about waiting for the source (a retry, a Retry-After) no longer holds.
      const updated = await tx.searches.updateRun(runId, { add: counts, pagesDone, pageToken: found.next, reason: null });
      const ended = taken >= fresh ? limitReason(run, fresh < byRun ? 'day' : 'run') : !found.next ? 'The source has no more businesses for this search.' : pagesDone >= MAX_PAGES ? `Stopped after reading ${MAX_PAGES} pages of businesses.` : null;
      if (ended) return this.finish(tx, updated, ended);
      await tx.jobs.send('leadsearch.page', { tenantId: this.deps.tenantId, runId, page: pagesDone });
      return updated;
    });
  }

  /** A run whose page job ran out of retries (or cannot go on): FAILED, with the reason. */
  async fail(runId: string, reason: string): Promise<SearchRun> {
    return this.deps.uow.run(async (tx) => {
      const run = await tx.searches.findRun(runId, { forUpdate: true });
      if (!run) throw new Error(`no lead search run ${runId}`);
      if (run.status === RunStatus.DONE || run.status === RunStatus.FAILED) return run;
      return tx.searches.updateRun(runId, { status: RunStatus.FAILED, reason: reason.slice(0, 1000), endedAt: this.deps.now() });
    });
  }

  private finish(tx: LeadSearchTx, run: SearchRun, reason: string): Promise<SearchRun> {
    return tx.searches.updateRun(run.id, { status: RunStatus.DONE, reason, endedAt: this.deps.now() });
  }

  /** A source refused for good (a run that cannot succeed: FAILED now), asked us to wait (the job waits), or is down (retried). */
  private async sourceFailed(run: RunState, error: unknown): Promise<SearchRun> {
    if (error instanceof UnknownAreaError) return this.fail(run.id, `The source knows no place called "${error.area}": check its spelling, or search a circle around a point instead.`);
    if (!(error instanceof SourceUnavailableError)) throw error;
    const said = error.message.replace(/^[a-z_]+: /, '');
    const source = run.plan.source === 'osm' ? 'OpenStreetMap' : 'Google Places';
    if (error.permanent) return this.fail(run.id, `The search failed: ${source} ${said}`);
    if (error.retryAfterSeconds !== null) {
      if (error.retryAfterSeconds > LONGEST_WAIT_S) return this.fail(run.id, `${source} asked us to wait ${Math.round(error.retryAfterSeconds / 3600)} hours before searching again (${said}).`);
      const reason = `${source} asked us to wait ${error.retryAfterSeconds} s (${said}); the run goes on then.`;
      await this.note(run.id, reason);
      throw new StepDeferred(reason, new Date(this.deps.now().getTime() + error.retryAfterSeconds * 1000));
    }
    await this.note(run.id, `${source} could not answer (${said}); trying again shortly.`);
    throw error;
  }

  /** What the run is waiting for, on the run itself (a live subscriber sees it). */
  private note(runId: string, reason: string): Promise<unknown> {
    return this.deps.uow.run((tx) => tx.searches.updateRun(runId, { reason: reason.slice(0, 1000) }));
  }
}

function limitReason(run: RunState, which: 'run' | 'day'): string {
  return which === 'run'
    ? `Stopped at ${run.plan.maxNewPerRun} new businesses, this search's limit per run.`
    : `Stopped at ${run.plan.maxNewPerDay} new businesses today, this search's daily limit.`;
}
