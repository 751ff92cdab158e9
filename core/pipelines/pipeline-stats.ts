import { validationError } from '../errors.ts';
import { sumByCurrency, type Money } from '../money/money.ts';
import { TerminalKind } from './pipeline-engine.ts';
import { weighted, type Pipeline, type PipelineStage } from './pipeline.types.ts';

/** A stage's figures as the database counts them (one query for every stage of every pipeline asked for). */
export interface StageFigures {
  pipelineId: string;
  stageId: string;
  /** Deals in the stage at the end of the period, by currency; `rotting` of them had been in it longer than its rotting days (paused ones never rot). */
  held: Array<{ currency: string; deals: number; value: bigint; rotting: number }>;
  /** Entries into the stage during the period, and how many of them moved on (their next move went to a later open stage or a won one) before its end. */
  entered: number;
  movedOn: number;
  /** Stays in the stage that ended during the period, and their total length in days. */
  staysEnded: number;
  daysInStays: number;
}

/** Deals whose last close during the period was `outcome`, by currency, with their total days from creation to that close. */
export interface ClosedFigures {
  pipelineId: string;
  outcome: typeof TerminalKind.WON | typeof TerminalKind.LOST;
  currency: string;
  deals: number;
  value: bigint;
  cycleDays: number;
}

export interface StageStats {
  stage: PipelineStage;
  /** Deals in the stage at the end of the period. */
  count: number;
  value: Money[];
  /** value × the stage's probability / 100, per currency. */
  weightedValue: Money[];
  entered: number;
  /** Share of the entries during the period that moved on to a later stage (null when none entered, or for a terminal stage). */
  conversionRate: number | null;
  averageDaysInStage: number | null;
  rotting: number;
}

export interface PipelineStats {
  pipeline: Pipeline;
  from: Date;
  to: Date;
  stages: StageStats[];
  openDeals: number;
  openValue: Money[];
  weightedOpenValue: Money[];
  won: number;
  lost: number;
  wonValue: Money[];
  /** won / (won + lost) over the deals closed during the period; null when none closed. */
  winRate: number | null;
  /** Average days from a deal's creation to its win, over the deals won during the period. */
  averageCycleDays: number | null;
  /** The days those wins took, in all (what the average is of). */
  cycleDaysTotal: number;
}

/** Several pipelines' figures added up (a tenant's, for the agency's rollup). */
export interface StatsTotals {
  pipelines: number;
  openDeals: number;
  openValue: Money[];
  weightedOpenValue: Money[];
  won: number;
  lost: number;
  wonValue: Money[];
  winRate: number | null;
  averageCycleDays: number | null;
}

export interface Period {
  from: Date;
  to: Date;
}

export const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 3660;
const DAY_MS = 86_400_000;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An instant as ISO 8601 writes it ("2026-01-31", "2026-01-31T09:00:00Z", "…+05:30"; no zone is UTC), or null with the problem in `errors`. */
function readInstant(field: string, text: string, errors: Array<{ field: string; message: string }>): Date | null {
  const match = INSTANT.exec(text.trim());
  const [year, month, day, hour, minute, second] = (match?.slice(1, 7) ?? []).map((part) => Number(part ?? 0));
  // The parts must name a real moment (Date.parse would roll 30 February over into March).
  const real = match && month! >= 1 && month! <= 12 && day! >= 1 && day! <= new Date(Date.UTC(year!, month!, 0)).getUTCDate() && hour! < 24 && minute! < 60 && second! < 60;
  if (!real) {
    errors.push({ field, message: 'must be a date, or a date and time, in ISO 8601: 2026-01-31 or 2026-01-31T09:00:00+05:30' });
    return null;
  }
  const offset = match[8] && match[8] !== 'Z' ? match[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
  return new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4] ?? '00'}:${match[5] ?? '00'}:${match[6] ?? '00'}${match[7] ?? ''}${offset}`);
}

/** The period asked for: [from, to), `to` defaulting to now and `from` to 30 days before it. */
export function readPeriod(from: string | null | undefined, to: string | null | undefined, now: Date): Period {
  const errors: Array<{ field: string; message: string }> = [];
  const end = to == null ? now : readInstant('to', to, errors);
  const start = from == null ? (end && new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS)) : readInstant('from', from, errors);
  if (start && end && start.getTime() >= end.getTime()) errors.push({ field: 'from', message: 'must be before to' });
  if (start && end && end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY_MS) errors.push({ field: 'from', message: `must be at most ${MAX_PERIOD_DAYS} days before to` });
  if (errors.length || !start || !end) throw validationError(errors);
  return { from: start, to: end };
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const days = (total: number, count: number): number | null => (count > 0 ? Math.round((total / count) * 100) / 100 : null);

function stageStats(stage: PipelineStage, figures: StageFigures | undefined): StageStats {
  const held = figures?.held ?? [];
  const value = sumByCurrency(held.map((h) => ({ amount: h.value, currency: h.currency })));
  return {
    stage,
    count: held.reduce((n, h) => n + h.deals, 0),
    value,
    weightedValue: value.map((m) => ({ amount: weighted(m.amount, stage.probability), currency: m.currency })),
    entered: figures?.entered ?? 0,
    conversionRate: stage.terminal === TerminalKind.NONE ? rate(figures?.movedOn ?? 0, figures?.entered ?? 0) : null,
    averageDaysInStage: days(figures?.daysInStays ?? 0, figures?.staysEnded ?? 0),
    rotting: held.reduce((n, h) => n + h.rotting, 0),
  };
}

/** A pipeline's statistics from what the database counted: every rate and total is worked out here. */
export function assembleStats(pipeline: Pipeline, period: Period, stages: readonly StageFigures[], closed: readonly ClosedFigures[]): PipelineStats {
  const byStage = new Map(stages.filter((f) => f.pipelineId === pipeline.id).map((f) => [f.stageId, f]));
  const stageList = pipeline.stages.map((stage) => stageStats(stage, byStage.get(stage.id)));
  const open = stageList.filter((s) => s.stage.terminal === TerminalKind.NONE);
  const mine = closed.filter((c) => c.pipelineId === pipeline.id);
  const wins = mine.filter((c) => c.outcome === TerminalKind.WON);
  const won = wins.reduce((n, c) => n + c.deals, 0);
  const lost = mine.filter((c) => c.outcome === TerminalKind.LOST).reduce((n, c) => n + c.deals, 0);
  const cycleDaysTotal = wins.reduce((n, c) => n + c.cycleDays, 0);
  return {
    pipeline,
    from: period.from,
    to: period.to,
    stages: stageList,
    openDeals: open.reduce((n, s) => n + s.count, 0),
    openValue: sumByCurrency(open.flatMap((s) => s.value)),
    weightedOpenValue: sumByCurrency(open.flatMap((s) => s.weightedValue)),
    won,
    lost,
    wonValue: sumByCurrency(wins.map((c) => ({ amount: c.value, currency: c.currency }))),
    winRate: rate(won, won + lost),
    averageCycleDays: days(cycleDaysTotal, won),
    cycleDaysTotal,
  };
}

/** The totals of several pipelines: counts and money added up (per currency), rates worked out again from the sums. */
export function totalsOf(all: readonly PipelineStats[]): StatsTotals {
  const won = all.reduce((n, s) => n + s.won, 0);
  const lost = all.reduce((n, s) => n + s.lost, 0);
  return {
    pipelines: all.length,
    openDeals: all.reduce((n, s) => n + s.openDeals, 0),
    openValue: sumByCurrency(all.flatMap((s) => s.openValue)),
    weightedOpenValue: sumByCurrency(all.flatMap((s) => s.weightedOpenValue)),
    won,
    lost,
    wonValue: sumByCurrency(all.flatMap((s) => s.wonValue)),
    winRate: rate(won, won + lost),
    averageCycleDays: days(all.reduce((n, s) => n + s.cycleDaysTotal, 0), won),
  };
}
