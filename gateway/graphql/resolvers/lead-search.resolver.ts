import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { suggestCategories } from '../../../core/leadgen/categories.ts';
import { reviewFound, type ReviewDecision } from '../../../core/leadgen/found-review.ts';
import type { FoundOutcome } from '../../../core/leadgen/lead-search.types.ts';
import { previewSearch } from '../../../core/leadgen/search-preview.ts';
import { pageOfList, pageSlice } from '../../../core/paging.ts';
import { Permission, assertCan } from '../../../core/access.ts';
import { validationError } from '../../../core/errors.ts';
import { PageArgs, idCursor, listCursor, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { IDEMPOTENCY_DESCRIPTION } from '../idempotency.ts';
import { BusinessCategoryConnection, FoundBusinessReviewType, LeadSearchPreviewType, LeadSearchSettingsInput, LeadSearchSettingsType } from '../types/lead-search-preview.types.ts';
import { presentItem, presentPreview, presentReview, presentRun, presentSearch } from '../types/lead-search.present.ts';
import { FoundBusinessConnection, LeadSearchConnection, LeadSearchInput, LeadSearchRunConnection, LeadSearchRunType, LeadSearchType, ReviewDecisionEnum } from '../types/lead-search.types.ts';
import { FoundOutcome as FoundOutcomeEnum } from '../../../core/leadgen/lead-search.types.ts';

export const searchCursor = idCursor('leadSearches');
export const runCursor = idCursor('leadSearchRuns');
export const foundCursor = idCursor('foundBusinesses');
const categoryCursor = listCursor('categories', (key) => /^[a-z_]{1,50}$/.test(key));

const searches = async ({ auth, services }: GraphQLContext) => {
  const ctx = await auth.tenant();
  return { ctx, services: services.leadSearch(ctx.tenantId, ctx.agencyId) };
};

/** Saved lead searches: settings, the searches, running and previewing them, their runs, the review queue. */
@Resolver()
export class LeadSearchResolver {
  @Query(() => LeadSearchSettingsType, { description: 'How the workspace screens found businesses: its ideal customer, and whether they wait for approval.' })
  async leadSearchSettings(@Ctx() context: GraphQLContext) {
    const { ctx, services } = await searches(context);
    return services.searches.settings(ctx);
  }

  @Mutation(() => LeadSearchSettingsType, { description: 'Changes how found businesses are screened (owner or admin).' })
  async updateLeadSearchSettings(@Arg('input', () => LeadSearchSettingsInput) input: LeadSearchSettingsInput, @Ctx() context: GraphQLContext) {
    const { ctx, services } = await searches(context);
    return services.searches.updateSettings(ctx, { ...input, idealCustomer: input.idealCustomer ? { ...input.idealCustomer } : null });
  }

  @Query(() => LeadSearchConnection, { description: 'The workspace\'s saved searches, newest first (Relay connection).' })
  async leadSearches(@Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext) {
    const { ctx, services } = await searches(context);
    const now = services.deps.now();
    return toConnection(await services.searches.list(ctx, pageQuery(page, searchCursor)), (s) => searchCursor.encode(s.id), (s) => presentSearch(s, now));
  }

  @Query(() => LeadSearchType, { nullable: true, description: 'One saved search (null, with NOT_FOUND, when there is none).' })
  async leadSearch(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    const { ctx, services } = await searches(context);
    return presentSearch(await services.searches.get(ctx, id), services.deps.now());
  }

  @Mutation(() => LeadSearchType, { description: 'Saves a search. Enabled, it runs now (ONCE) or in the period it is in (DAILY, WEEKLY), then every period.' })
  async createLeadSearch(
    @Arg('input', () => LeadSearchInput) input: LeadSearchInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null,
    @Ctx() context: GraphQLContext,
  ) {
    const { ctx, services } = await searches(context);
    return presentSearch(await services.searches.create(ctx, toSearchInput(input)), services.deps.now());
  }

  @Mutation(() => LeadSearchType, { description: 'Changes a search; its runs under way keep what they started with.' })
  async updateLeadSearch(@Arg('id', () => ID) id: string, @Arg('input', () => LeadSearchInput) input: LeadSearchInput, @Ctx() context: GraphQLContext) {
    const { ctx, services } = await searches(context);
    return presentSearch(await services.searches.update(ctx, id, toSearchInput(input)), services.deps.now());
  }

  @Mutation(() => ID, { description: 'Deletes a search; its runs, what they found and the leads they made are kept. Returns its id.' })
  async deleteLeadSearch(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    const { ctx, services } = await searches(context);
    return services.searches.delete(ctx, id);
  }

  @Mutation(() => LeadSearchRunType, { description: 'Runs a search now (members and above; counts against LEAD_SEARCH_REQUESTS_PER_MINUTE). While it has a run queued or running, that run is the answer.' })
  async runLeadSearch(
    @Arg('id', () => ID) id: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null,
    @Ctx() context: GraphQLContext,
  ) {
    const { ctx, services } = await searches(context);
    return presentRun(await services.searches.runNow(ctx, id));
  }

  @Query(() => LeadSearchPreviewType, { description: 'The first businesses a search would bring, each with its fit, whether it duplicates a lead and how it could be reached. Saves nothing; one source request (counts against LEAD_SEARCH_REQUESTS_PER_MINUTE).' })
  async previewLeadSearch(
    @Arg('input', () => LeadSearchInput) input: LeadSearchInput,
    @Arg('size', () => Int, { nullable: true, description: 'How many businesses, 1-20 (default 10).' }) size: number | null,
    @Ctx() context: GraphQLContext,
  ) {
    const { ctx, services } = await searches(context);
    return presentPreview(await previewSearch(services.deps, ctx, toSearchInput(input), size));
  }

  @Query(() => LeadSearchRunConnection, { nullable: true, description: 'A search\'s runs, newest first (also of a deleted search); null, with NOT_FOUND, for a search that never was.' })
  async leadSearchRuns(@Arg('searchId', () => ID) searchId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext) {
    const { ctx, services } = await searches(context);
    return toConnection(await services.searches.runs(ctx, searchId, pageQuery(page, runCursor)), (run) => runCursor.encode(run.id), presentRun);
  }

  @Query(() => LeadSearchRunType, { nullable: true, description: 'One run (null, with NOT_FOUND, when there is none).' })
  async leadSearchRun(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    const { ctx, services } = await searches(context);
    return presentRun(await services.searches.run(ctx, id));
  }

  @Query(() => FoundBusinessConnection, { description: 'Found businesses of every run, in the order found; outcome: [PENDING_REVIEW] is the review queue.' })
  async foundBusinesses(
    @Arg('outcome', () => [FoundOutcomeEnum], { nullable: true, description: 'Only these outcomes.' }) outcome: FoundOutcome[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const { ctx, services } = await searches(context);
    return toConnection(await services.searches.items(ctx, null, outcome, pageQuery(page, foundCursor)), (item) => foundCursor.encode(item.id), presentItem);
  }

  @Mutation(() => FoundBusinessReviewType, { description: 'Approves (they become leads, as a run makes them) or rejects (no search proposes them again) businesses waiting for review; 1-200 ids.' })
  async reviewFoundBusinesses(
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('decision', () => ReviewDecisionEnum) decision: ReviewDecision,
    @Ctx() context: GraphQLContext,
  ) {
    const { ctx, services } = await searches(context);
    return presentReview(await reviewFound(services.deps, ctx, ids, decision));
  }

  @Query(() => BusinessCategoryConnection, { description: 'Kinds of business to search for whose name or words start with what was typed (any language); all of them without a prefix.' })
  async suggestCategories(
    @Arg('prefix', () => String, { nullable: true, description: 'At most 100 characters.' }) prefix: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { auth }: GraphQLContext,
  ) {
    assertCan(await auth.tenant(), Permission.READ);
    if ((prefix?.length ?? 0) > 100) throw validationError([{ field: 'prefix', message: 'must be at most 100 characters' }]);
    const all = suggestCategories(prefix ?? '', 1000);
    const found = pageOfList(all, pageSlice(page, { defaultSize: 10, maxSize: 50 }, categoryCursor.decode), (c) => c.id);
    return toConnection(found, (c) => categoryCursor.encode(c.id), (c) => ({ id: c.id, label: c.label, words: c.words }));
  }
}

function toSearchInput(input: LeadSearchInput) {
  return { ...input, area: input.area ? { ...input.area } : input.area, idealCustomer: input.idealCustomer ? { ...input.idealCustomer } : input.idealCustomer };
}

