import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { TerminalKind } from './pipeline-engine.ts';
import { assembleStats, readPeriod, totalsOf, type ClosedFigures, type StageFigures } from './pipeline-stats.ts';
import type { Pipeline, PipelineStage } from './pipeline.types.ts';

const now = new Date('2026-03-15T12:00:00Z');
const fields = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).details.fields;
  }
  return null;
};

describe('the period of pipeline statistics', () => {
  it('defaults to the 30 days before now; reads ISO 8601 dates and times (no zone is UTC)', () => {
    expect(readPeriod(null, null, now)).toEqual({ from: new Date('2026-02-13T12:00:00Z'), to: now });
    expect(readPeriod('2026-01-01', '2026-01-31T09:30:00+05:30', now)).toEqual({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-31T04:00:00Z') });
    expect(readPeriod('2026-01-01 10:00', null, now).from).toEqual(new Date('2026-01-01T10:00:00Z'));
    expect(readPeriod(null, '2026-01-31T00:00:00.250Z', now)).toEqual({ from: new Date('2026-01-01T00:00:00.250Z'), to: new Date('2026-01-31T00:00:00.250Z') });
  });

  it('refuses what is not a real moment, a period that ends before it starts, and one longer than ten years, naming the argument', () => {
    const message = 'must be a date, or a date and time, in ISO 8601: 2026-01-31 or 2026-01-31T09:00:00+05:30';
    expect(fields(() => readPeriod('2026-02-30', null, now))).toEqual([{ field: 'from', message }]);
    expect(fields(() => readPeriod('yesterday', '2026-01-01T25:00', now))).toEqual([{ field: 'to', message }, { field: 'from', message }]);
    expect(fields(() => readPeriod('2026-02-01', '2026-01-01', now))).toEqual([{ field: 'from', message: 'must be before to' }]);
    expect(fields(() => readPeriod('2000-01-01', '2026-01-01', now))).toEqual([{ field: 'from', message: 'must be at most 3660 days before to' }]);
  });
});

const stage = (id: string, position: number, probability: number, terminal: TerminalKind = TerminalKind.NONE): PipelineStage => ({
  id, pipelineId: 'p', name: id, position, probability, autoAction: null, followUpDays: null, rottingDays: null, terminal, retired: false,
});
const pipeline: Pipeline = {
  id: 'p', name: 'P', kind: 'sales', builtIn: false, policy: { skipForward: false, moveBack: false }, version: 1, createdAt: now, updatedAt: now,
  stages: [stage('a', 1, 25), stage('b', 2, 50), stage('won', 3, 100, TerminalKind.WON), stage('lost', 4, 0, TerminalKind.LOST)],
};

describe('assembling the figures', () => {
  it('weights each stage\'s value by its probability (half up), works out the rates, and adds up the open stages per currency', () => {
    const stages: StageFigures[] = [
      { pipelineId: 'p', stageId: 'a', held: [{ currency: 'INR', deals: 2, value: 1002n, rotting: 1 }, { currency: 'USD', deals: 1, value: 3n, rotting: 0 }], entered: 3, movedOn: 1, staysEnded: 2, daysInStays: 7 },
      { pipelineId: 'p', stageId: 'b', held: [{ currency: 'INR', deals: 1, value: 9223372036854775807n, rotting: 0 }], entered: 0, movedOn: 0, staysEnded: 0, daysInStays: 0 },
      { pipelineId: 'p', stageId: 'won', held: [{ currency: 'INR', deals: 1, value: 10n, rotting: 0 }], entered: 1, movedOn: 0, staysEnded: 0, daysInStays: 0 },
      { pipelineId: 'other', stageId: 'x', held: [{ currency: 'INR', deals: 9, value: 9n, rotting: 9 }], entered: 9, movedOn: 9, staysEnded: 9, daysInStays: 9 },
    ];
    const closed: ClosedFigures[] = [
      { pipelineId: 'p', outcome: 'won', currency: 'INR', deals: 2, value: 30n, cycleDays: 9 },
      { pipelineId: 'p', outcome: 'lost', currency: 'INR', deals: 1, value: 5n, cycleDays: 4 },
    ];
    const stats = assembleStats(pipeline, { from: now, to: now }, stages, closed);
    expect(stats.stages.map((s) => [s.stage.id, s.count, s.value, s.weightedValue, s.entered, s.conversionRate, s.averageDaysInStage, s.rotting])).toEqual([
      ['a', 3, [{ amount: 1002n, currency: 'INR' }, { amount: 3n, currency: 'USD' }], [{ amount: 251n, currency: 'INR' }, { amount: 1n, currency: 'USD' }], 3, 0.3333, 3.5, 1],
      ['b', 1, [{ amount: 9223372036854775807n, currency: 'INR' }], [{ amount: 4611686018427387904n, currency: 'INR' }], 0, null, null, 0],
      ['won', 1, [{ amount: 10n, currency: 'INR' }], [{ amount: 10n, currency: 'INR' }], 1, null, null, 0],
      ['lost', 0, [], [], 0, null, null, 0],
    ]);
    // Sums past 64 bits stay exact.
    expect(stats).toMatchObject({
      openDeals: 4, openValue: [{ amount: 9223372036854776809n, currency: 'INR' }, { amount: 3n, currency: 'USD' }],
      weightedOpenValue: [{ amount: 4611686018427388155n, currency: 'INR' }, { amount: 1n, currency: 'USD' }],
      won: 2, lost: 1, wonValue: [{ amount: 30n, currency: 'INR' }], winRate: 0.6667, averageCycleDays: 4.5,
    });
    expect(totalsOf([stats, stats])).toMatchObject({ pipelines: 2, openDeals: 8, won: 4, lost: 2, winRate: 0.6667, averageCycleDays: 4.5, wonValue: [{ amount: 60n, currency: 'INR' }] });
  });
});
