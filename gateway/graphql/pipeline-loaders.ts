import type { TenantContext } from '../../core/context.ts';
import type { Lead } from '../../core/leads/lead.types.ts';
import type { Pipeline } from '../../core/pipelines/pipeline.types.ts';
import { BatchLoader } from './batch-loader.ts';
import type { GraphQLContext } from './context.ts';

export interface PipelineLoaders {
  pipelines: BatchLoader<string, Pipeline | null>;
  leads: BatchLoader<string, Lead | null>;
  dealCounts: BatchLoader<string, number>;
}

/**
 * One request's loaders for what deals and stages refer to (their pipeline, lead, how many deals a
 * stage holds): a field asked of every deal of a page costs one query, not one per deal.
 */
export function pipelineLoaders(context: GraphQLContext, ctx: TenantContext): PipelineLoaders {
  const holder = context as GraphQLContext & { pipelineLoaders?: PipelineLoaders };
  holder.pipelineLoaders ??= {
    pipelines: new BatchLoader(async (ids) => new Map((await context.services.pipelines(ctx).getMany(ctx, ids)).map((p) => [p.id, p])), null),
    leads: new BatchLoader(async (ids) => new Map((await context.services.deals(ctx).leads(ctx, ids)).map((l) => [l.id, l])), null),
    dealCounts: new BatchLoader((ids) => context.services.pipelines(ctx).dealCounts(ctx, ids), 0),
  };
  return holder.pipelineLoaders;
}
