import type { Actor } from '../context.ts';
import type { LeadStore } from '../leads/lead.store.ts';
import type { Money } from '../money/money.ts';
import type { PageSlice } from '../paging.ts';
import type { MovePolicy } from './pipeline-engine.ts';
import type { NewStage } from './pipeline-input.ts';
import type { Deal, DealFilter, DealInList, DealStageChange, Pipeline, PipelineKind } from './pipeline.types.ts';
import type { StageFigures, ClosedFigures } from './pipeline-stats.ts';

/** Port: a tenant's pipelines, their stages and its lost reasons, inside one transaction. */
export interface PipelineStore {
  /** A slice of the tenant's pipelines (stages included), oldest first; cursors are pipeline ids. */
  page(slice: PageSlice): Promise<Pipeline[]>;
  findByIds(ids: readonly string[]): Promise<Pipeline[]>;
  /** Every pipeline of the tenant, oldest first (at most 50). */
  all(): Promise<Pipeline[]>;
  count(): Promise<number>;
  /**
   * The pipeline, read after taking its row's lock: `share` for a deal moving or starting in it (any
   * number at once), `change` for a change to its definition (one at a time, and never during a move;
   * the version goes up). Moves and definitions thereby see each other whole. Null when it is not there.
   */
  lock(id: string, mode: 'share' | 'change'): Promise<Pipeline | null>;
  /** The pipeline holding a stage, locked as `lock` does. */
  lockByStage(stageId: string, mode: 'share' | 'change'): Promise<Pipeline | null>;
  insert(pipeline: { name: string; kind: PipelineKind; policy: MovePolicy; stages: NewStage[] }): Promise<string>;
  /** Throws a CONFLICT DomainError naming `field` when the name is taken. */
  update(id: string, patch: { name?: string; kind?: PipelineKind; policy?: MovePolicy }): Promise<void>;
  /** Puts a stage at `position`, shifting the stages from there on by one. */
  insertStage(pipelineId: string, stage: NewStage, position: number): Promise<string>;
  updateStage(id: string, patch: Partial<NewStage>): Promise<void>;
  /** Renumbers the pipeline's stages 1, 2, 3… in this order (every stage, once). */
  setOrder(pipelineId: string, stageIds: readonly string[]): Promise<void>;
  /** Deletes a stage no deal is in or has passed through: false when one has (the stage stays). */
  deleteStage(id: string): Promise<boolean>;
  /** Deals in each of these stages now. */
  dealCounts(stageIds: readonly string[]): Promise<Map<string, number>>;
  lostReasons(): Promise<string[]>;
  setLostReasons(reasons: readonly string[]): Promise<void>;
}

export interface NewDeal {
  leadId: string;
  pipelineId: string;
  stageId: string;
  value: Money;
  nextActionAt: Date | null;
  expectedClose: string | null;
  aiNotes: string | null;
  ownerId: string | null;
}

export interface DealChanges {
  value?: Money;
  nextActionAt?: Date | null;
  expectedClose?: string | null;
  aiNotes?: string | null;
  ownerId?: string | null;
  status?: 'active' | 'paused';
}

export interface NewStageChange {
  dealId: string;
  pipelineId: string;
  fromStageId: string | null;
  toStageId: string;
  actor: Actor;
  reason: string | null;
  lostReason: string | null;
  enteredAt: Date;
}

/** Port: a tenant's deals and their histories, inside one transaction. */
export interface DealStore {
  /** Without a next action date, one is due the stage's follow-up days from now. */
  insert(deal: NewDeal): Promise<Deal>;
  /** With `forUpdate`, the deal's row stays locked until the transaction ends (moves serialise on it). */
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Deal | null>;
  findByIds(ids: readonly string[]): Promise<Deal[]>;
  /** Up to slice.size + 1 deals from the cursor (a deal id) on, newest first going forward. */
  page(query: { slice: PageSlice; filter: DealFilter }): Promise<DealInList[]>;
  count(filter: DealFilter): Promise<number>;
  /** Applies the changes when the deal still has `version`; null when it changed meanwhile. */
  update(id: string, changes: DealChanges, version: number): Promise<Deal | null>;
  /**
   * Compare-and-set of the stage: moves the deal to `toStageId` while it is still in `fromStageId`
   * (the database derives its status and stage entry time); its next action is due the stage's
   * follow-up days later (none without them). Null when it is no longer in `fromStageId`.
   */
  move(id: string, fromStageId: string, toStageId: string, lostReason: string | null): Promise<Deal | null>;
  appendHistory(changes: readonly NewStageChange[]): Promise<DealStageChange[]>;
  /** Up to slice.size + 1 entries from the cursor (an entry id) on, oldest first going forward. */
  history(dealId: string, slice: PageSlice): Promise<DealStageChange[]>;
  /** The currency a deal is valued in when none is given: the tenant's. */
  defaultCurrency(): Promise<string>;
}

/** Port: the figures of pipelines over a period, in at most two queries whatever their size. */
export interface PipelineStatsReader {
  /** Per stage of these pipelines: deals in it at `to` (by currency), entries and exits during [from, to). */
  stageFigures(pipelineIds: readonly string[], from: Date, to: Date): Promise<StageFigures[]>;
  /** Per pipeline: deals whose last close during [from, to) was won, or lost (by currency). */
  closedFigures(pipelineIds: readonly string[], from: Date, to: Date): Promise<ClosedFigures[]>;
}

/** What one unit of pipeline work reaches, bound to one transaction of the caller's tenant. */
export interface PipelineTx {
  pipelines: PipelineStore;
  deals: DealStore;
  leads: LeadStore;
  stats: PipelineStatsReader;
}

export interface PipelineUnitOfWork {
  run<T>(work: (tx: PipelineTx) => Promise<T>): Promise<T>;
}

