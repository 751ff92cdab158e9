import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FunnelLists } from '../../../core/autopilot/funnel-lists.service.ts';
import type { Proposal } from '../../../core/autopilot/autopilot.types.ts';
import type { Lead } from '../../../core/leads/lead.types.ts';
import type { Page, PageQuery } from '../../../core/paging.ts';
import { BatchLoader } from '../batch-loader.ts';
import { PageArgs, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { AiDecisionConnection, MessageConnection, ProposalType, TaskConnection } from '../types/autopilot.types.ts';
import { decisionCursor, messageCursor, presentProposal, taskCursor, withCorrected } from '../types/funnel.present.ts';
import { LeadType } from '../types/lead.types.ts';

type LeadList = 'leadMessages' | 'leadTasks' | 'leadDecisions';
type Loaders = Map<string, BatchLoader<string, unknown>>;
const EMPTY: Page<never> = { items: [], hasNextPage: false, hasPreviousPage: false };

/**
 * The loader of one list on the leads of a request, per page asked for: every lead of a page of
 * leads that asks for the same page of its messages (say) loads in one read.
 */
async function loaderOf<T>(context: GraphQLContext, list: LeadList, page: PageArgs, query: PageQuery): Promise<BatchLoader<string, Page<T>>> {
  const ctx = await context.auth.tenant();
  const holder = context as GraphQLContext & { leadListLoaders?: Loaders };
  holder.leadListLoaders ??= new Map();
  const key = `${list}:${JSON.stringify([page.first, page.after, page.last, page.before])}`;
  let loader = holder.leadListLoaders.get(key) as BatchLoader<string, Page<T>> | undefined;
  if (!loader) {
    const lists: FunnelLists = context.services.autopilot(ctx.tenantId, ctx.agencyId).lists;
    loader = new BatchLoader((ids) => lists[list](ctx, ids, query) as Promise<Map<string, Page<T>>>, EMPTY);
    holder.leadListLoaders.set(key, loader as BatchLoader<string, unknown>);
  }
  return loader;
}

/** A lead's messages, tasks, AI decisions and proposal: each loads for every lead of a request at once. */
@Resolver(() => LeadType)
export class LeadFunnelResolver {
  @FieldResolver(() => MessageConnection, { description: 'Messages to and from the lead, oldest first, a page at a time (1-200, default 50; `last` gives the latest).' })
  async messages(@Root() lead: Lead, @Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext) {
    const loader = await loaderOf<Parameters<typeof withCorrected>[0] & { id: string }>(context, 'leadMessages', page, pageQuery(page, messageCursor));
    return toConnection(await loader.load(lead.id), (message) => messageCursor.encode(message.id), withCorrected);
  }

  @FieldResolver(() => TaskConnection, { description: 'The lead\'s tasks, oldest first, a page at a time (1-200, default 50).' })
  async tasks(@Root() lead: Lead, @Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext) {
    const loader = await loaderOf<{ id: string }>(context, 'leadTasks', page, pageQuery(page, taskCursor));
    return toConnection(await loader.load(lead.id), (task) => taskCursor.encode(task.id));
  }

  @FieldResolver(() => AiDecisionConnection, { description: 'What the AI did for the lead, oldest first, a page at a time (1-200, default 50).' })
  async aiDecisions(@Root() lead: Lead, @Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext) {
    const loader = await loaderOf<{ id: string }>(context, 'leadDecisions', page, pageQuery(page, decisionCursor));
    return toConnection(await loader.load(lead.id), (decision) => decisionCursor.encode(decision.id));
  }

  @FieldResolver(() => ProposalType, { nullable: true, description: 'The latest proposal.' })
  async proposal(@Root() lead: Lead, @Ctx() context: GraphQLContext) {
    const ctx = await context.auth.tenant();
    const holder = context as GraphQLContext & { proposalLoader?: BatchLoader<string, Proposal | null> };
    holder.proposalLoader ??= new BatchLoader((ids) => context.services.autopilot(ctx.tenantId, ctx.agencyId).lists.latestProposals(ctx, ids), null);
    const proposal = await holder.proposalLoader.load(lead.id);
    return proposal && presentProposal(proposal);
  }
}
