import type { Actor } from '../context.ts';
import type { Money } from '../money/money.ts';
import type { MovePolicy, PipelineRules, TerminalKind } from './pipeline-engine.ts';

/** What motion a pipeline runs (seeds/ai-pipeline-crm-plan.md "Pipeline"); OTHER for any the tenant invents. */
export const PipelineKind = { SALES: 'sales', BACKLINK: 'backlink', PARTNERSHIP: 'partnership', OTHER: 'other' } as const;
export type PipelineKind = (typeof PipelineKind)[keyof typeof PipelineKind];

/**
 * What the product does when a deal enters a stage (issue 16 "Auto actions"). Stored now; the jobs
 * that carry them out come later, each keyed by its stage entry (a DealStageChange id).
 */
export const AutoAction = {
  SEND_INITIAL_EMAIL: 'send_initial_email',
  WAIT_FOR_REPLY: 'wait_for_reply',
  SCHEDULE_CALL: 'schedule_call',
  SEND_FOLLOWUP_1: 'send_followup_1',
  SEND_FOLLOWUP_2: 'send_followup_2',
  SEND_FOLLOWUP_3: 'send_followup_3',
  AI_MONITOR: 'ai_monitor',
  SEND_WELCOME: 'send_welcome',
  ARCHIVE: 'archive',
  RESEARCH_CONTACT: 'research_contact',
  SEND_PITCH: 'send_pitch',
  CLASSIFY_RESPONSE: 'classify_response',
  VERIFY_LINK: 'verify_link',
} as const;
export type AutoAction = (typeof AutoAction)[keyof typeof AutoAction];

/** A deal's status follows its stage: WON and LOST in terminal stages, ACTIVE or PAUSED in open ones. */
export const DealStatus = { ACTIVE: 'active', WON: 'won', LOST: 'lost', PAUSED: 'paused' } as const;
export type DealStatus = (typeof DealStatus)[keyof typeof DealStatus];

export interface PipelineStage {
  id: string;
  pipelineId: string;
  name: string;
  /** 1, 2, 3…: the stage's place in its pipeline. */
  position: number;
  /** 0-100: the chance a deal in this stage is won (weighted value = value × probability / 100). */
  probability: number;
  autoAction: AutoAction | null;
  /** Days after entering the stage until the next action is due; null for none. */
  followUpDays: number | null;
  /** Days in the stage after which a deal is rotting; null: never. */
  rottingDays: number | null;
  terminal: TerminalKind;
  retired: boolean;
}

export interface Pipeline {
  id: string;
  name: string;
  kind: PipelineKind;
  /** Seeded by the product (Sales, Backlink outreach): editable, never deleted. */
  builtIn: boolean;
  policy: MovePolicy;
  /** In order. */
  stages: PipelineStage[];
  /** Increases with every change to the pipeline or its stages. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Deal {
  id: string;
  leadId: string;
  pipelineId: string;
  stageId: string;
  /** The stage it left for this one (written by the database); null until it first moves. */
  previousStageId: string | null;
  status: DealStatus;
  value: Money;
  stageEnteredAt: Date;
  nextActionAt: Date | null;
  /** YYYY-MM-DD. */
  expectedClose: string | null;
  lostReason: string | null;
  aiNotes: string | null;
  ownerId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** When it entered its terminal stage; null while open. */
  closedAt: Date | null;
  /** Its stage as it is now. */
  stage: PipelineStage;
}

/** A deal with where it sits in its list. */
export type DealInList = Deal & { cursor: string };

/** One entry of a deal into a stage: its own history (the first has no `fromStageId`). */
export interface DealStageChange {
  id: string;
  dealId: string;
  pipelineId: string;
  fromStageId: string | null;
  toStageId: string;
  actor: Actor;
  reason: string | null;
  lostReason: string | null;
  enteredAt: Date;
}

export interface DealFilter {
  pipelineId?: string | null;
  stageId?: string | null;
  status?: DealStatus[] | null;
  ownerId?: string | null;
  leadId?: string | null;
}

/** The pipeline as the engine reads it: stages keyed by id, no listed moves, its move policy. */
export function rulesOf(pipeline: Pipeline): PipelineRules {
  return {
    key: pipeline.id,
    stages: pipeline.stages.map((stage) => ({ key: stage.id, position: stage.position, terminal: stage.terminal, retired: stage.retired })),
    transitions: [],
    policy: pipeline.policy,
  };
}

/** Where a deal stands, for the engine. */
export const positionOf = (deal: Pick<Deal, 'stageId' | 'previousStageId'>) => ({ stage: deal.stageId, cameFrom: deal.previousStageId, reachedBy: null });

const DAY_MS = 86_400_000;

/** Days the deal has been in its stage, at `now`. */
export const daysInStage = (deal: Pick<Deal, 'stageEnteredAt'>, now: Date): number => Math.max(0, (now.getTime() - deal.stageEnteredAt.getTime()) / DAY_MS);

/** An active deal in an open stage for longer than the stage's rotting days (a paused deal never rots). */
export function isRotting(deal: Pick<Deal, 'stage' | 'status' | 'stageEnteredAt'>, now: Date): boolean {
  const days = deal.stage.rottingDays;
  return deal.status === DealStatus.ACTIVE && days !== null && daysInStage(deal, now) > days;
}

/** value × probability / 100, rounded half up to a whole minor unit. */
export function weighted(amount: bigint, probability: number): bigint {
  return (amount * BigInt(probability) * 2n + 100n) / 200n;
}
