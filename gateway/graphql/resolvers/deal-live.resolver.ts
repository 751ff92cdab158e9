import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Permission, assertCan } from '../../../core/access.ts';
import type { Deal } from '../../../core/pipelines/pipeline.types.ts';
import { readableBy, type DealChange, type LiveEvent } from '../../live/live-events.ts';
import type { GraphQLContext } from '../context.ts';
import { DealType } from '../types/deal.types.ts';

interface DealArgs {
  dealId?: string | null;
  pipelineId?: string | null;
}

/** The subscriber's tenant's deal events; the hub has read each deal once for all of them. */
async function followDeals(context: unknown, select: (event: LiveEvent) => LiveEvent | null) {
  const { auth, hub } = context as GraphQLContext;
  const ctx = await auth.tenant();
  assertCan(ctx, Permission.READ);
  return hub!.iterate(ctx, 'deal', select);
}

@Resolver()
export class DealLiveResolver {
  @Subscription(() => DealType, {
    description: 'A deal of the current tenant was opened or changed (moved, edited); optionally only one deal, or one pipeline\'s. A statement changing more than 50 deals is announced in bulk: refetch.',
    subscribe: ({ args, context }) => {
      const { dealId = null, pipelineId = null } = args as DealArgs;
      return followDeals(context, (event) =>
        event.kind === 'deal' && (!dealId || event.id === dealId) && (!pipelineId || event.deal?.pipelineId === pipelineId) ? event : null,
      );
    },
  })
  async dealChanged(
    @Root() event: DealChange,
    @Arg('dealId', () => ID, { nullable: true }) _dealId: string | null,
    @Arg('pipelineId', () => ID, { nullable: true }) _pipelineId: string | null,
    @Ctx() { auth }: GraphQLContext,
  ): Promise<Deal> {
    return readableBy(await auth.tenant(), event, event.deal, 'Deal');
  }
}
