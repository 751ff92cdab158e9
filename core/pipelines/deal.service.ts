import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError } from '../errors.ts';
import type { Lead } from '../leads/lead.types.ts';
import { TimelineKind } from '../leads/lead.types.ts';
import { bigintAsString } from '../money/money.ts';
import { LIST_PAGE, pageOf, pageSlice, readPage, type Page, type PageQuery } from '../paging.ts';
import { canStartIn, firstOpenStage, isOpen } from './pipeline-engine.ts';
import { readDealFields, readReason, type CreateDealInput, type UpdateDealInput } from './deal-input.ts';
import { moveDeal, stagesReachable } from './deal-moves.ts';
import type { DealChanges, PipelineTx, PipelineUnitOfWork } from './pipeline.ports.ts';
import { DealStatus, rulesOf, type Deal, type DealFilter, type DealInList, type DealStageChange } from './pipeline.types.ts';

const staleVersion = (deal: Deal) => new DomainError(ErrorCode.CONFLICT, `The deal was changed by someone else (now version ${deal.version}); reload it and try again.`, { currentVersion: deal.version });

/** Deals: a lead in a pipeline. Everyone reads them; members and above open, edit and move them. */
export class DealService {
  constructor(private readonly uow: PipelineUnitOfWork) {}

  async create(ctx: TenantContext, input: CreateDealInput): Promise<Deal> {
    assertCan(ctx, Permission.WRITE_DEALS);
    const fields = readDealFields(input);
    return this.uow.run(async (tx) => {
      // Taken for moves: a concurrent change to the pipeline (retiring the stage, say) waits or is seen.
      const pipeline = await tx.pipelines.lock(input.pipelineId, 'share');
      if (!pipeline) throw notFound('Pipeline', input.pipelineId);
      const stageId = input.stageId ?? firstOpenStage(rulesOf(pipeline))?.key;
      if (!stageId || !canStartIn(rulesOf(pipeline), stageId)) {
        throw validationError([{ field: 'input.stageId', message: `is not an open stage of ${pipeline.name} that takes deals (${pipeline.stages.filter((s) => isOpen(s) && !s.retired).map((s) => s.name).join(', ')})` }]);
      }
      const lead = await tx.leads.findById(input.leadId);
      if (!lead) throw notFound('Lead', input.leadId);
      await assertOwner(tx, fields.ownerId ?? null);
      const value = fields.value ?? { amount: 0n, currency: await tx.deals.defaultCurrency() };
      const deal = await tx.deals.insert({ leadId: lead.id, pipelineId: pipeline.id, stageId, value, nextActionAt: fields.nextActionAt ?? null, expectedClose: fields.expectedClose ?? null, aiNotes: fields.aiNotes ?? null, ownerId: fields.ownerId ?? null });
      const [change] = await tx.deals.appendHistory([{ dealId: deal.id, pipelineId: pipeline.id, fromStageId: null, toStageId: stageId, actor: ctx.actor, reason: null, lostReason: null, enteredAt: deal.stageEnteredAt }]);
      const data = { dealId: deal.id, pipelineId: pipeline.id, pipeline: pipeline.name, toStageId: stageId, toStage: deal.stage.name, value: JSON.parse(JSON.stringify(value, bigintAsString)), stageChangeId: change?.id };
      await tx.leads.appendTimeline([{ leadId: lead.id, kind: TimelineKind.DEAL_OPENED, actor: ctx.actor, data }]);
      return deal;
    });
  }

  /** Changes a deal's value, dates, notes or owner, or pauses or resumes it; `expectedVersion` guards against overwriting. */
  async update(ctx: TenantContext, id: string, input: UpdateDealInput, expectedVersion?: number | null): Promise<Deal> {
    assertCan(ctx, Permission.WRITE_DEALS);
    const fields = readDealFields(input);
    return this.uow.run(async (tx) => {
      const deal = await tx.deals.findById(id, { forUpdate: true });
      if (!deal) throw notFound('Deal', id);
      if (expectedVersion != null && expectedVersion !== deal.version) throw staleVersion(deal);
      const changes: DealChanges = {};
      if (fields.value) changes.value = fields.value;
      if ('nextActionAt' in fields) changes.nextActionAt = fields.nextActionAt ?? null;
      if ('expectedClose' in fields) changes.expectedClose = fields.expectedClose ?? null;
      if ('aiNotes' in fields) changes.aiNotes = fields.aiNotes ?? null;
      if ('ownerId' in fields) {
        await assertOwner(tx, fields.ownerId ?? null);
        changes.ownerId = fields.ownerId ?? null;
      }
      if (fields.paused !== undefined) {
        if (!isOpen(deal.stage)) throw new DomainError(ErrorCode.ACTION_NOT_ALLOWED, `A ${deal.status} deal cannot be paused or resumed; move it back to an open stage first (where its pipeline allows).`, { status: deal.status });
        changes.status = fields.paused ? DealStatus.PAUSED : DealStatus.ACTIVE;
      }
      if (!Object.keys(changes).length) return deal;
      const updated = await tx.deals.update(id, changes, deal.version);
      if (!updated) throw staleVersion(deal);
      return updated;
    });
  }

  /**
   * Moves a deal to a stage of its pipeline, if the pipeline allows that move now; into a lost stage
   * with one of the tenant's lost reasons. Concurrent moves of one deal serialise on its row: the
   * second is judged from where the first left it.
   */
  async move(ctx: TenantContext, id: string, stageId: string, reason?: string | null, lostReason?: string | null): Promise<Deal> {
    assertCan(ctx, Permission.WRITE_DEALS);
    const why = readReason(reason);
    return this.uow.run(async (tx) => {
      const deal = await tx.deals.findById(id, { forUpdate: true });
      if (!deal) throw notFound('Deal', id);
      const pipeline = await tx.pipelines.lock(deal.pipelineId, 'share');
      if (!pipeline) throw notFound('Pipeline', deal.pipelineId);
      return moveDeal(tx, pipeline, deal, stageId, ctx.actor, why, lostReason);
    });
  }

  async get(ctx: TenantContext, id: string): Promise<Deal> {
    const [deal] = await this.getMany(ctx, [id]);
    if (!deal) throw notFound('Deal', id);
    return deal;
  }

  async getMany(ctx: TenantContext, ids: readonly string[]): Promise<Deal[]> {
    assertCan(ctx, Permission.READ);
    return ids.length ? this.uow.run(({ deals }) => deals.findByIds(ids)) : [];
  }

  /** Deals newest first, a page either way, filtered by pipeline, stage, status, owner or lead. */
  async list(ctx: TenantContext, query: PageQuery, filter: DealFilter): Promise<Page<DealInList>> {
    assertCan(ctx, Permission.READ);
    const slice = pageSlice(query.request, LIST_PAGE, query.decode);
    return pageOf(slice, await this.uow.run(({ deals }) => deals.page({ slice, filter })));
  }

  async count(ctx: TenantContext, filter: DealFilter): Promise<number> {
    assertCan(ctx, Permission.READ);
    return this.uow.run(({ deals }) => deals.count(filter));
  }

  /** The deal's stage changes, oldest first. */
  async history(ctx: TenantContext, dealId: string, query: PageQuery): Promise<Page<DealStageChange>> {
    assertCan(ctx, Permission.READ);
    return readPage(query, { defaultSize: 100, maxSize: 500 }, (slice) =>
      this.uow.run(async ({ deals }) => {
        if (!(await deals.findById(dealId))) throw notFound('Deal', dealId);
        return deals.history(dealId, slice);
      }),
    );
  }

  /** The stages each deal may move to now (its pipeline's move policy, from where it is). */
  async reachableStages(ctx: TenantContext, deals: readonly Deal[]): Promise<Map<string, string[]>> {
    assertCan(ctx, Permission.READ);
    const ids = [...new Set(deals.map((deal) => deal.pipelineId))];
    const pipelines = new Map((await this.uow.run(({ pipelines: store }) => store.findByIds(ids))).map((p) => [p.id, p]));
    return new Map(deals.map((deal) => {
      const pipeline = pipelines.get(deal.pipelineId);
      return [deal.id, pipeline ? stagesReachable(pipeline, deal) : []];
    }));
  }

  /** The leads of deals, by id, in one query. */
  async leads(ctx: TenantContext, ids: readonly string[]): Promise<Lead[]> {
    assertCan(ctx, Permission.READ);
    return ids.length ? this.uow.run(({ leads }) => leads.findByIds(ids)) : [];
  }
}

async function assertOwner(tx: PipelineTx, ownerId: string | null): Promise<void> {
  if (ownerId && !(await tx.leads.isAssignable(ownerId))) throw validationError([{ field: 'input.ownerId', message: 'is not a user who can work in this tenant' }]);
}
