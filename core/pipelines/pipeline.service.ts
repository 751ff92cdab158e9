import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError } from '../errors.ts';
import { LIST_PAGE, readPage, type Page, type PageQuery } from '../paging.ts';
import { TerminalKind, isOpen } from './pipeline-engine.ts';
import {
  PIPELINE_LIMITS,
  duplicateNames,
  readLostReasons,
  readPipelineInput,
  readPipelinePatch,
  readStageInput,
  readStagePatch,
  type PipelineInput,
  type PipelinePatch,
  type StageInput,
  type StagePatch,
} from './pipeline-input.ts';
import type { PipelineStore, PipelineUnitOfWork } from './pipeline.ports.ts';
import type { Pipeline, PipelineStage } from './pipeline.types.ts';

const conflict = (message: string, details: Record<string, unknown> = {}) => new DomainError(ErrorCode.CONFLICT, message, details);

/**
 * A tenant's pipelines and their stages (owners and admins define them; everyone reads them), and
 * its lost reasons. Every change to a pipeline takes its lock first, so it never interleaves with a
 * deal moving in it (see PipelineStore.lock).
 */
export class PipelineService {
  constructor(private readonly uow: PipelineUnitOfWork) {}

  async list(ctx: TenantContext, query: PageQuery): Promise<Page<Pipeline>> {
    assertCan(ctx, Permission.READ);
    return readPage(query, LIST_PAGE, (slice) => this.uow.run(({ pipelines }) => pipelines.page(slice)));
  }

  async get(ctx: TenantContext, id: string): Promise<Pipeline> {
    const [pipeline] = await this.getMany(ctx, [id]);
    if (!pipeline) throw notFound('Pipeline', id);
    return pipeline;
  }

  /** Pipelines by id in one query (unknown ids are left out). */
  async getMany(ctx: TenantContext, ids: readonly string[]): Promise<Pipeline[]> {
    assertCan(ctx, Permission.READ);
    return ids.length ? this.uow.run(({ pipelines }) => pipelines.findByIds(ids)) : [];
  }

  /** Deals in each of these stages now, in one query. */
  async dealCounts(ctx: TenantContext, stageIds: readonly string[]): Promise<Map<string, number>> {
    assertCan(ctx, Permission.READ);
    return stageIds.length ? this.uow.run(({ pipelines }) => pipelines.dealCounts(stageIds)) : new Map();
  }

  async create(ctx: TenantContext, input: PipelineInput): Promise<Pipeline> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    const pipeline = readPipelineInput(input);
    return this.uow.run(async ({ pipelines }) => {
      if ((await pipelines.count()) >= PIPELINE_LIMITS.pipelines) throw conflict(`A tenant has at most ${PIPELINE_LIMITS.pipelines} pipelines.`);
      const id = await pipelines.insert(pipeline);
      return (await pipelines.findByIds([id]))[0] as Pipeline;
    });
  }

  async update(ctx: TenantContext, id: string, patch: PipelinePatch): Promise<Pipeline> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    const changes = readPipelinePatch(patch);
    return this.change(id, async (pipeline, store) => {
      const policy = changes.skipForward !== undefined || changes.moveBack !== undefined
        ? { skipForward: changes.skipForward ?? pipeline.policy.skipForward, moveBack: changes.moveBack ?? pipeline.policy.moveBack }
        : undefined;
      await store.update(id, { ...(changes.name ? { name: changes.name } : {}), ...(changes.kind ? { kind: changes.kind } : {}), ...(policy ? { policy } : {}) });
    });
  }

  /**
   * Adds a stage at `position` (1 to the number of stages + 1); left out, an open stage goes after
   * the last open one and a terminal stage last.
   */
  async addStage(ctx: TenantContext, pipelineId: string, input: StageInput, position?: number | null): Promise<Pipeline> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    const stage = readStageInput(input);
    return this.change(pipelineId, async (pipeline, store) => {
      if (pipeline.stages.length >= PIPELINE_LIMITS.stages) throw conflict(`A pipeline has at most ${PIPELINE_LIMITS.stages} stages.`);
      assertNameFree(pipeline, stage.name, null);
      const last = pipeline.stages.length + 1;
      if (position != null && (!Number.isInteger(position) || position < 1 || position > last)) throw validationError([{ field: 'position', message: `must be from 1 to ${last}` }]);
      const lastOpen = Math.max(0, ...pipeline.stages.filter(isOpen).map((s) => s.position));
      await store.insertStage(pipelineId, stage, position ?? (stage.terminal === TerminalKind.NONE ? lastOpen + 1 : last));
    });
  }

  /** Renames a stage, or changes its probability, auto action, follow-up or rotting days. */
  async updateStage(ctx: TenantContext, stageId: string, patch: StagePatch): Promise<PipelineStage> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    const changes = readStagePatch(patch);
    return this.changeStage(stageId, async (pipeline, store) => {
      if (changes.name) assertNameFree(pipeline, changes.name, stageId);
      await store.updateStage(stageId, changes);
    });
  }

  /** Puts the stages in this order: every stage of the pipeline (retired ones included), once. */
  async reorderStages(ctx: TenantContext, pipelineId: string, stageIds: readonly string[]): Promise<Pipeline> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    return this.change(pipelineId, async (pipeline, store) => {
      const known = new Set(pipeline.stages.map((stage) => stage.id));
      const given = new Set(stageIds);
      if (given.size !== stageIds.length || given.size !== known.size || [...given].some((id) => !known.has(id))) {
        throw validationError([{ field: 'stageIds', message: `must list every stage of the pipeline once (${pipeline.stages.map((s) => s.name).join(', ')})` }]);
      }
      await store.setOrder(pipelineId, stageIds);
    });
  }

  /** A retired stage takes no new deals; those in it stay and can move on. A pipeline keeps one open stage that takes deals. */
  async retireStage(ctx: TenantContext, stageId: string): Promise<PipelineStage> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    return this.changeStage(stageId, async (pipeline, store, stage) => {
      if (stage.retired) return;
      if (isOpen(stage) && !pipeline.stages.some((s) => s.id !== stageId && isOpen(s) && !s.retired)) {
        throw conflict(`${stage.name} is the last open stage of ${pipeline.name} that takes deals; add another before retiring it.`);
      }
      await store.updateStage(stageId, { retired: true });
    });
  }

  async restoreStage(ctx: TenantContext, stageId: string): Promise<PipelineStage> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    return this.changeStage(stageId, async (_pipeline, store, stage) => {
      if (stage.retired) await store.updateStage(stageId, { retired: false });
    });
  }

  /** Deletes a stage no deal is in or has ever passed through (one that has can only be retired). */
  async deleteStage(ctx: TenantContext, stageId: string): Promise<Pipeline> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    let pipelineId = '';
    return this.changeStage(stageId, async (pipeline, store, stage) => {
      pipelineId = pipeline.id;
      if (isOpen(stage) && !stage.retired && !pipeline.stages.some((s) => s.id !== stageId && isOpen(s) && !s.retired)) {
        throw conflict(`${stage.name} is the last open stage of ${pipeline.name} that takes deals; add another before deleting it.`);
      }
      if (!(await store.deleteStage(stageId))) {
        throw conflict(`${stage.name} has deals (now or in their history), so it cannot be deleted; retire it instead (retirePipelineStage): it then takes no new deals.`, { reason: 'STAGE_IN_USE' });
      }
      await store.setOrder(pipeline.id, pipeline.stages.filter((s) => s.id !== stageId).map((s) => s.id));
    }).then(() => this.uow.run(async ({ pipelines }) => (await pipelines.findByIds([pipelineId]))[0] as Pipeline));
  }

  async lostReasons(ctx: TenantContext): Promise<string[]> {
    assertCan(ctx, Permission.READ);
    return this.uow.run(({ pipelines }) => pipelines.lostReasons());
  }

  /** Replaces the list a lost deal's reason is chosen from (deals already lost keep theirs). */
  async setLostReasons(ctx: TenantContext, reasons: readonly string[]): Promise<string[]> {
    assertCan(ctx, Permission.MANAGE_PIPELINES);
    const list = readLostReasons(reasons);
    return this.uow.run(async ({ pipelines }) => {
      await pipelines.setLostReasons(list);
      return pipelines.lostReasons();
    });
  }

  /** Changes a pipeline under its lock; answers it as it is afterwards. */
  private change(id: string, work: (pipeline: Pipeline, store: PipelineStore) => Promise<void>): Promise<Pipeline> {
    return this.uow.run(async ({ pipelines }) => {
      const pipeline = await pipelines.lock(id, 'change');
      if (!pipeline) throw notFound('Pipeline', id);
      await work(pipeline, pipelines);
      return (await pipelines.findByIds([id]))[0] as Pipeline;
    });
  }

  /** Changes one stage under its pipeline's lock; answers the stage as it is afterwards. */
  private async changeStage(stageId: string, work: (pipeline: Pipeline, store: PipelineStore, stage: PipelineStage) => Promise<void>): Promise<PipelineStage> {
    return this.uow.run(async ({ pipelines }) => {
      const pipeline = await pipelines.lockByStage(stageId, 'change');
      const stage = pipeline?.stages.find((s) => s.id === stageId);
      if (!pipeline || !stage) throw notFound('Pipeline stage', stageId);
      await work(pipeline, pipelines, stage);
      const after = (await pipelines.findByIds([pipeline.id]))[0]?.stages.find((s) => s.id === stageId);
      return after ?? stage;
    });
  }
}

function assertNameFree(pipeline: Pipeline, name: string, except: string | null): void {
  const others = pipeline.stages.filter((stage) => stage.id !== except).map((stage) => stage.name);
  if (duplicateNames([...others, name]).length) throw validationError([{ field: 'input.name', message: `is already the name of a stage of ${pipeline.name}` }]);
}
