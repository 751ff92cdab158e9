/**
 * The one engine every pipeline runs on (DESIGN.md "Pipelines"). A pipeline is data: its stages in
 * order, the moves it lists (each with the triggers that may cause it, and for a move back what it
 * may undo), and a move policy that derives every other move from the order of the stages. The
 * built-in lead lifecycle lists all of its moves and has no policy; a tenant's pipeline lists none
 * and follows its policy. The database checks the same data by the same rules
 * (`pipeline_move_allowed`, migrations/Migration20261203760000_pipelines.ts), so an illegal move
 * fails from raw SQL too.
 */

/** How a stage ends a deal: WON and LOST stages are terminal, NONE stages are open. */
export const TerminalKind = { WON: 'won', LOST: 'lost', NONE: 'none' } as const;
export type TerminalKind = (typeof TerminalKind)[keyof typeof TerminalKind];

/** A stage as the engine sees it: where it sits, whether it ends the deal, whether it still takes deals. */
export interface EngineStage<S extends string = string> {
  key: S;
  position: number;
  terminal: TerminalKind;
  /** A retired stage takes no new deals; those already in it may leave it as from any other. */
  retired: boolean;
}

/** A move a pipeline lists. */
export interface Transition<S extends string = string, T extends string = string> {
  from: S;
  to: S;
  triggers: readonly T[];
  /**
   * Set on moves back (reopening): the move returns to the stage the thing came to `from` from, and
   * only when what brought it to `from` is one of these.
   */
  reverses?: readonly T[];
}

/**
 * The moves a tenant's pipeline allows by the order of its stages. Always: forward to the next open
 * stage that takes deals, and from any open stage to any terminal one. `skipForward` adds every later
 * open stage; `moveBack` adds every earlier open stage, and reopening a closed deal into an open stage.
 */
export interface MovePolicy {
  skipForward: boolean;
  moveBack: boolean;
}

export const DEFAULT_MOVE_POLICY: MovePolicy = { skipForward: false, moveBack: false };

/** A pipeline as data, whatever it is (the lead lifecycle or a tenant's). */
export interface PipelineRules<S extends string = string, T extends string = string> {
  key: string;
  stages: readonly EngineStage<S>[];
  /** Moves listed one by one; checked first. */
  transitions: readonly Transition<S, T>[];
  /** The policy that derives the other moves from the stages' order; null when every move is listed. */
  policy: MovePolicy | null;
}

/** Where something stands in a pipeline, and how it got there (a move back depends on both). */
export interface StagePosition<S extends string = string, T extends string = string> {
  stage: S;
  /** The stage it left for this one; null when it never moved. */
  cameFrom: S | null;
  /** What moved it here; null when it never moved or nothing was named. */
  reachedBy: T | null;
}

/** Why a move is refused, for the caller to put in its own words. */
export type MoveRefusal<S extends string = string, T extends string = string> =
  | { reason: 'UNKNOWN_STAGE' }
  | { reason: 'SAME_STAGE' }
  | { reason: 'RETIRED' }
  | { reason: 'NO_SUCH_MOVE' }
  | { reason: 'WRONG_TRIGGER' }
  | { reason: 'NO_ORIGIN' }
  | { reason: 'NOT_ORIGIN'; origin: S }
  | { reason: 'NOT_REVERSIBLE'; reachedBy: T | null };

export type MoveCheck<S extends string = string, T extends string = string> = { ok: true; transition: Transition<S, T> } | { ok: false; refusal: MoveRefusal<S, T> };

export const isOpen = (stage: { terminal: TerminalKind }): boolean => stage.terminal === TerminalKind.NONE;

/** The stages in order (by position). */
export function ordered<S extends string>(rules: PipelineRules<S>): EngineStage<S>[] {
  return [...rules.stages].sort((a, b) => a.position - b.position);
}

export function stageOf<S extends string>(rules: PipelineRules<S>, key: S): EngineStage<S> | undefined {
  return rules.stages.find((stage) => stage.key === key);
}

/** The next open stage after `from` that takes deals: where "forward one" goes. */
export function nextOpenStage<S extends string>(rules: PipelineRules<S>, from: EngineStage<S>): EngineStage<S> | undefined {
  return ordered(rules).find((stage) => isOpen(stage) && !stage.retired && stage.position > from.position);
}

/** Whether the policy allows `from → to` (two different stages, `to` taking deals). */
export function policyAllows<S extends string>(rules: PipelineRules<S>, policy: MovePolicy, from: EngineStage<S>, to: EngineStage<S>): boolean {
  if (!isOpen(from)) return policy.moveBack && isOpen(to);
  if (!isOpen(to)) return true;
  if (to.position < from.position) return policy.moveBack;
  return policy.skipForward || nextOpenStage(rules, from)?.key === to.key;
}

/** Why a listed move back cannot take something with this history to `to`; null when it can. */
export function reversalRefusal<S extends string, T extends string>(transition: Transition<S, T>, to: S, position: Omit<StagePosition<S, T>, 'stage'>): MoveRefusal<S, T> | null {
  if (!transition.reverses) return null;
  if (!position.cameFrom) return { reason: 'NO_ORIGIN' };
  if (position.cameFrom !== to) return { reason: 'NOT_ORIGIN', origin: position.cameFrom };
  if (position.reachedBy && transition.reverses.includes(position.reachedBy)) return null;
  return { reason: 'NOT_REVERSIBLE', reachedBy: position.reachedBy };
}

/**
 * Whether `position.stage → to`, caused by `trigger` (null: nothing named, as from raw SQL), is a move
 * of the pipeline: a listed move the trigger may cause (and, for a move back, one that returns to
 * where it came from and undoes only what may be undone), or else a move the policy allows.
 */
export function checkMove<S extends string, T extends string>(rules: PipelineRules<S, T>, position: StagePosition<S, T>, to: S, trigger: T | null): MoveCheck<S, T> {
  const from = stageOf(rules, position.stage);
  const target = stageOf(rules, to);
  if (!from || !target) return { ok: false, refusal: { reason: 'UNKNOWN_STAGE' } };
  const listed = rules.transitions.find((transition) => transition.from === from.key && transition.to === to);
  if (listed) {
    if (trigger !== null && !listed.triggers.includes(trigger)) return { ok: false, refusal: { reason: 'WRONG_TRIGGER' } };
    // A move back must name its trigger: raw SQL that names none cannot reopen.
    if (listed.reverses && trigger === null) return { ok: false, refusal: { reason: 'WRONG_TRIGGER' } };
    const refusal = reversalRefusal(listed, to, position);
    return refusal ? { ok: false, refusal } : { ok: true, transition: listed };
  }
  if (!rules.policy) return { ok: false, refusal: { reason: 'NO_SUCH_MOVE' } };
  if (from.key === to) return { ok: false, refusal: { reason: 'SAME_STAGE' } };
  if (target.retired) return { ok: false, refusal: { reason: 'RETIRED' } };
  if (!policyAllows(rules, rules.policy, from, target)) return { ok: false, refusal: { reason: 'NO_SUCH_MOVE' } };
  return { ok: true, transition: { from: from.key, to, triggers: [] } };
}

/** Every stage a move from `position` may go to now, in order. */
export function legalTargets<S extends string, T extends string>(rules: PipelineRules<S, T>, position: StagePosition<S, T>, trigger: T | null): S[] {
  return ordered(rules)
    .filter((stage) => checkMove(rules, position, stage.key, trigger).ok)
    .map((stage) => stage.key);
}

/** Where something may start: an open stage that takes deals. */
export function canStartIn<S extends string>(rules: PipelineRules<S>, key: S): boolean {
  const stage = stageOf(rules, key);
  return Boolean(stage && isOpen(stage) && !stage.retired);
}

/** The first open stage that takes deals: where a new deal goes unless told otherwise. */
export function firstOpenStage<S extends string>(rules: PipelineRules<S>): EngineStage<S> | undefined {
  return ordered(rules).find((stage) => isOpen(stage) && !stage.retired);
}
