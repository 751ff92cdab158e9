// A CSV record as the reader (csv-reader.ts) puts it together cell by cell, within limits that keep
// a hostile file from costing more than its size: cells past the column limit are counted, not kept,
// and a record past the length limit keeps no cell at all. Either way the record says so. Pure.

export interface CsvRecord {
  /** The row as a spreadsheet shows it: the first record is row 1. */
  row: number;
  cells: string[];
  /** The record had an unmatched quote and was read as plain text up to its line's end. */
  strayQuote: boolean;
  /** The record broke a limit and was not read whole (its cells are cut or, for 'length', empty). */
  overLimit: RecordLimit | null;
}

/** The limit a record broke: 'columns', filled cells past it (`columns` counts up to the last of them); 'length', longer than it (characters). */
export type RecordLimit = { kind: 'columns'; columns: number; limit: number } | { kind: 'length'; limit: number };

export interface ReaderLimits {
  /** Cells kept per record; blank cells past it are dropped silently (spreadsheets export trailing empty columns). */
  columns: number;
  /** Characters a record may span, its line break included; past it the record ends at the end of its line. */
  recordChars: number;
  /** A quoted cell longer than this never closed: real notes are far shorter. */
  quotedChars: number;
}

/** More columns than a mapping takes (500) or a row longer than 1 MB is no lead's row. */
export const READER_LIMITS: ReaderLimits = { columns: 500, recordChars: 1024 * 1024, quotedChars: 256 * 1024 };

const NON_BLANK = /\S/;

/** What a record's broken limit means, after "row 12" or "header (row 1):". */
export function describeLimit(broken: RecordLimit): string {
  if (broken.kind === 'columns') return `has ${broken.columns} columns up to its last filled cell; at most ${broken.limit} are read`;
  const size = broken.limit >= 1024 * 1024 ? `${broken.limit / 1024 / 1024} MB` : `${broken.limit} characters`;
  return `is longer than ${size}; at most ${size} of a row is read`;
}

/** The record being read: its cells, what it broke, and where its length limit falls. */
export class RecordBuilder {
  /** A record is being read (its first character was). */
  open = false;
  /** The absolute position of the first character past the record's length limit. */
  limitAt = 0;
  tooLong = false;
  private row = 0;
  private cells: string[] = [];
  /** Cells past the column limit. */
  private beyond = 0;
  private filledBeyond = 0;
  private stray = false;
  private readonly maxColumns: number;
  private readonly maxChars: number;

  constructor(limits: ReaderLimits) {
    this.maxColumns = limits.columns;
    this.maxChars = limits.recordChars;
  }

  /** A record starts at the absolute position `at`. */
  begin(at: number): void {
    this.open = true;
    this.limitAt = at + this.maxChars;
  }

  add(value: string): void {
    if (this.cells.length < this.maxColumns) this.cells.push(value);
    else this.addBeyond(value);
  }

  /** A cell past the column limit: counted, not kept. */
  private addBeyond(value: string): void {
    this.beyond += 1;
    if (NON_BLANK.test(value)) this.filledBeyond = this.maxColumns + this.beyond;
  }

  markStray(): void {
    this.stray = true;
  }

  /** The record passed its length limit: none of its cells is kept. */
  cut(): void {
    this.tooLong = true;
    this.cells = [];
  }

  /** The finished record, numbered; the builder is ready for the next one. */
  take(): CsvRecord {
    this.row += 1;
    const overLimit: RecordLimit | null = this.tooLong ? { kind: 'length', limit: this.maxChars }
      : this.filledBeyond ? { kind: 'columns', columns: this.filledBeyond, limit: this.maxColumns } : null;
    const record: CsvRecord = { row: this.row, cells: this.tooLong ? [] : this.cells, strayQuote: this.stray, overLimit };
    this.open = false;
    this.cells = [];
    this.beyond = 0;
    this.filledBeyond = 0;
    this.stray = false;
    this.tooLong = false;
    return record;
  }
}
