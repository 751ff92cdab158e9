import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { MustHave } from '../../../core/leadgen/fit.ts';
import { DuplicateBy, FoundOutcome, LeadSourceId, RunStatus, RunTrigger, SearchSchedule } from '../../../core/leadgen/lead-search.types.ts';
import { connectionType } from '../connections.ts';
import { ActorInfo } from './lead.types.ts';

export const MustHaveEnum = { WEBSITE: 'WEBSITE', EMAIL: 'EMAIL', PHONE: 'PHONE', OPENING_HOURS: 'OPENING_HOURS' } as const;
export const ReviewDecisionEnum = { APPROVE: 'approve', REJECT: 'reject' } as const;
export const PreviewVerdictEnum = { NEW: 'new', DUPLICATE: 'duplicate', REJECTED: 'rejected' } as const;
export const ReachabilityEnum = { EMAIL: 'email', PHONE: 'phone', WEBSITE_TO_READ: 'website_to_read', NONE: 'none' } as const;

registerEnumType(LeadSourceId, { name: 'LeadSourceKind', description: 'Where a search finds businesses. OSM: OpenStreetMap (free, no key). GOOGLE_PLACES: Google Places, with an API key (the workspace\'s GOOGLE_PLACES_API_KEY credential, or the server\'s).' });
registerEnumType(SearchSchedule, { name: 'LeadSearchSchedule', description: 'ONCE: a single run when the search is saved (runLeadSearch runs it again). DAILY, WEEKLY: once per day or ISO week in the search\'s time zone.' });
registerEnumType(RunStatus, { name: 'LeadSearchRunStatus', description: 'QUEUED, RUNNING, DONE (see reason for why it stopped) or FAILED (reason says why).' });
registerEnumType(RunTrigger, { name: 'LeadSearchRunTrigger', description: 'MANUAL: runLeadSearch. SCHEDULED: the search\'s schedule.' });
registerEnumType(FoundOutcome, {
  name: 'FoundBusinessOutcome',
  description: 'What became of a found business: CREATED (a lead), DUPLICATE (of a lead, or of a business found before), REJECTED (no way to reach it, or below the fit threshold), PENDING_REVIEW (waiting for approval), APPROVED (a lead, after review), REJECTED_BY_USER.',
});
registerEnumType(DuplicateBy, { name: 'DuplicateMatch', description: 'What a duplicate shares with the lead or business found before.' });
registerEnumType(MustHaveEnum, { name: 'MustHave', description: 'Something an ideal customer must have: without it, the fit is at most 30.' });
registerEnumType(ReviewDecisionEnum, { name: 'ReviewDecision' });
registerEnumType(PreviewVerdictEnum, { name: 'PreviewVerdict', description: 'What a run would do with a business: NEW (take it), DUPLICATE, REJECTED.' });
registerEnumType(ReachabilityEnum, { name: 'Reachability', description: 'How a business could be reached: an EMAIL (from its listing), a PHONE only, WEBSITE_TO_READ (a run reads its site for an email), NONE.' });

@ObjectType('IdealCustomer', { description: 'The customers a workspace wants: a found business is scored 0-100 against it.' })
export class IdealCustomerType {
  @Field(() => [String], { description: 'Kinds of business (category ids); empty: any.' }) industries!: string[];
  @Field(() => [String], { description: 'City names; empty: anywhere.' }) places!: string[];
  @Field(() => [MustHaveEnum]) mustHave!: MustHave[];
  @Field(() => Float, { nullable: true, description: 'The least Google rating (0-5); null: not asked.' }) minRating!: number | null;
}

@InputType({ description: 'At most 30 industries (category ids or the words people use), 50 places of 100 characters.' })
export class IdealCustomerInput {
  @Field(() => [String], { nullable: true }) industries?: string[] | null;
  @Field(() => [String], { nullable: true }) places?: string[] | null;
  @Field(() => [MustHaveEnum], { nullable: true }) mustHave?: MustHave[] | null;
  @Field(() => Float, { nullable: true, description: '0 to 5 stars.' }) minRating?: number | null;
}

@ObjectType('SearchArea', { description: 'A named place (placeName, country), or a circle (latitude, longitude, radiusMeters).' })
export class SearchAreaType {
  @Field(() => String, { nullable: true }) placeName!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' }) country!: string | null;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => Int, { nullable: true }) radiusMeters!: number | null;
}

@InputType({ description: 'A placeName (a city or town, 1-200 characters, with an optional 2-letter country code), or latitude, longitude and radiusMeters (100-50000).' })
export class SearchAreaInput {
  @Field(() => String, { nullable: true }) placeName?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
  @Field(() => Int, { nullable: true }) radiusMeters?: number | null;
}

@ObjectType('LeadSearch', { description: 'A saved search for businesses of a kind in an area, run once or on a schedule.' })
export class LeadSearchType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The kind of business, by id (suggestCategories lists them).' }) category!: string;
  @Field(() => String, { description: 'The kind of business in words (a found lead\'s industry and tag).' }) categoryLabel!: string;
  @Field(() => SearchAreaType) area!: SearchAreaType;
  @Field(() => LeadSourceId) source!: string;
  @Field(() => Int) maxNewLeadsPerRun!: number;
  @Field(() => Int) maxNewLeadsPerDay!: number;
  @Field(() => SearchSchedule) schedule!: string;
  @Field(() => String, { description: 'The IANA time zone days and weeks are counted in.' }) timeZone!: string;
  @Field(() => Int, { description: 'Businesses that fit less (0-100) are rejected.' }) minFit!: number;
  @Field(() => IdealCustomerType, { nullable: true, description: 'This search\'s own ideal customer; null: the workspace\'s (leadSearchSettings).' }) idealCustomer!: IdealCustomerType | null;
  @Field(() => Boolean, { description: 'Off: its schedule does not run it (runLeadSearch still does).' }) enabled!: boolean;
  @Field(() => ActorInfo) createdBy!: ActorInfo;
  @Field(() => Date, { nullable: true, description: 'When the schedule runs it next; null for ONCE or when off.' }) nextRunAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@InputType({
  description:
    'A search. category and area are required on create; on update, omitted fields stay (area is replaced whole; idealCustomer: null goes back to the workspace\'s). ' +
    'name 1-200 characters (default: "<kind> in <place>"); maxNewLeadsPerRun 1-500 (default 20); maxNewLeadsPerDay 1-5000, at least the per-run limit (default 100); ' +
    'minFit 0-100 (default 0); timeZone an IANA zone (default UTC).',
})
export class LeadSearchInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'A category id, or the words people use: "dentists", "gym", "जिम".' }) category?: string | null;
  @Field(() => SearchAreaInput, { nullable: true }) area?: SearchAreaInput | null;
  @Field(() => LeadSourceId, { nullable: true, description: 'Default OSM. GOOGLE_PLACES is refused (VALIDATION) until an API key is set.' }) source?: 'osm' | 'google_places' | null;
  @Field(() => Int, { nullable: true }) maxNewLeadsPerRun?: number | null;
  @Field(() => Int, { nullable: true }) maxNewLeadsPerDay?: number | null;
  @Field(() => SearchSchedule, { nullable: true, description: 'Default ONCE.' }) schedule?: 'once' | 'daily' | 'weekly' | null;
  @Field(() => String, { nullable: true }) timeZone?: string | null;
  @Field(() => Int, { nullable: true }) minFit?: number | null;
  @Field(() => IdealCustomerInput, { nullable: true }) idealCustomer?: IdealCustomerInput | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) enabled?: boolean | null;
}

@ObjectType('LeadSearchRun', { description: 'One run of a search, with its counts as they grow (leadSearchRunChanged follows them live).' })
export class LeadSearchRunType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The search (kept after it is deleted, with its runs).' }) searchId!: string;
  @Field(() => String) searchName!: string;
  @Field(() => RunTrigger) trigger!: string;
  @Field(() => String, { nullable: true, description: 'The schedule\'s period it ran for (daily:2026-12-03, weekly:2026-W49, once); null for a run by hand.' }) period!: string | null;
  @Field(() => RunStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'Why it stopped or failed, or what it is waiting for, in words.' }) reason!: string | null;
  @Field(() => Int, { description: 'Businesses it recorded (every outcome).' }) found!: number;
  @Field(() => Int, { description: 'Leads it created.' }) created!: number;
  @Field(() => Int) duplicates!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Held for review (the workspace approves found businesses first).' }) heldForReview!: number;
  @Field(() => Int) pagesRead!: number;
  @Field(() => ActorInfo) startedBy!: ActorInfo;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
}

@ObjectType('FoundBusinessEnrichment', { description: 'What reading the business\'s website found, and why something was not used.' })
export class EnrichmentType {
  @Field(() => [String], { description: 'Usable addresses, best first.' }) emails!: string[];
  @Field(() => [String]) phones!: string[];
  @Field(() => [String]) pagesRead!: string[];
  @Field(() => [String]) notes!: string[];
}

@ObjectType('FoundBusiness', { description: 'A business a run found, and what became of it, with the reasons in words.' })
export class FoundBusinessType {
  @Field(() => ID) id!: string;
  @Field(() => ID) runId!: string;
  @Field(() => ID) searchId!: string;
  @Field(() => String) searchName!: string;
  @Field(() => LeadSourceId) source!: string;
  @Field(() => String, { description: 'The source\'s id for the place (node/123 on OpenStreetMap, a place id on Google).' }) externalId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { nullable: true }) country!: string | null;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true, description: 'The address it would be written to (from its listing or its website).' }) email!: string | null;
  @Field(() => String, { nullable: true }) openingHours!: string | null;
  @Field(() => Float, { nullable: true }) rating!: number | null;
  @Field(() => Int, { nullable: true }) ratingCount!: number | null;
  @Field(() => FoundOutcome) outcome!: string;
  @Field(() => [String]) reasons!: string[];
  @Field(() => ID, { nullable: true, description: 'The lead it duplicates, when there is one.' }) duplicateOf!: string | null;
  @Field(() => DuplicateBy, { nullable: true }) duplicateBy!: string | null;
  @Field(() => Int, { nullable: true, description: 'Fit to the ideal customer, 0-100.' }) fit!: number | null;
  @Field(() => String, { nullable: true }) fitSentence!: string | null;
  @Field(() => EnrichmentType) enrichment!: EnrichmentType;
  @Field(() => ID, { nullable: true, description: 'The lead it became.' }) leadId!: string | null;
  @Field(() => ActorInfo, { nullable: true }) reviewedBy!: ActorInfo | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => Date) foundAt!: Date;
}

export const LeadSearchConnection = connectionType(LeadSearchType, 'LeadSearch');
export const LeadSearchRunConnection = connectionType(LeadSearchRunType, 'LeadSearchRun');
export const FoundBusinessConnection = connectionType(FoundBusinessType, 'FoundBusiness');
