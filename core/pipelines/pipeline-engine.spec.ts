import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LeadStatus, defaultPipeline, lifecycleRules } from '../lifecycle/lead-lifecycle.ts';
import { TerminalKind, canStartIn, checkMove, firstOpenStage, legalTargets, type EngineStage, type MovePolicy, type PipelineRules } from './pipeline-engine.ts';

const { NONE, WON, LOST } = TerminalKind;
const stage = (key: string, position: number, terminal: TerminalKind = NONE, retired = false): EngineStage => ({ key, position, terminal, retired });
const pipeline = (stages: EngineStage[], policy: MovePolicy = { skipForward: false, moveBack: false }): PipelineRules => ({ key: 'p', stages, transitions: [], policy });
const at = (key: string, cameFrom: string | null = null) => ({ stage: key, cameFrom, reachedBy: null });

// The seed's sales pipeline: New Lead … Negotiating, then Won and Lost.
const sales = pipeline([stage('new', 1), stage('contacted', 2), stage('interested', 3), stage('proposal', 4), stage('negotiating', 5), stage('won', 6, WON), stage('lost', 7, LOST)]);
const moves = (rules: PipelineRules, from: string) => legalTargets(rules, at(from), null);

describe('a tenant pipeline with the default move policy', () => {
  it('moves forward one stage, or to any terminal stage, and nowhere else', () => {
    expect(moves(sales, 'new')).toEqual(['contacted', 'won', 'lost']);
    expect(moves(sales, 'proposal')).toEqual(['negotiating', 'won', 'lost']);
    expect(moves(sales, 'negotiating')).toEqual(['won', 'lost']);
    expect(checkMove(sales, at('new'), 'interested', null)).toEqual({ ok: false, refusal: { reason: 'NO_SUCH_MOVE' } });
    expect(checkMove(sales, at('interested'), 'contacted', null)).toEqual({ ok: false, refusal: { reason: 'NO_SUCH_MOVE' } });
    expect(checkMove(sales, at('new'), 'new', null)).toEqual({ ok: false, refusal: { reason: 'SAME_STAGE' } });
  });

  it('a closed deal stays closed', () => {
    expect(moves(sales, 'won')).toEqual([]);
    expect(moves(sales, 'lost')).toEqual([]);
  });

  it('a retired stage takes no deals: forward one goes past it, and a deal already in it can leave', () => {
    const retired = pipeline(sales.stages.map((s) => (s.key === 'contacted' ? { ...s, retired: true } : s)));
    expect(moves(retired, 'new')).toEqual(['interested', 'won', 'lost']);
    expect(checkMove(retired, at('new'), 'contacted', null)).toEqual({ ok: false, refusal: { reason: 'RETIRED' } });
    expect(moves(retired, 'contacted')).toEqual(['interested', 'won', 'lost']);
    expect(canStartIn(retired, 'contacted')).toBe(false);
    expect(firstOpenStage(retired)?.key).toBe('new');
  });

  it('follows the stages\' positions, not their order in the list (a reorder is a renumbering)', () => {
    const reordered = pipeline([stage('a', 3), stage('b', 1), stage('won', 4, WON), stage('c', 2)]);
    expect(moves(reordered, 'b')).toEqual(['c', 'won']);
    expect(moves(reordered, 'c')).toEqual(['a', 'won']);
    expect(firstOpenStage(reordered)?.key).toBe('b');
  });
});

describe('a tenant pipeline with a wider move policy', () => {
  it('skipForward allows any later open stage', () => {
    expect(moves({ ...sales, policy: { skipForward: true, moveBack: false } }, 'contacted')).toEqual(['interested', 'proposal', 'negotiating', 'won', 'lost']);
  });

  it('moveBack allows any earlier open stage, and reopening a closed deal into an open stage (not into the other terminal one)', () => {
    const back = { ...sales, policy: { skipForward: false, moveBack: true } };
    expect(moves(back, 'interested')).toEqual(['new', 'contacted', 'proposal', 'won', 'lost']);
    expect(moves(back, 'won')).toEqual(['new', 'contacted', 'interested', 'proposal', 'negotiating']);
    expect(checkMove(back, at('lost'), 'won', null).ok).toBe(false);
  });
});

describe('the lead lifecycle is a pipeline of the same engine', () => {
  const rules = lifecycleRules();
  it('its states are stages in order, PAID won and LOST lost, every move listed, no policy', () => {
    expect(rules.stages.map((s) => [s.key, s.position, s.terminal])).toEqual([
      ['NEW', 1, NONE], ['CONTACTED', 2, NONE], ['INTERESTED', 3, NONE], ['PROPOSAL_SENT', 4, NONE], ['PAID', 5, WON], ['LOST', 6, LOST],
    ]);
    expect(rules.transitions).toBe(defaultPipeline.transitions);
    expect(rules.policy).toBeNull();
  });

  it('a listed move needs one of its triggers; a move nothing names (raw SQL) is judged by the list alone, except a move back', () => {
    expect(checkMove(rules, at(LeadStatus.NEW), LeadStatus.CONTACTED, 'OUTREACH_SENT').ok).toBe(true);
    expect(checkMove(rules, at(LeadStatus.NEW), LeadStatus.CONTACTED, 'PAYMENT_CONFIRMED')).toEqual({ ok: false, refusal: { reason: 'WRONG_TRIGGER' } });
    expect(checkMove(rules, at(LeadStatus.NEW), LeadStatus.CONTACTED, null).ok).toBe(true);
    expect(checkMove(rules, at(LeadStatus.NEW), LeadStatus.PAID, null)).toEqual({ ok: false, refusal: { reason: 'NO_SUCH_MOVE' } });
    const lost = { stage: LeadStatus.LOST, cameFrom: LeadStatus.CONTACTED, reachedBy: 'CLOSED_BY_USER' as const };
    expect(checkMove(rules, lost, LeadStatus.CONTACTED, 'REOPENED').ok).toBe(true);
    expect(checkMove(rules, lost, LeadStatus.CONTACTED, null)).toEqual({ ok: false, refusal: { reason: 'WRONG_TRIGGER' } });
    expect(checkMove(rules, lost, LeadStatus.NEW, 'REOPENED')).toEqual({ ok: false, refusal: { reason: 'NOT_ORIGIN', origin: 'CONTACTED' } });
  });
});

// ---- Property-based: random pipelines, and random moves through them ----

const policyArb = fc.record({ skipForward: fc.boolean(), moveBack: fc.boolean() });
/** 1-9 stages with a random order of positions, random terminal kinds and retirements; at least one open stage. */
const pipelineArb = fc
  .array(fc.record({ terminal: fc.constantFrom<TerminalKind>(NONE, NONE, NONE, WON, LOST), retired: fc.boolean() }), { minLength: 1, maxLength: 9 })
  .chain((stages) => fc.tuple(fc.constant(stages), fc.shuffledSubarray(stages.map((_, i) => i + 1), { minLength: stages.length, maxLength: stages.length }), policyArb))
  .map(([stages, positions, policy]) => pipeline(stages.map((s, i) => stage(`s${i}`, positions[i] as number, s.terminal, s.retired)), policy))
  .filter((rules) => rules.stages.some((s) => s.terminal === NONE));

/** The policy, written out independently: a deal's legal next stages by counting steps along the open stages that take deals. */
function oracle(rules: PipelineRules, fromKey: string, toKey: string): boolean {
  const from = rules.stages.find((s) => s.key === fromKey)!;
  const to = rules.stages.find((s) => s.key === toKey)!;
  const policy = rules.policy!;
  if (from === to || to.retired) return false;
  const closedFrom = from.terminal !== NONE;
  const closedTo = to.terminal !== NONE;
  if (closedFrom) return policy.moveBack && !closedTo;
  if (closedTo) return true;
  const ladder = [...rules.stages].filter((s) => s.terminal === NONE && (!s.retired || s === from)).sort((a, b) => a.position - b.position);
  const steps = ladder.indexOf(to) - ladder.indexOf(from);
  return steps < 0 ? policy.moveBack : steps === 1 || policy.skipForward;
}

describe('the engine on random pipelines (property-based)', () => {
  it('every (from, to) of every random pipeline is legal exactly when the policy, counted independently, says so', () => {
    fc.assert(
      fc.property(pipelineArb, (rules) => {
        for (const from of rules.stages) for (const to of rules.stages) {
          expect(checkMove(rules, at(from.key), to.key, null).ok, `${from.key}(${from.position},${from.terminal},${from.retired}) → ${to.key}(${to.position},${to.terminal},${to.retired}) ${JSON.stringify(rules.policy)}`).toBe(oracle(rules, from.key, to.key));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random moves (and stages retired and restored between them) never reach an illegal state', () => {
    const step = fc.oneof(fc.record({ move: fc.nat({ max: 8 }) }), fc.record({ toggle: fc.nat({ max: 8 }) }));
    fc.assert(
      fc.property(pipelineArb, fc.array(step, { maxLength: 40 }), (initial, steps) => {
        let rules = initial;
        const start = firstOpenStage(rules);
        if (!start) return;
        let here = start.key;
        const visited: EngineStage[] = [start];
        for (const s of steps) {
          if ('toggle' in s) {
            const key = `s${s.toggle % rules.stages.length}`;
            rules = { ...rules, stages: rules.stages.map((x) => (x.key === key ? { ...x, retired: !x.retired } : x)) };
            continue;
          }
          const to = rules.stages[s.move % rules.stages.length]!;
          const check = checkMove(rules, at(here), to.key, null);
          expect(check.ok).toBe(oracle(rules, here, to.key));
          if (!check.ok) continue;
          const from = rules.stages.find((x) => x.key === here)!;
          // The invariants: never into a retired stage, never out of a closed deal without moveBack,
          // never backwards without moveBack, never past an open stage that takes deals without skipForward.
          expect(to.retired).toBe(false);
          if (!rules.policy!.moveBack) {
            expect(from.terminal).toBe(NONE);
            if (to.terminal === NONE) expect(to.position).toBeGreaterThan(from.position);
          }
          if (!rules.policy!.skipForward && from.terminal === NONE && to.terminal === NONE && to.position > from.position) {
            expect(rules.stages.some((x) => x.terminal === NONE && !x.retired && x.position > from.position && x.position < to.position)).toBe(false);
          }
          here = to.key;
          visited.push(to);
        }
        expect(visited[0]!.terminal).toBe(NONE);
      }),
      { numRuns: 500 },
    );
  });

  it('legalTargets lists exactly the stages checkMove accepts, in position order', () => {
    fc.assert(
      fc.property(pipelineArb, fc.nat({ max: 8 }), (rules, pick) => {
        const from = rules.stages[pick % rules.stages.length]!;
        const targets = legalTargets(rules, at(from.key), null);
        const expected = [...rules.stages].sort((a, b) => a.position - b.position).filter((to) => oracle(rules, from.key, to.key)).map((s) => s.key);
        expect(targets).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
