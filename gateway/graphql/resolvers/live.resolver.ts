import { Arg, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Permission, assertCan } from '../../../core/access.ts';
import type { Lead, TimelineEntry } from '../../../core/leads/lead.types.ts';
import { readableBy, type DeletedNotice, type EntryAdded, type LeadChange, type LiveEvent, type LiveTopic } from '../../live/live-events.ts';
import { PulseBox } from '../../live/pulse-box.ts';
import type { GraphQLContext } from '../context.ts';
import { DeletedLeadType, LeadType, TimelineEntryType } from '../types/lead.types.ts';

interface LiveArgs {
  leadId?: string | null;
}

/** The subscriber's tenant's events of `topic`; the hub has read each row once for all of them. */
async function follow(context: unknown, topic: LiveTopic, select: (event: LiveEvent) => LiveEvent | null) {
  const { auth, hub } = context as GraphQLContext;
  const ctx = await auth.tenant();
  assertCan(ctx, Permission.READ);
  return hub!.iterate(ctx, topic, select);
}

@ObjectType('TenantChange', { description: 'A tenant whose leads or timeline changed.' })
class TenantChangeType {
  @Field(() => ID) tenantId!: string;
}

/** Pulses of every tenant the caller reaches (an API key: its own), for the agency overview. */
async function followAgency(context: unknown): Promise<AsyncIterableIterator<string>> {
  const { auth, hub, services } = context as GraphQLContext;
  const agency = await auth.agency();
  assertCan(agency, Permission.READ);
  const tenants = auth.isApiKey ? [await services.tenancy.tenant(await auth.tenant())] : await services.tenancy.listTenants(agency);
  let stop = () => undefined as void;
  const box = new PulseBox(() => stop());
  stop = hub!.pulse(tenants.map((tenant) => ({ tenantId: tenant.id, agencyId: agency.agencyId })), (tenantId) => box.push(tenantId));
  return box;
}

/**
 * Subscriptions over graphql-ws on /graphql, scoped to the subscriber's tenant. A statement that
 * changes more than 50 leads (or adds more than 50 entries) is announced in bulk, without ids:
 * these subscriptions skip it, and clients catch up by refetching (as they do on reconnecting).
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => LeadType, {
    description: 'A lead of the current tenant changed (status, fields); optionally only one lead.',
    subscribe: ({ args, context }) => {
      const only = (args as LiveArgs).leadId ?? null;
      return follow(context, 'lead', (event) => (event.kind === 'lead' && (!only || event.id === only) ? event : null));
    },
  })
  async leadChanged(@Root() event: LeadChange, @Arg('leadId', () => ID, { nullable: true }) _leadId: string | null, @Ctx() { auth }: GraphQLContext): Promise<Lead> {
    return readableBy(await auth.tenant(), event, event.lead, 'Lead');
  }

  @Subscription(() => DeletedLeadType, {
    description: 'A lead of the current tenant was deleted; optionally only one lead. (A statement deleting more than 50 is announced in bulk: refetch.)',
    subscribe: ({ args, context }) => {
      const only = (args as LiveArgs).leadId ?? null;
      return follow(context, 'lead', (event) => (event.kind === 'lead_deleted' && (!only || event.id === only) ? event : null));
    },
  })
  async leadDeleted(@Root() event: DeletedNotice, @Arg('leadId', () => ID, { nullable: true }) _leadId: string | null, @Ctx() { auth }: GraphQLContext): Promise<DeletedLeadType> {
    const ctx = await auth.tenant();
    return { id: readableBy(ctx, { ...event, failed: false }, event.id, 'Lead') };
  }

  @Subscription(() => TimelineEntryType, {
    description: 'A timeline entry was added to a lead of the current tenant; optionally only one lead.',
    subscribe: ({ args, context }) => {
      const only = (args as LiveArgs).leadId ?? null;
      return follow(context, 'event', (event) => (event.kind === 'event' && (!only || event.leadId === only) ? event : null));
    },
  })
  async activityAdded(@Root() event: EntryAdded, @Arg('leadId', () => ID, { nullable: true }) _leadId: string | null, @Ctx() { auth }: GraphQLContext): Promise<TimelineEntry> {
    return readableBy(await auth.tenant(), event, event.entry, 'Timeline entry');
  }

  @Subscription(() => TenantChangeType, {
    description: 'Something changed in a tenant the caller can reach (a lead or its timeline, including bulk changes): refetch its figures (agencyOverview). A tenant that changes faster than the subscriber reads is announced once.',
    subscribe: ({ context }) => followAgency(context),
  })
  agencyOverviewChanged(@Root() tenantId: string): TenantChangeType {
    return { tenantId };
  }
}
