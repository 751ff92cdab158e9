import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { PipelineUnitOfWork } from './pipeline.ports.ts';
import { assembleStats, readPeriod, type Period, type PipelineStats } from './pipeline-stats.ts';

/**
 * Pipeline statistics over a period: per stage and for the pipeline, from two queries whatever the
 * number of stages or deals (see PipelineStatsReader), the rates worked out in core.
 */
export class PipelineStatsService {
  constructor(
    private readonly uow: PipelineUnitOfWork,
    private readonly now: () => Date,
  ) {}

  /** [from, to): `to` defaults to now, `from` to 30 days before `to`. */
  period(from: string | null | undefined, to: string | null | undefined): Period {
    return readPeriod(from, to, this.now());
  }

  async stats(ctx: TenantContext, pipelineId: string, period: Period): Promise<PipelineStats> {
    assertCan(ctx, Permission.READ);
    const [found] = await this.read([pipelineId], period);
    if (!found) throw notFound('Pipeline', pipelineId);
    return found;
  }

  /** Every pipeline of the tenant over the period (the agency rollup reads each tenant this way). */
  async tenantStats(ctx: TenantContext, period: Period): Promise<PipelineStats[]> {
    assertCan(ctx, Permission.READ);
    return this.read(null, period);
  }

  private read(ids: string[] | null, period: Period): Promise<PipelineStats[]> {
    return this.uow.run(async ({ pipelines, stats }) => {
      const found = ids ? await pipelines.findByIds(ids) : await pipelines.all();
      if (!found.length) return [];
      const pipelineIds = found.map((p) => p.id);
      const stages = await stats.stageFigures(pipelineIds, period.from, period.to);
      const closed = await stats.closedFigures(pipelineIds, period.from, period.to);
      return found.map((pipeline) => assembleStats(pipeline, period, stages, closed));
    });
  }
}
