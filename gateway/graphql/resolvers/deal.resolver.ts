import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Lead } from '../../../core/leads/lead.types.ts';
import { stagesReachable } from '../../../core/pipelines/deal-moves.ts';
import { daysInStage, isRotting, weighted, type Deal, type DealFilter, type DealStageChange, type Pipeline, type PipelineStage } from '../../../core/pipelines/pipeline.types.ts';
import type { GraphQLContext } from '../context.ts';
import { PageArgs, idCursor, pageQuery, toConnection } from '../connections.ts';
import { IDEMPOTENCY_DESCRIPTION } from '../idempotency.ts';
import { pipelineLoaders } from '../pipeline-loaders.ts';
import { CreateDealInput, DealConnection, DealFilterInput, DealStageChangeConnection, DealStageChangeType, DealType, UpdateDealInput } from '../types/deal.types.ts';
import { LeadType } from '../types/lead.types.ts';
import { MoneyType, moneyOf } from '../types/money.types.ts';
import { PipelineStageType, PipelineType } from '../types/pipeline.types.ts';

type DealConnectionWithFilter = DealConnection & { filter: DealFilter };
const dealCursor = idCursor('deals');
const historyCursor = idCursor('dealHistory');

function toFilter(input: DealFilterInput | null): DealFilter {
  return { pipelineId: input?.pipeline ?? null, stageId: input?.stage ?? null, status: input?.status ?? null, ownerId: input?.owner ?? null, leadId: input?.lead ?? null };
}

/**
 * The deal as its fields need it. A retried createDeal answers the stored JSON of the first answer
 * (amounts as strings of digits, times as text), so amounts and times are read again here.
 */
const revived = (deal: Deal): Deal => ({ ...deal, value: { amount: BigInt(deal.value.amount), currency: deal.value.currency }, stageEnteredAt: new Date(deal.stageEnteredAt) });

const stageIn = (pipeline: Pipeline | null, stageId: string | null): PipelineStage | null => pipeline?.stages.find((stage) => stage.id === stageId) ?? null;

/** Deals: everyone in the tenant reads them; members and above open, edit and move them. */
@Resolver(() => DealType)
export class DealResolver {
  @Query(() => DealConnection, { description: 'Deals of the tenant, newest first, a page at a time either way (1-200, default 50), filtered by pipeline, stage, status, owner or lead.' })
  async deals(
    @Arg('filter', () => DealFilterInput, { nullable: true }) filter: DealFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<DealConnectionWithFilter> {
    const ctx = await auth.tenant();
    const where = toFilter(filter);
    const found = await services.deals(ctx).list(ctx, pageQuery(page, dealCursor), where);
    return { ...toConnection(found, (deal) => dealCursor.encode(deal.cursor)), filter: where } as DealConnectionWithFilter;
  }

  @Query(() => DealType, { nullable: true, description: 'One deal of the tenant (null, with a NOT_FOUND error, when there is none).' })
  async deal(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext): Promise<Deal> {
    const ctx = await auth.tenant();
    return services.deals(ctx).get(ctx, id);
  }

  @Mutation(() => DealType, { description: 'Opens a deal for a lead in a pipeline (member and above), in the stage given or the pipeline\'s first open one; recorded on the lead\'s timeline.' })
  async createDeal(
    @Arg('input', () => CreateDealInput) input: CreateDealInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Deal> {
    const ctx = await auth.tenant();
    return services.deals(ctx).create(ctx, { ...input, value: input.value ? { ...input.value } : null });
  }

  @Mutation(() => DealType, { description: 'Changes a deal\'s value, dates, notes or owner, or pauses or resumes it (member and above). Its stage changes only by moveDeal.' })
  async updateDeal(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDealInput) input: UpdateDealInput,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'Fail with CONFLICT if the deal changed since this version.' }) expectedVersion: number | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Deal> {
    const ctx = await auth.tenant();
    return services.deals(ctx).update(ctx, id, { ...input, value: input.value ? { ...input.value } : input.value }, expectedVersion);
  }

  @Mutation(() => DealType, {
    description:
      'Moves a deal to a stage of its pipeline (member and above) when its move policy allows it from where the deal is (see allowedStageIds); ILLEGAL_TRANSITION otherwise, naming where it can go. ' +
      'A move into a lost stage needs lostReason, one of lostReasons. Recorded in the deal\'s history and on the lead\'s timeline with who and why.',
  })
  async moveDeal(
    @Arg('id', () => ID) id: string,
    @Arg('stageId', () => ID) stageId: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, in at most 1000 characters.' }) reason: string | null,
    @Arg('lostReason', () => String, { nullable: true, description: 'For a move into a lost stage: the tenant\'s lost reason (see lostReasons).' }) lostReason: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Deal> {
    const ctx = await auth.tenant();
    return services.deals(ctx).move(ctx, id, stageId, reason, lostReason);
  }

  @FieldResolver(() => MoneyType, { name: 'value' })
  dealValue(@Root() deal: Deal): MoneyType {
    return moneyOf(revived(deal).value.amount, deal.value.currency);
  }

  @FieldResolver(() => Int, { description: 'Its stage\'s probability (0-100).' })
  probability(@Root() deal: Deal): number {
    return deal.stage.probability;
  }

  @FieldResolver(() => MoneyType, { description: 'value × probability / 100, rounded half up to a minor unit.' })
  weightedValue(@Root() deal: Deal): MoneyType {
    return moneyOf(weighted(revived(deal).value.amount, deal.stage.probability), deal.value.currency);
  }

  @FieldResolver(() => Float, { description: 'Days in its stage so far.' })
  daysInStage(@Root() deal: Deal, @Ctx() { services }: GraphQLContext): number {
    return Math.round(daysInStage(revived(deal), services.now()) * 100) / 100;
  }

  @FieldResolver(() => Boolean, { description: 'ACTIVE in an open stage for longer than the stage\'s rotting days.' })
  rotting(@Root() deal: Deal, @Ctx() { services }: GraphQLContext): boolean {
    return isRotting(revived(deal), services.now());
  }

  @FieldResolver(() => PipelineStageType, { description: 'Its stage as it is now.' })
  stage(@Root() deal: Deal): PipelineStage {
    return deal.stage;
  }

  @FieldResolver(() => PipelineType, { nullable: true })
  async pipeline(@Root() deal: Deal, @Ctx() context: GraphQLContext): Promise<Pipeline | null> {
    return pipelineLoaders(context, await context.auth.tenant()).pipelines.load(deal.pipelineId);
  }

  @FieldResolver(() => LeadType, { nullable: true })
  async lead(@Root() deal: Deal, @Ctx() context: GraphQLContext): Promise<Lead | null> {
    return pipelineLoaders(context, await context.auth.tenant()).leads.load(deal.leadId);
  }

  @FieldResolver(() => [ID], { description: 'The stages moveDeal can take the deal to now, in order (its pipeline\'s move policy, from where it is).' })
  async allowedStageIds(@Root() deal: Deal, @Ctx() context: GraphQLContext): Promise<string[]> {
    const pipeline = await pipelineLoaders(context, await context.auth.tenant()).pipelines.load(deal.pipelineId);
    return pipeline ? stagesReachable(pipeline, revived(deal)) : [];
  }

  @FieldResolver(() => DealStageChangeConnection, { description: 'Its stage changes, oldest first, a page at a time (1-500, default 100).' })
  async history(@Root() deal: Deal, @Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const found = await services.deals(ctx).history(ctx, deal.id, pageQuery(page, historyCursor));
    return toConnection(found, (change) => historyCursor.encode(change.id));
  }
}

@Resolver(() => DealConnection)
export class DealConnectionResolver {
  @FieldResolver(() => Int, { description: 'Deals matching the filter (counted only when asked for).' })
  async totalCount(@Root() connection: DealConnectionWithFilter, @Ctx() { auth, services }: GraphQLContext): Promise<number> {
    const ctx = await auth.tenant();
    return services.deals(ctx).count(ctx, connection.filter);
  }
}

@Resolver(() => DealStageChangeType)
export class DealStageChangeResolver {
  @FieldResolver(() => PipelineStageType, { nullable: true })
  async fromStage(@Root() change: DealStageChange, @Ctx() context: GraphQLContext): Promise<PipelineStage | null> {
    return stageIn(await pipelineLoaders(context, await context.auth.tenant()).pipelines.load(change.pipelineId), change.fromStageId);
  }

  @FieldResolver(() => PipelineStageType, { nullable: true, description: 'Null only for a stage deleted since (which no stage a deal entered can be).' })
  async toStage(@Root() change: DealStageChange, @Ctx() context: GraphQLContext): Promise<PipelineStage | null> {
    return stageIn(await pipelineLoaders(context, await context.auth.tenant()).pipelines.load(change.pipelineId), change.toStageId);
  }
}
