import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Lead, TimelineEntry } from '../../../core/leads/lead.types.ts';
import type { CrmEvent } from '../../live/event-hub.ts';
import type { GraphQLContext } from '../context.ts';
import { LeadType, TimelineEntryType } from '../types/lead.types.ts';

interface LiveArgs {
  leadId?: string | null;
}

/** Subscriptions over graphql-ws on /graphql, scoped to the subscriber's tenant. */
@Resolver()
export class LiveResolver {
  @Subscription(() => LeadType, {
    description: 'A lead of the current tenant changed (status, fields); optionally only one lead.',
    subscribe: async ({ args, context }) => {
      const { auth, hub } = context as GraphQLContext;
      const ctx = await auth.tenant();
      const only = (args as LiveArgs).leadId ?? null;
      return hub!.iterate(ctx.tenantId, (event: CrmEvent) => (event.kind === 'lead' && (!only || event.id === only) ? event : null));
    },
  })
  async leadChanged(@Root() event: Extract<CrmEvent, { kind: 'lead' }>, @Arg('leadId', () => ID, { nullable: true }) _leadId: string | null, @Ctx() { auth, services }: GraphQLContext): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.leads(ctx).get(ctx, event.id);
  }

  @Subscription(() => TimelineEntryType, {
    description: 'A timeline entry was added to a lead of the current tenant; optionally only one lead.',
    subscribe: async ({ args, context }) => {
      const { auth, hub } = context as GraphQLContext;
      const ctx = await auth.tenant();
      const only = (args as LiveArgs).leadId ?? null;
      return hub!.iterate(ctx.tenantId, (event: CrmEvent) => (event.kind === 'event' && (!only || event.leadId === only) ? event : null));
    },
  })
  async activityAdded(@Root() event: Extract<CrmEvent, { kind: 'event' }>, @Arg('leadId', () => ID, { nullable: true }) _leadId: string | null, @Ctx() { auth, services }: GraphQLContext): Promise<TimelineEntry> {
    const ctx = await auth.tenant();
    return services.leads(ctx).timelineEntry(ctx, event.leadId, event.id);
  }
}
