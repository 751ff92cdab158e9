import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TerminalKind } from '../../../core/pipelines/pipeline-engine.ts';
import { AutoAction, DealStatus, PipelineKind } from '../../../core/pipelines/pipeline.types.ts';
import { connectionType } from '../connections.ts';

export { AutoAction, DealStatus, PipelineKind, TerminalKind };

registerEnumType(PipelineKind, { name: 'PipelineKind', description: 'The motion a pipeline runs: SALES, BACKLINK outreach, PARTNERSHIP, or OTHER.' });
registerEnumType(AutoAction, {
  name: 'AutoAction',
  description: 'What the product is to do when a deal enters a stage (issue 16 "auto actions"). Stored with the stage; the jobs that carry them out come in a later release.',
});
registerEnumType(TerminalKind, { name: 'StageTerminal', description: 'How a stage ends a deal: WON and LOST stages close it, NONE stages are open.' });
registerEnumType(DealStatus, { name: 'DealStatus', description: 'Follows the deal\'s stage: WON and LOST in closing stages; ACTIVE or PAUSED (on hold, never rotting) in open ones.' });

@ObjectType('MovePolicy', {
  description: 'The moves a pipeline allows between its stages. Always: forward to the next open stage that takes deals, and from an open stage to any closing (WON or LOST) stage.',
})
export class MovePolicyType {
  @Field(() => Boolean, { description: 'Also forward past stages, to any later open stage.' }) skipForward!: boolean;
  @Field(() => Boolean, { description: 'Also back to any earlier open stage, and a closed deal back into an open stage (reopening it).' }) moveBack!: boolean;
}

@ObjectType('PipelineStage', { description: 'A column of a pipeline.' })
export class PipelineStageType {
  @Field(() => ID) id!: string;
  @Field(() => ID) pipelineId!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { description: '1, 2, 3…: the stage\'s place in its pipeline.' }) position!: number;
  @Field(() => Int, { description: '0-100: the chance a deal here is won; a deal\'s weighted value is its value × this / 100.' }) probability!: number;
  @Field(() => AutoAction, { nullable: true }) autoAction!: AutoAction | null;
  @Field(() => Int, { nullable: true, description: 'Days after a deal enters the stage until its next action is due; null for none.' }) followUpDays!: number | null;
  @Field(() => Int, { nullable: true, description: 'A deal in the stage longer than this many days is rotting; null: never.' }) rottingDays!: number | null;
  @Field(() => TerminalKind) terminal!: TerminalKind;
  @Field(() => Boolean, { description: 'A retired stage takes no new deals (those in it stay and can move on); it cannot be deleted once a deal has been in it.' }) retired!: boolean;
}

export const PipelineStageConnection = connectionType(PipelineStageType, 'PipelineStage', 'A pipeline\'s stages in order (Relay connection; a pipeline has at most 30, so the default page holds them all).');

@ObjectType('Pipeline', { description: 'Ordered stages a deal moves through, with the moves they allow. Every tenant starts with Sales and Backlink outreach.' })
export class PipelineType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => PipelineKind) kind!: PipelineKind;
  @Field(() => Boolean, { description: 'Seeded by the product (Sales, Backlink outreach): editable like any other.' }) builtIn!: boolean;
  @Field(() => MovePolicyType) movePolicy!: MovePolicyType;
  @Field(() => Int, { description: 'Increases with every change to the pipeline or its stages.' }) version!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

export const PipelineConnection = connectionType(PipelineType, 'Pipeline', 'The tenant\'s pipelines, oldest first (Relay connection).');

@InputType({ description: 'A stage of a pipeline.' })
export class PipelineStageInput {
  @Field(() => String, { description: '1-100 characters, one line; different from the pipeline\'s other stages (ignoring case).' }) name!: string;
  @Field(() => Int, { description: '0-100.' }) probability!: number;
  @Field(() => AutoAction, { nullable: true }) autoAction?: AutoAction | null;
  @Field(() => Int, { nullable: true, description: '0-365 days.' }) followUpDays?: number | null;
  @Field(() => Int, { nullable: true, description: '1-3650 days.' }) rottingDays?: number | null;
  @Field(() => TerminalKind, { nullable: true, description: 'Default NONE (an open stage). Fixed once the stage exists.' }) terminal?: TerminalKind | null;
}

@InputType({ description: 'A new pipeline: a name, a kind, 1-30 stages in order (at least one open), and its move policy (default: forward one stage, or to a closing stage).' })
export class CreatePipelineInput {
  @Field(() => String, { description: '1-100 characters; different from the tenant\'s other pipelines (ignoring case).' }) name!: string;
  @Field(() => PipelineKind) kind!: PipelineKind;
  @Field(() => Boolean, { nullable: true, description: 'Allow moves forward past stages (default false).' }) skipForward?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Allow moves back, reopening closed deals too (default false).' }) moveBack?: boolean | null;
  @Field(() => [PipelineStageInput]) stages!: PipelineStageInput[];
}

@InputType({ description: 'Changes to a pipeline; what is left out stays as it is.' })
export class UpdatePipelineInput {
  @Field(() => String, { nullable: true, description: '1-100 characters.' }) name?: string | null;
  @Field(() => PipelineKind, { nullable: true }) kind?: PipelineKind | null;
  @Field(() => Boolean, { nullable: true }) skipForward?: boolean | null;
  @Field(() => Boolean, { nullable: true }) moveBack?: boolean | null;
}

@InputType({ description: 'Changes to a stage: rename it, or change its probability, auto action, follow-up or rotting days. Left out stays; null clears autoAction, followUpDays or rottingDays.' })
export class UpdatePipelineStageInput {
  @Field(() => String, { nullable: true, description: '1-100 characters, one line.' }) name?: string | null;
  @Field(() => Int, { nullable: true, description: '0-100.' }) probability?: number | null;
  @Field(() => AutoAction, { nullable: true }) autoAction?: AutoAction | null;
  @Field(() => Int, { nullable: true, description: '0-365 days.' }) followUpDays?: number | null;
  @Field(() => Int, { nullable: true, description: '1-3650 days.' }) rottingDays?: number | null;
}
