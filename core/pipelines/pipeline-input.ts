import { validationError, type FieldError } from '../errors.ts';
import { TerminalKind, type MovePolicy } from './pipeline-engine.ts';
import { AutoAction, PipelineKind, type PipelineStage } from './pipeline.types.ts';
import { readInteger, readName } from './input-text.ts';

export const PIPELINE_LIMITS = { name: 100, stages: 30, pipelines: 50, lostReasons: 50, lostReason: 200, followUpDays: 365, rottingDays: 3650 } as const;

export interface StageInput {
  name: string;
  probability: number;
  autoAction?: AutoAction | null;
  followUpDays?: number | null;
  rottingDays?: number | null;
  terminal?: TerminalKind | null;
}

export interface PipelineInput {
  name: string;
  kind: PipelineKind;
  skipForward?: boolean | null;
  moveBack?: boolean | null;
  stages: StageInput[];
}

export interface PipelinePatch {
  name?: string | null;
  kind?: PipelineKind | null;
  skipForward?: boolean | null;
  moveBack?: boolean | null;
}

/** Changes to a stage: a field left out stays; null clears autoAction, followUpDays and rottingDays (and leaves name and probability as they are). */
export interface StagePatch {
  name?: string | null;
  probability?: number | null;
  autoAction?: AutoAction | null;
  followUpDays?: number | null;
  rottingDays?: number | null;
}

/** A stage as it is stored, before it has an id and a place. */
export type NewStage = Omit<PipelineStage, 'id' | 'pipelineId' | 'position'>;

const kinds = Object.values(PipelineKind) as string[];
const actions = Object.values(AutoAction) as string[];
const terminals = Object.values(TerminalKind) as string[];

function stageOf(input: StageInput, field: string, errors: FieldError[]): NewStage | null {
  const before = errors.length;
  const name = readName(`${field}.name`, input.name, PIPELINE_LIMITS.name, errors);
  const probability = readInteger(`${field}.probability`, input.probability, 0, 100, errors);
  const autoAction = input.autoAction ?? null;
  if (autoAction !== null && !actions.includes(autoAction)) errors.push({ field: `${field}.autoAction`, message: 'is not an auto action' });
  const followUpDays = input.followUpDays == null ? null : readInteger(`${field}.followUpDays`, input.followUpDays, 0, PIPELINE_LIMITS.followUpDays, errors);
  const rottingDays = input.rottingDays == null ? null : readInteger(`${field}.rottingDays`, input.rottingDays, 1, PIPELINE_LIMITS.rottingDays, errors);
  const terminal = input.terminal ?? TerminalKind.NONE;
  if (!terminals.includes(terminal)) errors.push({ field: `${field}.terminal`, message: 'is not WON, LOST or NONE' });
  if (errors.length > before || name === null || probability === null) return null;
  return { name, probability, autoAction, followUpDays, rottingDays, terminal, retired: false };
}

/** Two stages of a pipeline may not share a name (ignoring case): a board column says which it is. */
export function duplicateNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

/** A new pipeline, checked: a name, a kind, 1-30 stages with different names, at least one of them open. */
export function readPipelineInput(input: PipelineInput): { name: string; kind: PipelineKind; policy: MovePolicy; stages: NewStage[] } {
  const errors: FieldError[] = [];
  const name = readName('input.name', input.name, PIPELINE_LIMITS.name, errors);
  if (!kinds.includes(input.kind)) errors.push({ field: 'input.kind', message: 'is not a pipeline kind' });
  const list = Array.isArray(input.stages) ? input.stages : [];
  if (list.length < 1 || list.length > PIPELINE_LIMITS.stages) errors.push({ field: 'input.stages', message: `must list 1 to ${PIPELINE_LIMITS.stages} stages` });
  const stages = list.slice(0, PIPELINE_LIMITS.stages).map((stage, i) => stageOf(stage, `input.stages[${i}]`, errors));
  const valid = stages.filter((stage): stage is NewStage => stage !== null);
  if (valid.length === list.length && list.length) {
    if (!valid.some((stage) => stage.terminal === TerminalKind.NONE)) errors.push({ field: 'input.stages', message: 'must include at least one open stage (terminal NONE) for deals to start in' });
    const twice = duplicateNames(valid.map((stage) => stage.name));
    if (twice.length) errors.push({ field: 'input.stages', message: `must have different names (${twice.join(', ')} is used twice)` });
  }
  if (errors.length || name === null) throw validationError(errors);
  return { name, kind: input.kind, policy: { skipForward: input.skipForward ?? false, moveBack: input.moveBack ?? false }, stages: valid };
}

export function readPipelinePatch(patch: PipelinePatch): PipelinePatch {
  const errors: FieldError[] = [];
  const name = patch.name == null ? undefined : readName('input.name', patch.name, PIPELINE_LIMITS.name, errors);
  if (patch.kind != null && !kinds.includes(patch.kind)) errors.push({ field: 'input.kind', message: 'is not a pipeline kind' });
  if (errors.length) throw validationError(errors);
  return { ...(name ? { name } : {}), ...(patch.kind != null ? { kind: patch.kind } : {}), ...(patch.skipForward != null ? { skipForward: patch.skipForward } : {}), ...(patch.moveBack != null ? { moveBack: patch.moveBack } : {}) };
}

export function readStageInput(input: StageInput): NewStage {
  const errors: FieldError[] = [];
  const stage = stageOf(input, 'input', errors);
  if (errors.length || !stage) throw validationError(errors);
  return stage;
}

/** Fields to change on a stage; a field left out stays, null clears the optional ones. */
export function readStagePatch(patch: StagePatch): Partial<NewStage> {
  const errors: FieldError[] = [];
  const out: Partial<NewStage> = {};
  if (patch.name != null) {
    const name = readName('input.name', patch.name, PIPELINE_LIMITS.name, errors);
    if (name) out.name = name;
  }
  if (patch.probability != null) {
    const probability = readInteger('input.probability', patch.probability, 0, 100, errors);
    if (probability !== null) out.probability = probability;
  }
  if (patch.autoAction !== undefined) {
    if (patch.autoAction !== null && !actions.includes(patch.autoAction)) errors.push({ field: 'input.autoAction', message: 'is not an auto action' });
    else out.autoAction = patch.autoAction;
  }
  if (patch.followUpDays !== undefined) out.followUpDays = patch.followUpDays === null ? null : readInteger('input.followUpDays', patch.followUpDays, 0, PIPELINE_LIMITS.followUpDays, errors);
  if (patch.rottingDays !== undefined) out.rottingDays = patch.rottingDays === null ? null : readInteger('input.rottingDays', patch.rottingDays, 1, PIPELINE_LIMITS.rottingDays, errors);
  if (errors.length) throw validationError(errors);
  return out;
}

/** A tenant's lost reasons: 1-50 different one-line reasons of at most 200 characters, in the order given. */
export function readLostReasons(reasons: readonly string[]): string[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(reasons) || reasons.length < 1 || reasons.length > PIPELINE_LIMITS.lostReasons) {
    throw validationError([{ field: 'reasons', message: `must list 1 to ${PIPELINE_LIMITS.lostReasons} reasons` }]);
  }
  const read = reasons.map((reason, i) => readName(`reasons[${i}]`, reason, PIPELINE_LIMITS.lostReason, errors));
  const twice = duplicateNames(read.filter((reason): reason is string => reason !== null));
  if (twice.length) errors.push({ field: 'reasons', message: `must be different (${twice.join(', ')} is listed twice)` });
  if (errors.length) throw validationError(errors);
  return read as string[];
}
