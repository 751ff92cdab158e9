import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AgencyContext } from '../../../core/context.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Money } from '../../../core/money/money.ts';
import { readPeriod, totalsOf, type Period, type PipelineStats, type StatsTotals } from '../../../core/pipelines/pipeline-stats.ts';
import type { Tenant } from '../../../core/tenancy/tenancy.types.ts';
import type { GraphQLContext } from '../context.ts';
import { PageArgs, idCursor, pageQuery, toConnection } from '../connections.ts';
import { moneyOf, type MoneyType } from '../types/money.types.ts';
import { PipelineStatsType, TenantPipelineStatsConnection, type PipelineTotalsType, type TenantPipelineStatsType } from '../types/pipeline-stats.types.ts';

const rollupCursor = idCursor('agencyPipelineStats');
const FROM = 'Start of the period (inclusive), in ISO 8601 (2026-01-01, or 2026-01-01T00:00:00+05:30; without a zone, UTC); default 30 days before `to`.';
const TO = 'End of the period (exclusive) in ISO 8601, and the moment the board is read at; default now. At most 3660 days after `from`.';

const money = (list: readonly Money[]): MoneyType[] => list.map((m) => moneyOf(m.amount, m.currency));

function present(stats: PipelineStats): PipelineStatsType {
  return {
    ...stats,
    pipeline: stats.pipeline as never,
    stages: stats.stages.map((s) => ({ ...s, stage: s.stage as never, value: money(s.value), weightedValue: money(s.weightedValue) })),
    openValue: money(stats.openValue),
    weightedOpenValue: money(stats.weightedOpenValue),
    wonValue: money(stats.wonValue),
  };
}

function presentTotals(totals: StatsTotals): PipelineTotalsType {
  return { ...totals, openValue: money(totals.openValue), weightedOpenValue: money(totals.weightedOpenValue), wonValue: money(totals.wonValue) };
}

/**
 * One tenant's pipelines over the period. A failure stays with its tenant: its figures are null with
 * the reason, and the rollup still shows every other tenant (as the agency overview does).
 */
async function tenantStats(tenant: Tenant, agency: AgencyContext, period: Period, { services, logger, requestId }: GraphQLContext): Promise<TenantPipelineStatsType> {
  const ctx = { ...agency, tenantId: tenant.id, defaultCountry: tenant.defaultCountry };
  try {
    const all = await services.pipelineStats(ctx).tenantStats(ctx, period);
    return { tenantId: tenant.id, name: tenant.name, error: null, totals: presentTotals(totalsOf(all)), pipelines: all.map(present) };
  } catch (error) {
    if (!(error instanceof DomainError)) logger.error({ err: error, requestId, tenantId: tenant.id }, 'a tenant\'s pipeline figures could not be computed');
    const reason = error instanceof DomainError ? error.message : `Quote request id ${requestId} when reporting it.`;
    return { tenantId: tenant.id, name: tenant.name, error: `This tenant's pipeline figures could not be computed. ${reason}`, totals: null, pipelines: null };
  }
}

@Resolver()
export class PipelineStatsResolver {
  @Query(() => PipelineStatsType, {
    nullable: true,
    description: 'A pipeline\'s figures over [from, to): per stage (deals, value and weighted value at `to`, entries, conversion to the next stage, days in stage, rotting deals) and for the whole (win rate, average cycle). Null, with a NOT_FOUND error, for no such pipeline.',
  })
  async pipelineStats(
    @Arg('pipelineId', () => ID) pipelineId: string,
    @Arg('from', () => String, { nullable: true, description: FROM }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: TO }) to: string | null,
    @Ctx() { auth, services }: GraphQLContext,
  ): Promise<PipelineStatsType> {
    const ctx = await auth.tenant();
    const service = services.pipelineStats(ctx);
    return present(await service.stats(ctx, pipelineId, service.period(from, to)));
  }

  @Query(() => TenantPipelineStatsConnection, {
    description: 'Every tenant the caller can reach (an API key: its own), oldest first, with its pipelines\' figures over [from, to) and their totals. A tenant whose figures fail shows its error; the others still show.',
  })
  async agencyPipelineStats(
    @Arg('from', () => String, { nullable: true, description: FROM }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: TO }) to: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const { auth, services } = context;
    const agency = await auth.agency();
    const only = auth.isApiKey ? await auth.tenant() : undefined;
    const period = readPeriod(from, to, services.now());
    const tenants = await services.tenancy.tenantsPage(agency, pageQuery(page, rollupCursor), only);
    const rows = await Promise.all(tenants.items.map((tenant) => tenantStats(tenant, agency, period, context)));
    return toConnection({ ...tenants, items: rows }, (row) => rollupCursor.encode(row.tenantId));
  }
}
