import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DuplicateBy, FoundOutcome } from '../../../core/leadgen/lead-search.types.ts';
import { connectionType } from '../connections.ts';
import { IdealCustomerInput, IdealCustomerType, PreviewVerdictEnum, ReachabilityEnum, SearchAreaType } from './lead-search.types.ts';

@ObjectType('LeadSearchSettings', { description: 'How the workspace screens found businesses.' })
export class LeadSearchSettingsType {
  @Field(() => IdealCustomerType, { description: 'Searches without their own ideal customer score businesses against this one.' }) idealCustomer!: IdealCustomerType;
  @Field(() => Boolean, { description: 'On: found businesses wait for a person to approve them (reviewFoundBusinesses) before they become leads.' }) requireApproval!: boolean;
}

@InputType()
export class LeadSearchSettingsInput {
  @Field(() => IdealCustomerInput, { nullable: true, description: 'Replaces the ideal customer as a whole.' }) idealCustomer?: IdealCustomerInput | null;
  @Field(() => Boolean, { nullable: true }) requireApproval?: boolean | null;
}

@ObjectType('BusinessCategory', { description: 'A kind of business searches can look for.' })
export class BusinessCategoryType {
  @Field(() => ID, { description: 'What LeadSearchInput.category takes (the words people use work too).' }) id!: string;
  @Field(() => String) label!: string;
  @Field(() => [String], { description: 'Words people use for it, in several languages.' }) words!: string[];
}

export const BusinessCategoryConnection = connectionType(BusinessCategoryType, 'BusinessCategory');

@ObjectType('PreviewedBusiness', { description: 'A business a run would find, and what it would do with it (a run also reads websites for emails and checks mail domains).' })
export class PreviewedBusinessType {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The source\'s id for the place.' }) externalId!: string;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => Float, { nullable: true }) rating!: number | null;
  @Field(() => PreviewVerdictEnum) verdict!: string;
  @Field(() => ReachabilityEnum) reachability!: string;
  @Field(() => Int, { nullable: true }) fit!: number | null;
  @Field(() => String, { nullable: true }) fitSentence!: string | null;
  @Field(() => [String]) reasons!: string[];
  @Field(() => ID, { nullable: true }) duplicateOf!: string | null;
  @Field(() => DuplicateBy, { nullable: true }) duplicateBy!: string | null;
}

@ObjectType('LeadSearchPreview', { description: 'The first businesses a search would bring: nothing is saved.' })
export class LeadSearchPreviewType {
  @Field(() => String, { description: 'The name the search would have.' }) name!: string;
  @Field(() => String) category!: string;
  @Field(() => SearchAreaType) area!: SearchAreaType;
  @Field(() => [PreviewedBusinessType], { description: 'At most 20 (size).' }) businesses!: PreviewedBusinessType[];
  @Field(() => Boolean, { description: 'The source has more than these.' }) more!: boolean;
}

@ObjectType('FoundBusinessDecision', { description: 'What a review did to one found business.' })
export class FoundBusinessDecisionType {
  @Field(() => ID) foundBusinessId!: string;
  @Field(() => FoundOutcome, { nullable: true, description: 'Its outcome now; null when there is no such found business.' }) outcome!: string | null;
  @Field(() => ID, { nullable: true, description: 'The lead it became (or duplicates).' }) leadId!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType('FoundBusinessReview', { description: 'The result of reviewing found businesses, one decision per id asked for.' })
export class FoundBusinessReviewType {
  @Field(() => Int) approved!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'The others: not waiting for review, not found, or no longer able to become a lead (their messages say which).' }) unchanged!: number;
  @Field(() => [FoundBusinessDecisionType], { description: 'In the order of the ids; at most 200.' }) decisions!: FoundBusinessDecisionType[];
}
