import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { pageOfList, pageSlice, LIST_PAGE } from '../../../core/paging.ts';
import type { Pipeline, PipelineStage } from '../../../core/pipelines/pipeline.types.ts';
import type { GraphQLContext } from '../context.ts';
import { PageArgs, idCursor, pageQuery, toConnection, type Connection } from '../connections.ts';
import { IDEMPOTENCY_DESCRIPTION } from '../idempotency.ts';
import { pipelineLoaders } from '../pipeline-loaders.ts';
import {
  CreatePipelineInput,
  MovePolicyType,
  PipelineConnection,
  PipelineStageConnection,
  PipelineStageInput,
  PipelineStageType,
  PipelineType,
  UpdatePipelineInput,
  UpdatePipelineStageInput,
} from '../types/pipeline.types.ts';

const pipelineCursor = idCursor('pipelines');
const stageCursor = idCursor('pipelineStages');

/** Pipelines and their stages: everyone in the tenant reads them, owners and admins define them. */
@Resolver(() => PipelineType)
export class PipelineResolver {
  @Query(() => PipelineConnection, { description: 'The tenant\'s pipelines, oldest first, a page at a time (1-200, default 50; a tenant has at most 50).' })
  async pipelines(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    const found = await services.pipelines(ctx).list(ctx, pageQuery(page, pipelineCursor));
    return toConnection(found, (pipeline) => pipelineCursor.encode(pipeline.id));
  }

  @Query(() => PipelineType, { nullable: true, description: 'One pipeline of the tenant (null, with a NOT_FOUND error, when there is none).' })
  async pipeline(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext): Promise<Pipeline> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).get(ctx, id);
  }

  @FieldResolver(() => MovePolicyType)
  movePolicy(@Root() pipeline: Pipeline): MovePolicyType {
    return pipeline.policy;
  }

  @FieldResolver(() => PipelineStageConnection, { description: 'The stages in order, retired ones included.' })
  stages(@Root() pipeline: Pipeline, @Args(() => PageArgs) page: PageArgs): Connection<PipelineStage> {
    const slice = pageSlice(page, LIST_PAGE, stageCursor.decode);
    return toConnection(pageOfList(pipeline.stages, slice, (stage) => stage.id), (stage) => stageCursor.encode(stage.id));
  }

  @Mutation(() => PipelineType, { description: 'Creates a pipeline (owner or admin): a name, a kind, 1-30 stages in order, and its move policy.' })
  async createPipeline(
    @Arg('input', () => CreatePipelineInput) input: CreatePipelineInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Pipeline> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).create(ctx, { ...input, stages: input.stages.map((stage) => ({ ...stage })) });
  }

  @Mutation(() => PipelineType, { description: 'Renames a pipeline, changes its kind or its move policy (owner or admin). Deals already moved stay where they are.' })
  async updatePipeline(@Arg('id', () => ID) id: string, @Arg('input', () => UpdatePipelineInput) input: UpdatePipelineInput, @Ctx() { auth, services }: GraphQLContext): Promise<Pipeline> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).update(ctx, id, { ...input });
  }

  @Mutation(() => PipelineType, {
    description: 'Adds a stage (owner or admin; a pipeline has at most 30). position: 1 to the number of stages + 1, the stages from there on move down one; left out, an open stage goes after the last open one and a closing stage last.',
  })
  async addPipelineStage(
    @Arg('pipelineId', () => ID) pipelineId: string,
    @Arg('input', () => PipelineStageInput) input: PipelineStageInput,
    @Arg('position', () => Int, { nullable: true }) position: number | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Pipeline> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).addStage(ctx, pipelineId, { ...input }, position);
  }

  @Mutation(() => PipelineStageType, { description: 'Renames a stage, or changes its probability, auto action, follow-up or rotting days (owner or admin).' })
  async updatePipelineStage(@Arg('id', () => ID) id: string, @Arg('input', () => UpdatePipelineStageInput) input: UpdatePipelineStageInput, @Ctx() { auth, services }: GraphQLContext): Promise<PipelineStage> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).updateStage(ctx, id, { ...input });
  }

  @Mutation(() => PipelineType, { description: 'Puts a pipeline\'s stages in a new order (owner or admin): stageIds lists every stage of the pipeline, retired ones too, once.' })
  async reorderPipelineStages(@Arg('pipelineId', () => ID) pipelineId: string, @Arg('stageIds', () => [ID]) stageIds: string[], @Ctx() { auth, services }: GraphQLContext): Promise<Pipeline> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).reorderStages(ctx, pipelineId, stageIds);
  }

  @Mutation(() => PipelineStageType, { description: 'Retires a stage (owner or admin): it takes no new deals; deals in it stay and can move on. A pipeline keeps at least one open stage that takes deals.' })
  async retirePipelineStage(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext): Promise<PipelineStage> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).retireStage(ctx, id);
  }

  @Mutation(() => PipelineStageType, { description: 'Brings a retired stage back (owner or admin): it takes deals again.' })
  async restorePipelineStage(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext): Promise<PipelineStage> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).restoreStage(ctx, id);
  }

  @Mutation(() => PipelineType, { description: 'Deletes a stage no deal is in or has passed through (owner or admin); CONFLICT for one with deals: retire it instead. Answers the pipeline.' })
  async deletePipelineStage(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext): Promise<Pipeline> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).deleteStage(ctx, id);
  }

  @Query(() => [String], { description: 'The reasons a lost deal may give, in the tenant\'s order (at most 50).' })
  async lostReasons(@Ctx() { auth, services }: GraphQLContext): Promise<string[]> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).lostReasons(ctx);
  }

  @Mutation(() => [String], { description: 'Replaces the lost reasons (owner or admin): 1-50 different reasons of 1-200 characters, in order. Deals already lost keep theirs.' })
  async setLostReasons(@Arg('reasons', () => [String]) reasons: string[], @Ctx() { auth, services }: GraphQLContext): Promise<string[]> {
    const ctx = await auth.tenant();
    return services.pipelines(ctx).setLostReasons(ctx, reasons);
  }
}

@Resolver(() => PipelineStageType)
export class PipelineStageResolver {
  @FieldResolver(() => Int, { description: 'Deals in the stage now.' })
  async dealCount(@Root() stage: PipelineStage, @Ctx() context: GraphQLContext): Promise<number> {
    return pipelineLoaders(context, await context.auth.tenant()).dealCounts.load(stage.id);
  }
}
