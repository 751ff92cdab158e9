// A streaming CSV reader over decoded text, numbering records as a spreadsheet numbers rows: a record
// is one row however many lines its quoted cells span, and a blank line is a row too. Pure: text in,
// records out. Written for what exports really contain: one stray quote must not swallow the rest
// of the file, so a quoted cell that crosses a line break and then meets what can only be the quote
// of a later cell (or the end of the file, or MAX_QUOTED_CHARS) was a stray quote: that cell is read
// again as plain text up to the end of its own line, where its record ends, and marked so the import
// can say so. Linear in its input whatever the file: each push goes on where the last one stopped (a
// record cut by a push is never read again from its start), and a record is read no further than
// the limits below (the record says which one it broke).
import { strayLineCells } from './csv-line.ts';

export interface CsvRecord {
  /** The row as a spreadsheet shows it: the first record is row 1. */
  row: number;
  cells: string[];
  /** The record had an unmatched quote and was read as plain text up to its line's end. */
  strayQuote: boolean;
  /** The record broke a limit and was not read whole (its cells are cut or, for 'length', empty). */
  overLimit: RecordLimit | null;
}

/** 'columns': non-blank cells past `limits.columns` (`columns` counts up to the last of them); 'length': longer than `limits.recordChars`. */
export type RecordLimit = { kind: 'columns'; columns: number } | { kind: 'length' };

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

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const NON_BLANK = /\S/;
const TOO_LONG: RecordLimit = { kind: 'length' };

// Where the reader is: the next character is read in this mode, so a push can end anywhere.
const CELL = 0; // a cell starts (or, with no record open, a record)
const PLAIN = 1; // inside an unquoted cell
const QUOTED = 2; // inside a quoted cell
const QUOTE_SEEN = 3; // just past a quote inside a quoted cell: "" is a quote, else it may close the cell
const AFTER_QUOTE = 4; // past a quote and spaces: a delimiter or line break closes the cell, anything else makes it text
const AFTER_CR = 5; // a record ended at \r: a \n right after it belongs to that line break
const STRAY_LINE = 6; // a stray quote's cell that crossed no line yet: held until its line ends
const SKIP_LINE = 7; // a record past recordChars: it ends where its current line ends

export class CsvReader {
  private readonly delimiter: number;
  private readonly limits: ReaderLimits;
  private out: CsvRecord[] = [];
  private row = 0;
  private mode = CELL;
  /** Where the text being read starts in the whole input: positions kept across pushes are absolute. */
  private base = 0;
  /** The character before the text being read. */
  private prev = -1;
  // The record being read.
  private open = false;
  private recordEnd = 0;
  private cells: string[] = [];
  private columns = 0;
  private filledBeyond = 0;
  private stray = false;
  private tooLong = false;
  // The cell being read, and for a quoted one its raw text from the quote, held in case it was a stray quote.
  private value = '';
  private spaces = '';
  private quoteAt = 0;
  private crossedLine = false;
  private held: string[] = [];
  private holding = false;
  private holdFrom = 0;

  constructor(delimiter: string, limits: ReaderLimits = READER_LIMITS) {
    this.delimiter = delimiter.charCodeAt(0);
    this.limits = limits;
  }

  /** The records completed by this text; the rest waits for the next call (or for end()). */
  push(text: string): CsvRecord[] {
    this.out = [];
    this.read(text);
    return this.out;
  }

  /** The last records, at the end of the input. */
  end(): CsvRecord[] {
    this.out = [];
    this.finish();
    return this.out;
  }

  /** Reads all of `buf` (absolute position this.base) from `pos`, leaving the mode for what follows. */
  private read(buf: string, pos = 0): void {
    const d = this.delimiter;
    const n = buf.length;
    while (pos < n) {
      // A record reaching its limit (any of its characters, its line break included) is cut there.
      const recordStop = this.open && !this.tooLong ? this.recordEnd - this.base : n;
      if (pos >= recordStop) {
        this.overLength();
        continue;
      }
      switch (this.mode) {
        case CELL: {
          if (buf.charCodeAt(pos) !== QUOTE) {
            pos = this.plainCells(buf, pos);
            break;
          }
          if (!this.open) this.begin(pos);
          this.mode = QUOTED;
          this.quoteAt = this.base + pos;
          this.crossedLine = false;
          this.holding = true;
          this.holdFrom = pos;
          pos += 1;
          break;
        }
        case PLAIN: {
          const stop = Math.min(n, recordStop);
          const end = plainEnd(buf, pos, stop, d);
          this.value += buf.slice(pos, end);
          pos = end < stop ? this.cellEnd(buf, end) : end;
          break;
        }
        case QUOTED: {
          const quotedStop = this.quoteAt + this.limits.quotedChars + 1 - this.base;
          if (pos >= quotedStop) {
            pos = this.strayQuote(buf, pos);
            break;
          }
          const stop = Math.min(n, recordStop, quotedStop);
          let q = buf.indexOf('"', pos);
          if (q < 0 || q > stop) q = stop;
          if (!this.crossedLine && hasLineBreak(buf, pos, q)) this.crossedLine = true;
          if (q === stop) { // the text's end, or a limit: decided on the next turn
            this.value += buf.slice(pos, stop);
            pos = stop;
            break;
          }
          // After a line break, a quote that opens a cell (it follows a delimiter or starts a line)
          // means this cell's quote never closed: it is a later cell's quote.
          const before = q > 0 ? buf.charCodeAt(q - 1) : this.prev;
          if (this.crossedLine && (before === d || before === LF || before === CR)) {
            pos = this.strayQuote(buf, q);
            break;
          }
          pos = this.afterQuote(buf, pos, q, Math.min(n, recordStop));
          break;
        }
        case QUOTE_SEEN: {
          if (buf.charCodeAt(pos) === QUOTE) { // "" is a quote inside the cell
            this.value += '"';
            pos += 1;
            this.mode = QUOTED;
          } else {
            this.spaces = '';
            this.mode = AFTER_QUOTE;
          }
          break;
        }
        case AFTER_QUOTE: {
          const stop = Math.min(n, recordStop);
          let i = pos;
          for (let c = buf.charCodeAt(i); i < stop && (c === SPACE || (c === TAB && d !== TAB)); c = buf.charCodeAt(++i));
          if (i === stop) {
            this.spaces += buf.slice(pos, i);
            pos = i;
            break;
          }
          const c = buf.charCodeAt(i);
          if (c === d || c === LF || c === CR) {
            this.release();
            pos = this.cellEnd(buf, i);
          } else { // a quote inside the text ("5" Pizza"): kept as text, as spreadsheets do
            this.value += '"' + this.spaces + buf.slice(pos, i);
            pos = i;
            this.mode = QUOTED;
          }
          break;
        }
        case AFTER_CR: {
          if (buf.charCodeAt(pos) === LF) pos += 1;
          this.mode = CELL;
          break;
        }
        case STRAY_LINE: {
          const stop = Math.min(n, recordStop);
          const end = lineEnd(buf, pos, stop);
          if (end === stop) {
            pos = end;
            break;
          }
          this.endStrayLine(this.heldText(buf, end));
          this.emit();
          this.mode = buf.charCodeAt(end) === CR ? AFTER_CR : CELL;
          pos = end + 1;
          break;
        }
        default: { // SKIP_LINE
          const end = lineEnd(buf, pos, n);
          if (end === n) {
            pos = end;
            break;
          }
          this.emit();
          this.mode = buf.charCodeAt(end) === CR ? AFTER_CR : CELL;
          pos = end + 1;
        }
      }
    }
    if (this.holding) {
      this.held.push(this.holdFrom === 0 ? buf : buf.slice(this.holdFrom));
      this.holdFrom = 0;
    }
    if (n) this.prev = buf.charCodeAt(n - 1);
    this.base += n;
  }

  /** At the end of the input: the record being read, if any. */
  private finish(): void {
    switch (this.mode) {
      case CELL:
        if (!this.open) return;
        this.addCell(''); // the line ended with a delimiter
        break;
      case QUOTED: { // the input ended inside quotes: a stray quote
        const raw = this.heldText('', 0);
        const rest = this.crossedLine ? this.endStrayCell(raw) : null;
        if (rest === null) {
          this.endStrayLine(raw);
          break;
        }
        this.emit();
        this.base -= rest.length;
        this.prev = LF;
        this.read(rest);
        this.finish();
        return;
      }
      case STRAY_LINE:
        this.endStrayLine(this.heldText('', 0));
        break;
      case AFTER_CR:
        this.mode = CELL;
        return;
      case SKIP_LINE:
        break;
      default: // PLAIN, QUOTE_SEEN, AFTER_QUOTE: the last cell ends with the input
        this.addCell(this.value);
    }
    this.emit();
    this.mode = CELL;
  }

  /**
   * At the quote `q` of a quoted cell read from `pos`: "" is a quote, a delimiter or line break after
   * it (and spaces) closes the cell, anything else makes it text. Decided here when the text has what
   * decides it (nearly always), else left to QUOTE_SEEN and AFTER_QUOTE; where reading goes on.
   */
  private afterQuote(buf: string, pos: number, q: number, stop: number): number {
    const d = this.delimiter;
    let i = q + 1;
    if (i < stop && buf.charCodeAt(i) === QUOTE) {
      this.value += buf.slice(pos, i);
      return i + 1;
    }
    for (let c = buf.charCodeAt(i); i < stop && (c === SPACE || (c === TAB && d !== TAB)); c = buf.charCodeAt(++i));
    if (i === stop) {
      this.value += buf.slice(pos, q);
      this.mode = QUOTE_SEEN;
      return q + 1;
    }
    const c = buf.charCodeAt(i);
    if (c !== d && c !== LF && c !== CR) { // a quote inside the text ("5" Pizza"): kept as text, as spreadsheets do
      this.value += buf.slice(pos, i);
      return i;
    }
    this.value += buf.slice(pos, q);
    this.release();
    return this.cellEnd(buf, i);
  }

  /** Unquoted cells, records after records, the common case read in one go: up to a quote, a limit or the text's end. */
  private plainCells(buf: string, pos: number): number {
    const d = this.delimiter;
    const n = buf.length;
    for (;;) {
      if (!this.open) this.begin(pos);
      const stop = Math.min(n, this.recordEnd - this.base);
      const end = plainEnd(buf, pos, stop, d);
      if (end === stop) { // the text's end or the record's limit: decided on the next turn
        this.value = buf.slice(pos, end);
        this.mode = PLAIN;
        return end;
      }
      this.addCell(buf.slice(pos, end));
      const c = buf.charCodeAt(end);
      pos = end + 1;
      if (c !== d) {
        this.emit();
        if (c === CR) {
          this.mode = AFTER_CR;
          return pos;
        }
      }
      if (pos === n || buf.charCodeAt(pos) === QUOTE) {
        this.mode = CELL;
        return pos;
      }
    }
  }

  private begin(pos: number): void {
    this.open = true;
    this.recordEnd = this.base + pos + this.limits.recordChars;
  }

  /** Ends the cell at the delimiter or line break at `at`; where reading goes on. */
  private cellEnd(buf: string, at: number): number {
    this.addCell(this.value);
    this.value = '';
    const c = buf.charCodeAt(at);
    if (c === this.delimiter) this.mode = CELL;
    else {
      this.emit();
      this.mode = c === CR ? AFTER_CR : CELL;
    }
    return at + 1;
  }

  private addCell(value: string): void {
    if (this.columns < this.limits.columns) this.cells.push(value);
    else if (NON_BLANK.test(value)) this.filledBeyond = this.columns + 1;
    this.columns += 1;
  }

  private emit(): void {
    this.row += 1;
    const overLimit = this.tooLong ? TOO_LONG : this.filledBeyond ? { kind: 'columns' as const, columns: this.filledBeyond } : null;
    this.out.push({ row: this.row, cells: this.tooLong ? [] : this.cells, strayQuote: this.stray, overLimit });
    this.open = false;
    this.cells = [];
    this.columns = 0;
    this.filledBeyond = 0;
    this.stray = false;
    this.tooLong = false;
    this.value = '';
    this.release();
  }

  private release(): void {
    this.holding = false;
    if (this.held.length) this.held = [];
  }

  /** The record passed recordChars: nothing more of it is kept, and it ends with its current line. */
  private overLength(): void {
    this.tooLong = true;
    this.cells = [];
    this.value = '';
    this.release();
    this.mode = SKIP_LINE;
  }

  /** The quoted cell being read is a stray quote, found out at `at`; where reading goes on. */
  private strayQuote(buf: string, at: number): number {
    if (!this.crossedLine) { // its line goes on past what was read: hold it to its end
      this.mode = STRAY_LINE;
      return at;
    }
    const rest = this.endStrayCell(this.heldText(buf, at));
    this.emit();
    // The lines read inside the quotes after the cell's own line are read again as what they are:
    // plain cells (a quote that opens a cell there would have been found out at), so once only.
    const base = this.base;
    this.base = base + at - rest.length;
    this.prev = LF;
    this.read(rest);
    this.base = base;
    if (this.holding) this.holdFrom = at;
    return at;
  }

  /** Ends a stray quote's cell that crossed a line at that line's end; the text after the line break. */
  private endStrayCell(raw: string): string {
    let end = 1;
    for (let c = raw.charCodeAt(end); c !== LF && c !== CR; c = raw.charCodeAt(++end));
    this.endStrayLine(raw.slice(0, end));
    if (raw.charCodeAt(end) === CR) {
      this.mode = AFTER_CR;
      return raw.slice(end + 1);
    }
    this.mode = CELL;
    return raw.slice(end + 1);
  }

  /** The stray quote's line (from the quote to the line's end) as the record's last cells. */
  private endStrayLine(raw: string): void {
    for (const cell of strayLineCells(raw.slice(1), this.delimiter)) this.addCell(cell);
    this.stray = true;
    this.value = '';
    this.release();
  }

  /** The held raw text of the quoted cell up to `at` of the current text. */
  private heldText(buf: string, at: number): string {
    const tail = this.holding ? buf.slice(this.holdFrom, at) : '';
    return this.held.length ? this.held.join('') + tail : tail;
  }
}

/** Where an unquoted cell ends: the next delimiter or line break, or `stop`. */
function plainEnd(buf: string, from: number, stop: number, d: number): number {
  for (let i = from; i < stop; i++) {
    const c = buf.charCodeAt(i);
    if (c === d || c === LF || c === CR) return i;
  }
  return stop;
}

function lineEnd(buf: string, from: number, stop: number): number {
  for (let i = from; i < stop; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return stop;
}

function hasLineBreak(buf: string, from: number, to: number): boolean {
  return lineEnd(buf, from, to) < to;
}
