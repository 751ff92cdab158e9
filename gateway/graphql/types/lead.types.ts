import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { LeadFilter, LeadOrderField as OrderField } from '../../../core/leads/lead.types.ts';
import { LeadOrderField } from '../../../core/leads/lead.types.ts';
import { LeadAction, LeadStatus, TransitionTrigger } from '../../../core/lifecycle/lead-lifecycle.ts';
import { ActorType, SortDirection, TimelineKind } from './enums.ts';
import { NodeInterface } from './node.types.ts';
import { connectionType } from '../connections.ts';

@ObjectType('Lead', { implements: NodeInterface, description: 'A potential customer of the tenant.' })
export class LeadType {
  @Field(() => ID) id!: string;
  @Field(() => String) businessName!: string;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true, description: 'Lower-cased; unique within the tenant.' }) email!: string | null;
  @Field(() => String, { nullable: true, description: 'E.164, e.g. +919876543210.' }) phone!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true }) industry!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' }) country!: string | null;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) companySize!: string | null;
  @Field(() => [String]) tags!: string[];
  @Field(() => GraphQLJSONObject) customFields!: Record<string, unknown>;
  @Field(() => ID, { nullable: true }) assigneeId!: string | null;
  @Field(() => LeadStatus) status!: LeadStatus;
  @Field(() => Int, { nullable: true, description: '0-100; null until scored.' }) score!: number | null;
  @Field(() => Int, { description: 'Increases with every change; pass it back as expectedVersion to avoid overwriting.' }) version!: number;
  @Field(() => ID, { nullable: true, description: 'The CSV import that created the lead, if any.' }) importId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('DeletedLead', { description: 'A lead that no longer exists: drop it from what you show.' })
export class DeletedLeadType {
  @Field(() => ID) id!: string;
}

export const LeadConnection = connectionType(LeadType, 'Lead', 'A page of leads (Relay connection); totalCount counts every lead that matches the filter.');
export type LeadConnection = InstanceType<typeof LeadConnection>;

@InputType({
  description:
    'A new lead. businessName and one of email or phone are required. Lengths, in characters: businessName and contactName 200, email 254, website 500, ' +
    'industry, city and source 100, companySize 50; at most 50 tags of 50 characters; customFields at most 50 keys of 100 characters and 16 KB of JSON.',
})
export class CreateLeadInput {
  @Field(() => String) businessName!: string;
  @Field(() => String, { nullable: true }) contactName?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'Any common format; normalised to E.164 with the lead\'s country or the tenant\'s.' }) phone?: string | null;
  @Field(() => String, { nullable: true }) website?: string | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'A 2-letter code or an English country name.' }) country?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => String, { nullable: true }) companySize?: string | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) customFields?: Record<string, unknown> | null;
  @Field(() => ID, { nullable: true }) assigneeId?: string | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears a field. The limits of CreateLeadInput apply.' })
export class UpdateLeadInput {
  @Field(() => String, { nullable: true }) businessName?: string | null;
  @Field(() => String, { nullable: true }) contactName?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) website?: string | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => String, { nullable: true }) companySize?: string | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) customFields?: Record<string, unknown> | null;
  @Field(() => ID, { nullable: true }) assigneeId?: string | null;
}

@InputType()
export class LeadFilterInput {
  @Field(() => [LeadStatus], { nullable: true }) status?: LeadStatus[] | null;
  @Field(() => String, { nullable: true, description: 'Matches business name, contact name, email or city. At most 200 characters, like every text of the filter.' }) search?: string | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => String, { nullable: true }) tag?: string | null;
  @Field(() => ID, { nullable: true }) assignee?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only leads nobody is assigned to.' }) unassigned?: boolean | null;
}

export function toLeadFilter(input: LeadFilterInput | null | undefined): LeadFilter {
  if (!input) return {};
  const { assignee, ...rest } = input;
  return { ...rest, assigneeId: assignee ?? null };
}

@InputType()
export class LeadOrderInput {
  @Field(() => LeadOrderField) field!: OrderField;
  @Field(() => SortDirection) direction!: 'ASC' | 'DESC';
}

@ObjectType('Actor')
export class ActorInfo {
  @Field(() => ActorType) type!: string;
  @Field(() => String, { nullable: true, description: 'User or API key id; null for the system and providers.' }) id!: string | null;
  @Field(() => String) name!: string;
}

@ObjectType('TimelineEntry', { description: 'One thing that happened to a lead: created, edited, a note, a status change.' })
export class TimelineEntryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) leadId!: string;
  @Field(() => TimelineKind) kind!: TimelineKind;
  @Field(() => ActorInfo) actor!: ActorInfo;
  @Field(() => LeadStatus, { nullable: true }) fromStatus!: LeadStatus | null;
  @Field(() => LeadStatus, { nullable: true }) toStatus!: LeadStatus | null;
  @Field(() => TransitionTrigger, { nullable: true }) trigger!: TransitionTrigger | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => GraphQLJSONObject) data!: Record<string, unknown>;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('TimelineConnection', { description: 'A lead\'s timeline, oldest first (Relay connection).' })
export class TimelineConnection extends connectionType(TimelineEntryType, 'TimelineEntry') {
  @Field(() => [TimelineEntryType], { deprecationReason: 'Use nodes (or edges).' }) entries!: TimelineEntryType[];
}

export { LeadAction };
