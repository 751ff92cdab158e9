// The import's CSV reader alone (pure CPU, no database): its speed on the benchmark's file (its first
// 16 MB) against csv-parse's on the same text, and its time on one long line of 1 MB and of 2 MB,
// read whole (the record limit raised for it): linear when the 2 MB line takes twice the 1 MB one.
import { parse } from 'csv-parse/sync';
import { CsvReader, READER_LIMITS, type ReaderLimits } from '../core/leads/import/csv-reader.ts';
import type { Figure } from './support/report.ts';

/** The gateway decodes the bytes this many at a time and hands each piece to the reader (gateway/http/csv.ts). */
const SLICE = 8 * 1024;
const MB = 1024 * 1024;
/** The default limits but for a record's length: the long lines are read whole (past 500 columns, cells are counted). */
const WHOLE_LINE: ReaderLimits = { ...READER_LIMITS, recordChars: 8 * MB, quotedChars: 8 * MB };

function readAll(bytes: Buffer, limits: ReaderLimits = READER_LIMITS): number {
  const decoder = new TextDecoder();
  const reader = new CsvReader(',', limits);
  let records = 0;
  for (let at = 0; at < bytes.length; at += SLICE) records += reader.push(decoder.decode(bytes.subarray(at, at + SLICE), { stream: true })).length;
  return records + reader.end().length;
}

/** The least CPU time of `runs` runs, in ms (other processes on the machine move wall time, not this). */
function cpuMs(run: () => unknown, runs: number): number {
  let least = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    least = Math.min(least, (used.user + used.system) / 1000);
  }
  return least;
}

/** 1 MB and 2 MB of one kind of line: the times and their ratio. */
function lineRatio(name: string, line: (size: number) => string): string {
  const [one, two] = [MB, 2 * MB].map((size) => {
    const bytes = Buffer.from(line(size));
    readAll(bytes, WHOLE_LINE); // warmed up: the first run also compiles
    return cpuMs(() => readAll(bytes, WHOLE_LINE), 9);
  }) as [number, number];
  return `one line of ${name}, read whole: 1 MB in ${one.toFixed(1)} ms, 2 MB in ${two.toFixed(1)} ms, ratio ${(two / one).toFixed(2)} (2 = linear)`;
}

export function readerFigures(file: Buffer): { figures: Figure[]; notes: string[] } {
  const mb = file.length / 1e6;
  const ours = cpuMs(() => readAll(file), 5);
  const theirs = cpuMs(() => parse(file, { relax_quotes: true, relax_column_count: true }), 5);
  const cutLine = Buffer.alloc(5 * MB, 'y');
  const cut = cpuMs(() => readAll(cutLine), 3);
  return {
    figures: [{ metric: 'CSV reader on this file', product: (mb / ours) * 1000, baseline: (mb / theirs) * 1000, unit: 'MB/s', higherIsBetter: true, goal: 'baseline: csv-parse (sync) on the same text' }],
    notes: [
      lineRatio('cells of 16 characters', (size) => `${'abcdefghijklmno,'.repeat(size / 16)}\n`),
      lineRatio('one quoted cell', (size) => `"${'x'.repeat(size - 3)}"\n`),
      `a 5 MB line at the default limits (1 MB a record): ${cut.toFixed(1)} ms to read and report it`,
    ],
  };
}
