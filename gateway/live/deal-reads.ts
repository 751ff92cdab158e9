import type { PipelineUnitOfWork } from '../../core/pipelines/pipeline.ports.ts';
import type { Deal } from '../../core/pipelines/pipeline.types.ts';
import type { DealNotice, LiveScope } from './live-events.ts';

/**
 * Reads the deals a tick of notices names, for one gateway: one query per tenant per tick in the
 * tenant's own row-level-security scope, shared by every subscriber of that tenant (as LiveReads
 * does for leads).
 */
export class DealReads {
  constructor(private readonly unitOfWork: (scope: LiveScope) => PipelineUnitOfWork) {}

  async load(scope: LiveScope, notices: readonly DealNotice[]): Promise<Map<string, Deal>> {
    const ids = [...new Set(notices.map((notice) => notice.id))];
    const deals = await this.unitOfWork(scope).run(({ deals: store }) => store.findByIds(ids));
    return new Map(deals.map((deal) => [deal.id, deal]));
  }
}
