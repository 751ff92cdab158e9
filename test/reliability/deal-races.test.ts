import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkMove, type PipelineRules, type TerminalKind } from '../../core/pipelines/pipeline-engine.ts';
import { createLead, signup, type Account } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { PIPELINE_FIELDS, createDeal, moveDeal, type StageInfo } from '../support/pipelines.ts';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

/**
 * Random pipelines (stages, terminal kinds, retired stages, move policy), random concurrent moves of
 * their deals over GraphQL, some with a lost reason, some by a viewer: afterwards every deal's
 * history is a chain of moves its pipeline allows, from where it opened to where it is, and its
 * status follows its stage. A refusal is always a typed one.
 */
let app: TestGateway;
let owner: Account;
const tally = { runs: 0, moves: 0, accepted: 0, refused: 0, failures: 0 };

beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  owner = await signup(app);
});
afterAll(async () => {
  console.log(`deal races: ${tally.runs} runs, ${tally.moves} concurrent moves, ${tally.accepted} accepted, ${tally.refused} refused, ${tally.failures} failures`);
  await app.close();
});

const TERMINAL = { NONE: 'none', WON: 'won', LOST: 'lost' } as const;
const stagesArb = fc
  .array(fc.record({ terminal: fc.constantFrom<'NONE' | 'WON' | 'LOST'>('NONE', 'NONE', 'NONE', 'WON', 'LOST'), retired: fc.boolean() }), { minLength: 2, maxLength: 7 })
  .filter((stages) => stages.some((s) => s.terminal === 'NONE' && !s.retired));
/** Now and then (one in eight) a move gives a lost reason where none belongs, or none where one is needed. */
const moveArb = fc.record({ deal: fc.nat({ max: 3 }), stage: fc.nat({ max: 6 }), wrongReason: fc.nat({ max: 7 }).map((n) => n === 0) });

async function run(specs: Array<{ terminal: 'NONE' | 'WON' | 'LOST'; retired: boolean }>, policy: { skipForward: boolean; moveBack: boolean }, moves: Array<{ deal: number; stage: number; wrongReason: boolean }>) {
  const input = { name: `Race ${tally.runs} ${Date.now()}`, kind: 'OTHER', ...policy, stages: specs.map((s, i) => ({ name: `S${i}`, probability: 50, terminal: s.terminal })) };
  const created = await app.gql(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { ${PIPELINE_FIELDS} } }`, { input }, owner.caller);
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const pipeline = created.data!.createPipeline;
  const stages = pipeline.stages.nodes as StageInfo[];
  const deals: string[] = [];
  for (let i = 0; i < 4; i += 1) deals.push((await createDeal(app, owner.caller, { leadId: (await createLead(app, owner.caller)).id, pipelineId: pipeline.id })).id);
  // Retired after the deals opened, so that some may sit in a stage that has since retired.
  for (const [i, spec] of specs.entries()) {
    if (spec.retired && specs.some((s, j) => j !== i && s.terminal === 'NONE' && !s.retired)) await app.gql(`mutation { retirePipelineStage(id: "${stages[i]!.id}") { id } }`, {}, owner.caller);
  }
  const after = (await app.gql(`{ pipeline(id: "${pipeline.id}") { stages(first: 30) { nodes { id position terminal retired } } } }`, {}, owner.caller)).data!.pipeline.stages.nodes as StageInfo[];
  const rules: PipelineRules = { key: pipeline.id, transitions: [], policy, stages: after.map((s) => ({ key: s.id, position: s.position, terminal: TERMINAL[s.terminal as keyof typeof TERMINAL] as TerminalKind, retired: s.retired })) };

  const results = await Promise.all(moves.map((m) => {
    const to = stages[m.stage % stages.length]!;
    return moveDeal(app, owner.caller, deals[m.deal]!, to.id, (to.terminal === 'LOST') !== m.wrongReason ? { lostReason: 'No budget' } : {});
  }));
  tally.runs += 1;
  tally.moves += moves.length;
  for (const result of results) {
    if (result.data?.moveDeal) tally.accepted += 1;
    else {
      tally.refused += 1;
      expect(['ILLEGAL_TRANSITION', 'VALIDATION']).toContain(result.errors?.[0]?.extensions?.code);
    }
  }
  for (const dealId of deals) {
    const deal = (await app.gql(`{ deal(id: "${dealId}") { stageId status lostReason history(first: 500) { nodes { fromStageId toStageId lostReason } } } }`, {}, owner.caller)).data!.deal;
    const history = deal.history.nodes as Array<{ fromStageId: string | null; toStageId: string; lostReason: string | null }>;
    let here = history[0]!.toStageId;
    expect(history[0]!.fromStageId).toBeNull();
    for (const change of history.slice(1)) {
      const legal = change.fromStageId === here && checkMove(rules, { stage: here, cameFrom: null, reachedBy: null }, change.toStageId, null).ok;
      if (!legal) tally.failures += 1;
      expect(legal, `${here}: ${change.fromStageId} → ${change.toStageId}`).toBe(true);
      const into = rules.stages.find((s) => s.key === change.toStageId)!;
      expect(change.lostReason !== null).toBe(into.terminal === 'lost');
      here = change.toStageId;
    }
    expect(deal.stageId).toBe(here);
    const terminal = rules.stages.find((s) => s.key === here)!.terminal;
    expect(deal.status).toBe(terminal === 'none' ? 'ACTIVE' : terminal.toUpperCase());
    expect(deal.lostReason !== null).toBe(terminal === 'lost');
  }
}

describe('deal races over GraphQL', () => {
  it('random pipelines and random concurrent moves never commit an illegal move; every history chains to the final stage', async () => {
    await fc.assert(
      fc.asyncProperty(stagesArb, fc.record({ skipForward: fc.boolean(), moveBack: fc.boolean() }), fc.array(moveArb, { minLength: 6, maxLength: 24 }), run),
      { numRuns: Number(process.env.DEAL_RACES_RUNS ?? 12), seed: 20261203 },
    );
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  });
});
