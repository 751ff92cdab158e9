import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../connections.ts';
import { MoneyType } from './money.types.ts';
import { PipelineStageType, PipelineType } from './pipeline.types.ts';

@ObjectType('PipelineStageStats', { description: 'A stage over the period [from, to).' })
export class PipelineStageStatsType {
  @Field(() => PipelineStageType) stage!: PipelineStageType;
  @Field(() => Int, { description: 'Deals in the stage at the end of the period (`to`).' }) count!: number;
  @Field(() => [MoneyType], { description: 'Their value, per currency.' }) value!: MoneyType[];
  @Field(() => [MoneyType], { description: 'Their value × the stage\'s probability / 100 (rounded half up to a minor unit), per currency.' }) weightedValue!: MoneyType[];
  @Field(() => Int, { description: 'Entries into the stage during the period.' }) entered!: number;
  @Field(() => Float, { nullable: true, description: 'Conversion to the next stage: of the entries during the period, the share whose next move (before `to`) went on to a later open stage or a won stage. Null for closing stages, or when none entered.' }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Average days in the stage, over the stays in it that ended during the period; null when none did.' }) averageDaysInStage!: number | null;
  @Field(() => Int, { description: 'Deals in the stage at `to` that had been in it longer than its rotting days (paused deals never rot).' }) rotting!: number;
}

@ObjectType('PipelineStats', { description: 'A pipeline\'s figures over [from, to), from its deals\' histories: per stage, and for the whole.' })
export class PipelineStatsType {
  @Field(() => PipelineType) pipeline!: PipelineType;
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => [PipelineStageStatsType], { description: 'Every stage, in order (at most 30).' }) stages!: PipelineStageStatsType[];
  @Field(() => Int, { description: 'Deals in open stages at `to`.' }) openDeals!: number;
  @Field(() => [MoneyType]) openValue!: MoneyType[];
  @Field(() => [MoneyType], { description: 'The forecast: open deals\' weighted values, per currency.' }) weightedOpenValue!: MoneyType[];
  @Field(() => Int, { description: 'Deals whose last close during the period was a win.' }) won!: number;
  @Field(() => Int, { description: 'Deals whose last close during the period was a loss.' }) lost!: number;
  @Field(() => [MoneyType]) wonValue!: MoneyType[];
  @Field(() => Float, { nullable: true, description: 'won / (won + lost); null when no deal closed during the period.' }) winRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Average days from a deal\'s opening to its win, over the deals won during the period.' }) averageCycleDays!: number | null;
}

@ObjectType('PipelineTotals', { description: 'A tenant\'s pipelines added up over the period (money per currency; rates worked out from the sums).' })
export class PipelineTotalsType {
  @Field(() => Int) pipelines!: number;
  @Field(() => Int) openDeals!: number;
  @Field(() => [MoneyType]) openValue!: MoneyType[];
  @Field(() => [MoneyType]) weightedOpenValue!: MoneyType[];
  @Field(() => Int) won!: number;
  @Field(() => Int) lost!: number;
  @Field(() => [MoneyType]) wonValue!: MoneyType[];
  @Field(() => Float, { nullable: true }) winRate!: number | null;
  @Field(() => Float, { nullable: true }) averageCycleDays!: number | null;
}

@ObjectType('TenantPipelineStats', {
  description: 'One tenant\'s pipelines over the period. A tenant whose figures fail shows its error (totals and pipelines null); the others still show.',
})
export class TenantPipelineStatsType {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => PipelineTotalsType, { nullable: true }) totals!: PipelineTotalsType | null;
  @Field(() => [PipelineStatsType], { nullable: true, description: 'Each pipeline of the tenant (at most 50).' }) pipelines!: PipelineStatsType[] | null;
}

export const TenantPipelineStatsConnection = connectionType(TenantPipelineStatsType, 'TenantPipelineStats', 'The tenants the caller can reach with their pipelines\' figures, oldest first (Relay connection).');
