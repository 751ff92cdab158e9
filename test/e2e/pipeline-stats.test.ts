import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { PIPELINE_FIELDS, createDeal, moveDeal, type PipelineInfo } from '../support/pipelines.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let app: TestGateway;
let owner: Account;
let stats: PipelineInfo;

const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-01-31T00:00:00.000Z';
const inr = (amount: string) => ({ amount, currency: 'INR', exponent: 2 });
const usd = (amount: string) => ({ amount, currency: 'USD', exponent: 2 });

/**
 * Seven deals in a pipeline A → B → Won (C) / Lost (L), their stage entries set to known times (the
 * history is where the figures come from), and every figure worked out by hand below.
 *
 *   d1 1000 INR: A Dec 20, B Jan 5, C Jan 10    (won in the period: cycle 21 days)
 *   d2 2000 INR: A Jan 2,  B Jan 12             (in B at the end)
 *   d3 3000 INR: A Jan 3,  L Jan 20             (lost in the period)
 *   d4 5000 USD: A Jan 10                       (in A at the end for 21 days: rotting, A rots after 5)
 *   d5 7005 INR: A Jan 28                       (in A at the end for 3 days)
 *   d6  999 INR: A Feb 5                        (after the period: nowhere in it)
 *   d7  100 INR: A Dec 1,  B Dec 10, C Dec 15   (won before the period: in C at the end, not a win of it)
 */
const PLAN: Array<{ name: string; value: { amount: string; currency: string }; path: Array<[string, string]> }> = [
  { name: 'd1', value: { amount: '1000', currency: 'INR' }, path: [['A', '2025-12-20'], ['B', '2026-01-05'], ['C', '2026-01-10']] },
  { name: 'd2', value: { amount: '2000', currency: 'INR' }, path: [['A', '2026-01-02'], ['B', '2026-01-12']] },
  { name: 'd3', value: { amount: '3000', currency: 'INR' }, path: [['A', '2026-01-03'], ['L', '2026-01-20']] },
  { name: 'd4', value: { amount: '5000', currency: 'USD' }, path: [['A', '2026-01-10']] },
  { name: 'd5', value: { amount: '7005', currency: 'INR' }, path: [['A', '2026-01-28']] },
  { name: 'd6', value: { amount: '999', currency: 'INR' }, path: [['A', '2026-02-05']] },
  { name: 'd7', value: { amount: '100', currency: 'INR' }, path: [['A', '2025-12-01'], ['B', '2025-12-10'], ['C', '2025-12-15']] },
];

beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  owner = await signup(app);
  const input = {
    name: 'Stats', kind: 'SALES',
    stages: [{ name: 'A', probability: 10, rottingDays: 5 }, { name: 'B', probability: 50 }, { name: 'C', probability: 100, terminal: 'WON' }, { name: 'L', probability: 0, terminal: 'LOST' }],
  };
  const created = await app.gql(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { ${PIPELINE_FIELDS} } }`, { input }, owner.caller);
  const stages = created.data?.createPipeline.stages.nodes as PipelineInfo['stages'];
  stats = { ...created.data?.createPipeline, stages, byName: Object.fromEntries(stages.map((s) => [s.name, s])) };
  const db = await app.database.ownerClient();
  for (const plan of PLAN) {
    const lead = await createLead(app, owner.caller, { businessName: plan.name });
    const deal = await createDeal(app, owner.caller, { leadId: lead.id, pipelineId: stats.id, value: plan.value });
    for (const [stage] of plan.path.slice(1)) {
      const moved = await moveDeal(app, owner.caller, deal.id, stats.byName[stage]!.id, stage === 'L' ? { lostReason: 'No budget' } : {});
      if (moved.errors) throw new Error(JSON.stringify(moved.errors));
    }
    for (const [stage, day] of plan.path) {
      await db.query('update deal_stage_changes set entered_at = $3 where deal_id = $1 and to_stage_id = $2', [deal.id, stats.byName[stage]!.id, `${day}T00:00:00Z`]);
    }
  }
});
afterAll(() => app.close());

const STAGE_STATS = 'stage { name } count value { amount currency exponent } weightedValue { amount currency exponent } entered conversionRate averageDaysInStage rotting';
const TOTALS = 'openDeals openValue { amount currency exponent } weightedOpenValue { amount currency exponent } won lost wonValue { amount currency exponent } winRate averageCycleDays';

describe('pipelineStats', () => {
  it('per stage and for the whole, exactly the figures worked out by hand', async () => {
    const result = await app.gql(`query($id: ID!, $from: String, $to: String) { pipelineStats(pipelineId: $id, from: $from, to: $to) { from to stages { ${STAGE_STATS} } ${TOTALS} } }`, { id: stats.id, from: FROM, to: TO }, owner.caller);
    expect(result.errors).toBeUndefined();
    const figures = result.data?.pipelineStats;
    expect(figures.from).toBe(FROM);
    expect(figures.to).toBe(TO);
    expect(figures.stages).toEqual([
      // In A at the end: d4 (USD) and d5; weighted 7005 × 10% = 700.5, rounded half up. Entered: d2, d3, d4, d5; of them
      // only d2 moved on (to B): 1/4. Stays that ended in the period: d1 16 days, d2 10, d3 17: 43/3. Rotting: d4.
      { stage: { name: 'A' }, count: 2, value: [inr('7005'), usd('5000')], weightedValue: [inr('701'), usd('500')], entered: 4, conversionRate: 0.25, averageDaysInStage: 14.33, rotting: 1 },
      // In B at the end: d2. Entered: d1 (moved on to the won stage), d2 (not yet). Ended: d1's 5 days (d7 left before the period).
      { stage: { name: 'B' }, count: 1, value: [inr('2000')], weightedValue: [inr('1000')], entered: 2, conversionRate: 0.5, averageDaysInStage: 5, rotting: 0 },
      { stage: { name: 'C' }, count: 2, value: [inr('1100')], weightedValue: [inr('1100')], entered: 1, conversionRate: null, averageDaysInStage: null, rotting: 0 },
      { stage: { name: 'L' }, count: 1, value: [inr('3000')], weightedValue: [inr('0')], entered: 1, conversionRate: null, averageDaysInStage: null, rotting: 0 },
    ]);
    // Open at the end: d2, d4, d5. Closed in the period: d1 won (21 days from opening), d3 lost.
    expect(figures).toMatchObject({
      openDeals: 3, openValue: [inr('9005'), usd('5000')], weightedOpenValue: [inr('1701'), usd('500')],
      won: 1, lost: 1, wonValue: [inr('1000')], winRate: 0.5, averageCycleDays: 21,
    });
  });

  it('the end of the period is when the board is read: at Jan 11, d1 had just been won, d2 and d3 were still in A (rotting)', async () => {
    const result = await app.gql(`query($id: ID!) { pipelineStats(pipelineId: $id, from: "${FROM}", to: "2026-01-11T00:00:00.000Z") { stages { stage { name } count rotting } won lost winRate } }`, { id: stats.id }, owner.caller);
    expect(result.data?.pipelineStats).toEqual({
      // A: d2 (9 days), d3 (8 days), d4 (1 day); B: nobody (d1 left it on Jan 10, d2 arrives on Jan 12); C: d1 and d7.
      stages: [{ stage: { name: 'A' }, count: 3, rotting: 2 }, { stage: { name: 'B' }, count: 0, rotting: 0 }, { stage: { name: 'C' }, count: 2, rotting: 0 }, { stage: { name: 'L' }, count: 0, rotting: 0 }],
      won: 1, lost: 0, winRate: 1,
    });
  });

  it('a period is checked; a missing pipeline is null with NOT_FOUND; the default period is the last 30 days', async () => {
    const backwards = await app.gql(`{ pipelineStats(pipelineId: "${stats.id}", from: "${TO}", to: "${FROM}") { openDeals } }`, {}, owner.caller);
    expect(backwards.errors?.[0]?.extensions?.fields).toEqual([{ field: 'from', message: 'must be before to' }]);
    const missing = await app.gql(`{ pipelineStats(pipelineId: "${owner.tenantId}") { openDeals } }`, {}, owner.caller);
    expect(missing.data?.pipelineStats).toBeNull();
    expect(errorCode(missing)).toBe('NOT_FOUND');
    const recent = await app.gql(`{ pipelineStats(pipelineId: "${stats.id}") { from to openDeals } }`, {}, owner.caller);
    const { from, to } = recent.data?.pipelineStats;
    expect(Date.parse(to) - Date.parse(from)).toBe(30 * 86_400_000);
    expect(Math.abs(Date.parse(to) - Date.now())).toBeLessThan(60_000);
  });
});

describe('agencyPipelineStats', () => {
  it('every tenant\'s pipelines added up; a tenant whose figures fail shows its error and the others still show', async () => {
    const quiet = (await app.gql('mutation { createTenant(input: { name: "Quiet client" }) { id } }', {}, { token: owner.token })).data?.createTenant.id;
    const broken = (await app.gql('mutation { createTenant(input: { name: "Broken books" }) { id } }', {}, { token: owner.token })).data?.createTenant.id;
    const db = await app.database.ownerClient();
    // One tenant's stages cannot be read (a stand-in for any fault in its figures).
    await db.query(`create function stats_fault(tenant uuid) returns boolean language plpgsql as $$ begin raise exception 'simulated fault reading tenant %', tenant; end $$`);
    await db.query(`create policy stats_fault on pipeline_stages as restrictive for select using (tenant_id <> '${broken}' or stats_fault(tenant_id))`);
    try {
      const result = await app.gql(`{ agencyPipelineStats(from: "${FROM}", to: "${TO}", first: 10) { nodes { tenantId name error totals { pipelines ${TOTALS} } pipelines { pipeline { name } openDeals } } } }`, {}, { token: owner.token });
      expect(result.errors).toBeUndefined();
      const byName = Object.fromEntries(result.data?.agencyPipelineStats.nodes.map((t: { name: string }) => [t.name, t]));
      expect(byName['First client']).toMatchObject({
        error: null,
        totals: { pipelines: 3, openDeals: 3, openValue: [inr('9005'), usd('5000')], weightedOpenValue: [inr('1701'), usd('500')], won: 1, lost: 1, wonValue: [inr('1000')], winRate: 0.5, averageCycleDays: 21 },
      });
      expect(byName['First client'].pipelines.map((p: { pipeline: { name: string } }) => p.pipeline.name).sort()).toEqual(['Backlink outreach', 'Sales', 'Stats']);
      expect(byName['Quiet client']).toMatchObject({ tenantId: quiet, error: null, totals: { pipelines: 2, openDeals: 0, openValue: [], winRate: null, averageCycleDays: null } });
      expect(byName['Broken books']).toEqual({
        tenantId: broken, name: 'Broken books', totals: null, pipelines: null,
        error: expect.stringMatching(/^This tenant's pipeline figures could not be computed\. Quote request id [0-9a-f-]{36} when reporting it\.$/),
      });
      // An API key sees its own tenant only.
      const key = (await app.gql('mutation { createApiKey(input: { name: "stats", role: VIEWER }) { key } }', {}, owner.caller)).data?.createApiKey.key;
      const own = await app.gql(`{ agencyPipelineStats(from: "${FROM}", to: "${TO}") { nodes { name totals { openDeals } } } }`, {}, { token: key });
      expect(own.data?.agencyPipelineStats.nodes).toEqual([{ name: 'First client', totals: { openDeals: 3 } }]);
    } finally {
      await db.query('drop policy stats_fault on pipeline_stages');
    }
  });
});
