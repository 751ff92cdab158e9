import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../connections.ts';
import { ActorInfo } from './lead.types.ts';
import { MinorUnitsScalar, MoneyType } from './money.types.ts';
import { DealStatus } from './pipeline.types.ts';

@ObjectType('Deal', { description: 'A lead in a pipeline (a lead can have several deals): its stage, value, dates and owner.' })
export class DealType {
  @Field(() => ID) id!: string;
  @Field(() => ID) leadId!: string;
  @Field(() => ID) pipelineId!: string;
  @Field(() => ID) stageId!: string;
  @Field(() => ID, { nullable: true, description: 'The stage it left for this one; null until it first moves.' }) previousStageId!: string | null;
  @Field(() => DealStatus) status!: DealStatus;
  @Field(() => MoneyType) value!: MoneyType;
  @Field(() => Date, { description: 'When it entered its stage.' }) stageEnteredAt!: Date;
  @Field(() => Date, { nullable: true }) nextActionAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The expected close date, YYYY-MM-DD.' }) expectedClose!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was lost (from the tenant\'s lost reasons); null unless it is LOST.' }) lostReason!: string | null;
  @Field(() => String, { nullable: true, description: 'What the AI (or a person) noted about the deal.' }) aiNotes!: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who owns the deal.' }) ownerId!: string | null;
  @Field(() => Int, { description: 'Increases with every change; pass it back as expectedVersion to avoid overwriting.' }) version!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it entered a closing (WON or LOST) stage; null while open.' }) closedAt!: Date | null;
}

export const DealConnection = connectionType(DealType, 'Deal', 'A page of deals, newest first (Relay connection); totalCount counts every deal that matches the filter.');
export type DealConnection = InstanceType<typeof DealConnection>;

@ObjectType('DealStageChange', { description: 'An entry of a deal into a stage (the first, when it was opened, has no fromStageId): who moved it, and why.' })
export class DealStageChangeType {
  @Field(() => ID) id!: string;
  @Field(() => ID) dealId!: string;
  @Field(() => ID, { nullable: true }) fromStageId!: string | null;
  @Field(() => ID) toStageId!: string;
  @Field(() => ActorInfo) actor!: ActorInfo;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true, description: 'The lost reason given with a move into a lost stage.' }) lostReason!: string | null;
  @Field(() => Date) enteredAt!: Date;
}

export const DealStageChangeConnection = connectionType(DealStageChangeType, 'DealStageChange', 'A deal\'s stage changes, oldest first (Relay connection).');

@InputType('MoneyInput', { description: 'An exact amount: minor units of an ISO 4217 currency.' })
export class MoneyInput {
  @Field(() => MinorUnitsScalar, { description: 'Minor units, e.g. "4500000" for ₹45,000.00: not negative, at most 9223372036854775807.' }) amount!: string;
  @Field(() => String, { description: 'ISO 4217 code, e.g. INR.' }) currency!: string;
}

@InputType({ description: 'A new deal: a lead in a pipeline.' })
export class CreateDealInput {
  @Field(() => ID) leadId!: string;
  @Field(() => ID) pipelineId!: string;
  @Field(() => ID, { nullable: true, description: 'An open stage of the pipeline that takes deals; default its first.' }) stageId?: string | null;
  @Field(() => MoneyInput, { nullable: true, description: 'Default 0 in the tenant\'s currency.' }) value?: MoneyInput | null;
  @Field(() => Date, { nullable: true, description: 'From 2000 to 2100.' }) nextActionAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, from 2000 to 2100.' }) expectedClose?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 10000 characters.' }) aiNotes?: string | null;
  @Field(() => ID, { nullable: true, description: 'A user who works in this tenant.' }) ownerId?: string | null;
}

@InputType({ description: 'Changes to a deal; left out stays as it is, null clears. Its stage changes only by moveDeal.' })
export class UpdateDealInput {
  @Field(() => MoneyInput, { nullable: true }) value?: MoneyInput | null;
  @Field(() => Date, { nullable: true, description: 'From 2000 to 2100.' }) nextActionAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, from 2000 to 2100.' }) expectedClose?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 10000 characters.' }) aiNotes?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true puts an open deal on hold (PAUSED: it never rots), false makes it ACTIVE again.' }) paused?: boolean | null;
}

@InputType({ description: 'Which deals: every condition given must hold.' })
export class DealFilterInput {
  @Field(() => ID, { nullable: true }) pipeline?: string | null;
  @Field(() => ID, { nullable: true }) stage?: string | null;
  @Field(() => [DealStatus], { nullable: true }) status?: DealStatus[] | null;
  @Field(() => ID, { nullable: true }) owner?: string | null;
  @Field(() => ID, { nullable: true }) lead?: string | null;
}

