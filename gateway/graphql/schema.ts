import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { guardSchema } from './access-guard.ts';
import { hideActionLinksInSchema } from './action-links.ts';
import './types/enums.ts';
import { AccountResolver } from './resolvers/account.resolver.ts';
import { ApiKeyResolver } from './resolvers/api-key.resolver.ts';
import { AutopilotResolver } from './resolvers/autopilot.resolver.ts';
import { FunnelResolver } from './resolvers/funnel.resolver.ts';
import { LeadFunnelResolver } from './resolvers/lead-funnel.resolver.ts';
import { ImportResolver } from './resolvers/import.resolver.ts';
import { InvitationResolver } from './resolvers/invitation.resolver.ts';
import { LeadConnectionResolver, LeadResolver } from './resolvers/lead.resolver.ts';
import { LeadFoundByResolver, LeadSearchFieldsResolver, LeadSearchLiveResolver, LeadSearchRunFieldsResolver } from './resolvers/lead-search-fields.resolver.ts';
import { LeadSearchResolver } from './resolvers/lead-search.resolver.ts';
import { LiveResolver } from './resolvers/live.resolver.ts';
import { NodeResolver } from './resolvers/node.resolver.ts';
import { MoneyResolver } from './resolvers/money.resolver.ts';
import { AuthPayloadResolver, TenancyResolver } from './resolvers/tenancy.resolver.ts';
import { DealLiveResolver } from './resolvers/deal-live.resolver.ts';
import { DealConnectionResolver, DealResolver, DealStageChangeResolver } from './resolvers/deal.resolver.ts';
import { PipelineStatsResolver } from './resolvers/pipeline-stats.resolver.ts';
import { PipelineResolver, PipelineStageResolver } from './resolvers/pipeline.resolver.ts';

let built: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema, built once per process from the resolver classes. */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [TenancyResolver, AuthPayloadResolver, AccountResolver, InvitationResolver, ApiKeyResolver, LeadResolver, LeadConnectionResolver, ImportResolver, AutopilotResolver, FunnelResolver, LeadFunnelResolver, LiveResolver, MoneyResolver, NodeResolver,
      LeadSearchResolver, LeadSearchFieldsResolver, LeadSearchRunFieldsResolver, LeadFoundByResolver, LeadSearchLiveResolver,
      PipelineResolver, PipelineStageResolver, DealResolver, DealConnectionResolver, DealStageChangeResolver, DealLiveResolver, PipelineStatsResolver],
    validate: false,
    // Subscriptions bring their own event source (PostgreSQL NOTIFY); type-graphql insists on a PubSub.
    pubSub: { publish: () => undefined, subscribe: () => { throw new Error('subscriptions use the event hub'); } },
  })
    .then(guardSchema)
    .then(hideActionLinksInSchema);
  return built;
}

/** The SDL as committed in gateway/schema.graphql (sorted, so diffs show real changes only). */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
