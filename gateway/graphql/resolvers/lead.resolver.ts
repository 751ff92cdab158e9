import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LeadAction, LeadStatus } from '../../../core/lifecycle/lead-lifecycle.ts';
import { actionsFor } from '../../../core/leads/lead.service.ts';
import type { Lead, LeadFilter } from '../../../core/leads/lead.types.ts';
import { BatchLoader } from '../batch-loader.ts';
import type { GraphQLContext } from '../context.ts';
import { PageArgs, listCursor, toConnection } from '../connections.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { IDEMPOTENCY_DESCRIPTION } from '../idempotency.ts';
import {
  CreateLeadInput,
  LeadConnection,
  LeadFilterInput,
  LeadOrderInput,
  LeadType,
  TimelineConnection,
  TimelineEntryType,
  UpdateLeadInput,
  toLeadFilter,
} from '../types/lead.types.ts';

type ConnectionWithFilter = LeadConnection & { filter: LeadFilter };
const timelineCursor = listCursor('timeline');

@Resolver(() => LeadType)
export class LeadResolver {
  @Query(() => LeadType, { nullable: true, description: 'One lead of the current tenant (null, with a NOT_FOUND error, when there is none: the rest of the request keeps its answers).' })
  async lead(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.leads(ctx).get(ctx, id);
  }

  @Query(() => LeadConnection, { description: 'Leads of the current tenant, a page at a time either way (Relay connection).' })
  async leads(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => LeadFilterInput, { nullable: true }) filterInput: LeadFilterInput | null,
    @Arg('orderBy', () => LeadOrderInput, { nullable: true, description: 'Default: newest first.' }) orderByInput: LeadOrderInput | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<ConnectionWithFilter> {
    const ctx = await auth.tenant();
    const orderBy = orderByInput ?? { field: 'CREATED_AT' as const, direction: 'DESC' as const };
    const filter = toLeadFilter(filterInput);
    const found = await services.leads(ctx).list(ctx, { page, decode: (text, field) => decodeCursor(orderBy.field, text, field), filter, orderBy });
    return { ...toConnection(found, (lead) => encodeCursor(orderBy.field, lead.cursor)), filter };
  }

  @Query(() => TimelineConnection, {
    nullable: true,
    description: 'Everything that happened to a lead, oldest first, a page at a time either way (1-500, default 100); null, with a NOT_FOUND error, when there is no such lead (the rest of the request keeps its answers).',
  })
  async history(@Arg('leadId', () => ID) leadId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext): Promise<TimelineConnection> {
    const ctx = await auth.tenant();
    const found = await services.leads(ctx).history(ctx, leadId, page, timelineCursor.decode);
    const connection = toConnection(found, (entry) => timelineCursor.encode(entry.id));
    return { ...connection, entries: connection.nodes };
  }

  @FieldResolver(() => [LeadAction], { description: 'What the caller may do now: allowed by the lead\'s state (and, for REOPEN, how it was closed) and by their role.' })
  async allowedActions(@Root() lead: Lead, @Ctx() context: GraphQLContext): Promise<LeadAction[]> {
    const ctx = await context.auth.tenant();
    const actions = actionsFor(ctx, lead);
    if (!actions.includes(LeadAction.REOPEN)) return actions;
    // A suppression can keep a lost lead closed; the leads of one request are checked together.
    const loaders = context as GraphQLContext & { reopenLoader?: BatchLoader<string, boolean> };
    loaders.reopenLoader ??= new BatchLoader(async (ids) => {
      const blocked = await context.services.leads(ctx).reopenBlockedAmong(ctx, ids);
      return new Map(ids.map((id) => [id, blocked.has(id)]));
    }, false);
    return (await loaders.reopenLoader.load(lead.id)) ? actions.filter((action) => action !== LeadAction.REOPEN) : actions;
  }

  @FieldResolver(() => LeadStatus, { nullable: true, description: 'For a LOST lead, the status it was lost from: the one a reopen returns it to.' })
  lostFrom(@Root() lead: Lead): LeadStatus | null {
    return lead.status === LeadStatus.LOST ? lead.previousStatus : null;
  }

  @FieldResolver(() => TimelineConnection, { description: 'The lead\'s timeline (see history).' })
  async timeline(
    @Root() lead: Lead,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<TimelineConnection> {
    return this.history(lead.id, page, context);
  }

  @Mutation(() => LeadType)
  async createLead(@Arg('input', () => CreateLeadInput) input: CreateLeadInput, @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null, @Ctx() { auth, services }: GraphQLContext): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.leads(ctx).create(ctx, { ...input });
  }

  @Mutation(() => LeadType)
  async updateLead(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateLeadInput) input: UpdateLeadInput,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'Fail with CONFLICT if the lead changed since this version.' }) expectedVersion: number | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.leads(ctx).update(ctx, id, { ...input }, expectedVersion);
  }

  @Mutation(() => ID, { description: 'Deletes a lead where the lifecycle allows it (NEW or LOST); returns its id.' })
  async deleteLead(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext): Promise<string> {
    const ctx = await auth.tenant();
    return services.leads(ctx).delete(ctx, id);
  }

  @Mutation(() => TimelineEntryType)
  async addNote(@Arg('leadId', () => ID) leadId: string, @Arg('body', () => String, { description: '1-10000 characters.' }) body: string, @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_DESCRIPTION }) _idempotencyKey: string | null, @Ctx() { auth, services }: GraphQLContext) {
    const ctx = await auth.tenant();
    return services.leads(ctx).addNote(ctx, leadId, body);
  }

  @Mutation(() => LeadType, { description: 'An admin\'s manual override: CONTACTED → INTERESTED.' })
  async markLeadInterested(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'At most 1000 characters.' }) reason: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.leads(ctx).act(ctx, id, LeadAction.MARK_INTERESTED, reason);
  }

  @Mutation(() => LeadType, { description: 'Asks for a state, as a drop on a board column: INTERESTED (an admin\'s override), LOST, and for a lost lead the status it was lost from (a reopen: owner or admin, with a reason) are done; any other is refused with the reason.' })
  async moveLead(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => LeadStatus) to: LeadStatus,
    @Arg('reason', () => String, { nullable: true, description: 'At most 1000 characters.' }) reason: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.leads(ctx).moveTo(ctx, id, to, reason);
  }

  @Mutation(() => LeadType, { description: 'Reopens a LOST lead (owner or admin, with a reason) back to the status it was lost from, recorded as a REOPENED transition. Only a lead closed by a user or by a reply classification; what that classification suppressed is lifted.' })
  async reopenLead(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() { auth, services }: GraphQLContext): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.leads(ctx).reopen(ctx, id, reason);
  }

  @Mutation(() => LeadType, { description: 'Closes a lead as LOST (from any state but PAID). An owner or admin can reopen it (reopenLead).' })
  async closeLead(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'At most 1000 characters.' }) reason: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<Lead> {
    const ctx = await auth.tenant();
    return services.leads(ctx).act(ctx, id, LeadAction.CLOSE_AS_LOST, reason);
  }
}

@Resolver(() => LeadConnection)
export class LeadConnectionResolver {
  @FieldResolver(() => Int, { description: 'Leads matching the filter (counted only when asked for).' })
  async totalCount(@Root() connection: ConnectionWithFilter, @Ctx() { auth, services }: GraphQLContext): Promise<number> {
    const ctx = await auth.tenant();
    return services.leads(ctx).count(ctx, connection.filter);
  }
}
