import { Arg, Args, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Permission, assertCan } from '../../../core/access.ts';
import type { FoundOutcome as Outcome, FoundItem, SearchRun } from '../../../core/leadgen/lead-search.types.ts';
import { FoundOutcome } from '../../../core/leadgen/lead-search.types.ts';
import type { Lead } from '../../../core/leads/lead.types.ts';
import { notFound } from '../../../core/errors.ts';
import type { SearchRunChange } from '../../live/live-events.ts';
import { BatchLoader } from '../batch-loader.ts';
import { PageArgs, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { presentItem, presentRun } from '../types/lead-search.present.ts';
import { FoundBusinessConnection, FoundBusinessType, LeadSearchRunConnection, LeadSearchRunType, LeadSearchType } from '../types/lead-search.types.ts';
import { LeadType } from '../types/lead.types.ts';
import { foundCursor, runCursor } from './lead-search.resolver.ts';

type Holder = GraphQLContext & { lastRunLoader?: BatchLoader<string, SearchRun | null>; foundByLoader?: BatchLoader<string, FoundItem | null> };

@Resolver(() => LeadSearchType)
export class LeadSearchFieldsResolver {
  @FieldResolver(() => LeadSearchRunType, { nullable: true, description: 'Its newest run (null before the first).' })
  async lastRun(@Root() search: LeadSearchType, @Ctx() context: GraphQLContext) {
    const ctx = await context.auth.tenant();
    const holder = context as Holder;
    holder.lastRunLoader ??= new BatchLoader((ids) => context.services.leadSearch(ctx.tenantId, ctx.agencyId).searches.latestRuns(ctx, ids), null);
    const run = await holder.lastRunLoader.load(search.id);
    return run && presentRun(run);
  }

  @FieldResolver(() => LeadSearchRunConnection, { description: 'Its runs, newest first (see leadSearchRuns).' })
  async runs(@Root() search: LeadSearchType, @Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext) {
    const ctx = await context.auth.tenant();
    const found = await context.services.leadSearch(ctx.tenantId, ctx.agencyId).searches.runs(ctx, search.id, pageQuery(page, runCursor));
    return toConnection(found, (run) => runCursor.encode(run.id), presentRun);
  }
}

@Resolver(() => LeadSearchRunType)
export class LeadSearchRunFieldsResolver {
  @FieldResolver(() => FoundBusinessConnection, { description: 'What the run found, in the order found (1-200, default 50); outcome narrows it (PENDING_REVIEW: its review queue).' })
  async items(
    @Root() run: LeadSearchRunType,
    @Arg('outcome', () => [FoundOutcome], { nullable: true }) outcome: Outcome[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const ctx = await context.auth.tenant();
    const found = await context.services.leadSearch(ctx.tenantId, ctx.agencyId).searches.items(ctx, run.id, outcome, pageQuery(page, foundCursor));
    return toConnection(found, (item) => foundCursor.encode(item.id), presentItem);
  }
}

@Resolver(() => LeadType)
export class LeadFoundByResolver {
  @FieldResolver(() => FoundBusinessType, { nullable: true, description: 'Where the lead came from when a search found it: the search, its fit, what its website showed (null for leads made otherwise).' })
  async foundBy(@Root() lead: Lead, @Ctx() context: GraphQLContext) {
    const ctx = await context.auth.tenant();
    const holder = context as Holder;
    holder.foundByLoader ??= new BatchLoader((ids) => context.services.leadSearch(ctx.tenantId, ctx.agencyId).searches.foundBy(ctx, ids), null);
    const item = await holder.foundByLoader.load(lead.id);
    return item && presentItem(item);
  }
}

/** Live progress of runs: the database announces every change of a run with its row (no read per subscriber). */
@Resolver()
export class LeadSearchLiveResolver {
  @Subscription(() => LeadSearchRunType, {
    description: 'A run of the current tenant changed: its status, counts or reason, as they change; optionally only one run.',
    subscribe: async ({ args, context }) => {
      const { auth, hub } = context as GraphQLContext;
      const ctx = await auth.tenant();
      assertCan(ctx, Permission.READ);
      const only = (args as { runId?: string | null }).runId ?? null;
      return hub!.iterate(ctx, 'search_run', (event) => (event.kind === 'search_run' && (!only || event.id === only) ? event : null));
    },
  })
  async leadSearchRunChanged(@Root() event: SearchRunChange, @Arg('runId', () => ID, { nullable: true }) _runId: string | null, @Ctx() { auth }: GraphQLContext) {
    const ctx = await auth.tenant();
    assertCan(ctx, Permission.READ);
    if (event.tenantId !== ctx.tenantId) throw notFound('Lead search run', event.id);
    return presentRun(event.run);
  }
}
