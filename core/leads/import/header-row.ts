// Which row is the header. Most files start with it; some exports put lines above it (LinkedIn's
// Connections.csv opens with "Notes:" and a paragraph; report exports with a title). The header is
// the first of the first rows that names at least two known columns (or is too big to read whole),
// else the first non-blank row.
import type { CsvRecord } from './csv-record.ts';
import { knownHeader } from '../csv-columns.ts';
import { isBlankRow } from './lead-row.ts';

/** Rows looked at for a header before settling for the first non-blank one. */
export const HEADER_SEARCH_ROWS = 12;

export interface FoundHeader {
  header: CsvRecord;
  /** Rows above the header (skipped, not data). */
  above: number;
  /** Rows already read past the header: the first data rows. */
  after: CsvRecord[];
}

function knownColumns(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) if (knownHeader(cell) !== null) n += 1;
  return n;
}

/** Fed row by row until it finds the header; `headerRow` (from the caller) decides instead when given. */
export class HeaderFinder {
  private readonly held: CsvRecord[] = [];

  constructor(private readonly headerRow: number | null = null) {}

  offer(record: CsvRecord): FoundHeader | null {
    this.held.push(record);
    if (this.headerRow !== null) return record.row >= this.headerRow ? this.pick(this.held.length - 1) : null;
    // A row too long or too wide to read whole is where the header is: nothing above a header is that big.
    if (record.overLimit || (!isBlankRow(record.cells) && knownColumns(record.cells) >= 2)) return this.pick(this.held.length - 1);
    return this.held.length >= HEADER_SEARCH_ROWS ? this.fallback() : null;
  }

  /** At the end of a short file: what was held decides. */
  finish(): FoundHeader | null {
    return this.headerRow !== null ? null : this.fallback();
  }

  private fallback(): FoundHeader | null {
    const first = this.held.findIndex((record) => !isBlankRow(record.cells));
    return first < 0 ? null : this.pick(first);
  }

  private pick(index: number): FoundHeader {
    const header = this.held[index] as CsvRecord;
    return { header, above: index, after: this.held.slice(index + 1) };
  }
}
