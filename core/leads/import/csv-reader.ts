// A streaming CSV reader over decoded text, numbering records as a spreadsheet numbers rows: a record
// is one row however many lines its quoted cells span, and a blank line is a row too. Pure: text in,
// records out. Written for what exports really contain: one stray quote must not swallow the rest
// of the file, so a quoted cell that crosses a line break and then meets what can only be the quote
// of a later cell (or the end of the file, or the quoted-cell limit) was a stray quote: that cell is
// read again as plain text up to the end of its own line, where its record ends, and marked so the
// import can say so. Linear in its input whatever the file: each push goes on where the last one
// stopped (a record cut by a push is never read again from its start), text read inside a stray
// quote is read again once at most, and a record is read no further than its limits (csv-record.ts).
import { strayLineCells } from './csv-line.ts';
import { READER_LIMITS, RecordBuilder, type CsvRecord, type ReaderLimits } from './csv-record.ts';

export { READER_LIMITS, describeLimit, type CsvRecord, type ReaderLimits, type RecordLimit } from './csv-record.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

// Where the reader is: the next character is read in this mode, so a push can end anywhere.
const CELL = 0; // a cell starts (or, with no record open, a record)
const PLAIN = 1; // inside an unquoted cell
const QUOTED = 2; // inside a quoted cell
const QUOTE_SEEN = 3; // just past a quote inside a quoted cell: "" is a quote, else it may close the cell
const AFTER_QUOTE = 4; // past a quote and spaces: a delimiter or line break closes the cell, anything else makes it text
const AFTER_CR = 5; // a record ended at \r: a \n right after it belongs to that line break
const STRAY_LINE = 6; // a stray quote's cell that crossed no line yet: held until its line ends
const SKIP_LINE = 7; // a record past its length limit: it ends where its current line ends

export class CsvReader {
  private readonly delimiter: number;
  private readonly limits: ReaderLimits;
  private readonly record: RecordBuilder;
  private out: CsvRecord[] = [];
  private mode = CELL;
  /** Where the text being read starts in the whole input: positions kept across pushes are absolute. */
  private base = 0;
  /** The character before the text being read. */
  private prev = -1;
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
    this.record = new RecordBuilder(limits);
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
    const n = buf.length;
    const record = this.record;
    while (pos < n) {
      // Where the text ends, or sooner the record's limit: a record reaching it is cut there.
      const recordStop = record.open && !record.tooLong ? Math.min(n, record.limitAt - this.base) : n;
      if (pos >= recordStop) {
        this.overLength();
        continue;
      }
      switch (this.mode) {
        case CELL:
          pos = this.cellsInOneGo(buf, pos);
          break;
        case PLAIN: {
          const end = plainEnd(buf, pos, recordStop, this.delimiter);
          this.value += buf.slice(pos, end);
          pos = end < recordStop ? this.cellEnd(buf, end) : end;
          break;
        }
        case QUOTED:
          pos = this.quoted(buf, pos, recordStop);
          break;
        case QUOTE_SEEN:
          if (buf.charCodeAt(pos) === QUOTE) { // "" is a quote inside the cell
            this.value += '"';
            pos += 1;
            this.mode = QUOTED;
          } else {
            this.spaces = '';
            this.mode = AFTER_QUOTE;
          }
          break;
        case AFTER_QUOTE: {
          const i = spacesEnd(buf, pos, recordStop, this.delimiter);
          if (i === recordStop) {
            this.spaces += buf.slice(pos, i);
            pos = i;
          } else if (isCellEnd(buf.charCodeAt(i), this.delimiter)) {
            this.release();
            pos = this.cellEnd(buf, i);
          } else { // a quote inside the text ("5" Pizza"): kept as text, as spreadsheets do
            this.value += '"' + this.spaces + buf.slice(pos, i);
            pos = i;
            this.mode = QUOTED;
          }
          break;
        }
        case AFTER_CR:
          if (buf.charCodeAt(pos) === LF) pos += 1;
          this.mode = CELL;
          break;
        case STRAY_LINE: {
          const end = lineEnd(buf, pos, recordStop);
          if (end < recordStop) this.endStrayLine(this.heldText(buf, end));
          pos = end < recordStop ? this.lineEnded(buf, end) : end;
          break;
        }
        default: { // SKIP_LINE
          const end = lineEnd(buf, pos, n);
          pos = end < n ? this.lineEnded(buf, end) : end;
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
        if (!this.record.open) return;
        this.record.add(''); // the line ended with a delimiter
        break;
      case QUOTED: { // the input ended inside quotes: a stray quote
        const raw = this.heldText('', 0);
        if (!this.crossedLine) {
          this.endStrayLine(raw);
          break;
        }
        const rest = this.endStrayCell(raw);
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
        this.record.add(this.value);
    }
    this.emit();
    this.mode = CELL;
  }

  /**
   * The common case read in one go: cells and records after records, unquoted, or quoted and closed
   * right before a delimiter or line break. Anything else (the text's end, a limit, a quote that may
   * be a later cell's) is left to the modes, from where its cell starts.
   */
  private cellsInOneGo(buf: string, pos: number): number {
    const d = this.delimiter;
    const n = buf.length;
    const record = this.record;
    if (!record.open) record.begin(this.base + pos);
    let stop = Math.min(n, record.limitAt - this.base);
    for (;;) {
      if (pos >= stop) break; // the record's limit: the main loop cuts it
      let end: number;
      if (buf.charCodeAt(pos) === QUOTE) {
        end = this.simpleQuoted(buf, pos, Math.min(stop, pos + 1 + this.limits.quotedChars));
        if (end < 0) return this.openQuoted(pos);
        record.add(this.value);
        this.value = '';
      } else {
        end = plainEnd(buf, pos, stop, d);
        if (end === stop) { // the text's end or the record's limit: decided on the next turn
          this.value = buf.slice(pos, end);
          this.mode = PLAIN;
          return end;
        }
        record.add(buf.slice(pos, end));
      }
      const c = buf.charCodeAt(end);
      pos = end + 1;
      if (c !== d) {
        this.out.push(record.take());
        if (c === CR) {
          this.mode = AFTER_CR;
          return pos;
        }
      }
      if (pos === n) break;
      if (!record.open) {
        record.begin(this.base + pos);
        stop = Math.min(n, record.limitAt - this.base);
      }
    }
    this.mode = CELL;
    return pos;
  }

  /**
   * The quoted cell at `start` when it is simple: ""-quotes only, closed before `stop` right before a
   * delimiter or line break, and no quote inside after a delimiter or line break (it may be a later
   * cell's). Its value in this.value, and where it ends; else -1: the modes decide.
   */
  private simpleQuoted(buf: string, start: number, stop: number): number {
    const d = this.delimiter;
    let value = '';
    for (let from = start + 1; ;) {
      const q = buf.indexOf('"', from);
      if (q < 0 || q + 1 >= stop || isCellEnd(buf.charCodeAt(q - 1), d)) return -1;
      const after = buf.charCodeAt(q + 1);
      if (after !== QUOTE) {
        if (!isCellEnd(after, d)) return -1;
        this.value = value + buf.slice(from, q);
        return q + 1;
      }
      value += buf.slice(from, q + 1); // "" is a quote inside the cell
      from = q + 2;
    }
  }

  /** A quoted cell starts at `pos`, read by the modes; its raw text is held in case it is a stray quote. */
  private openQuoted(pos: number): number {
    if (!this.record.open) this.record.begin(this.base + pos);
    this.mode = QUOTED;
    this.quoteAt = this.base + pos;
    this.crossedLine = false;
    this.holding = true;
    this.holdFrom = pos;
    return pos + 1;
  }

  /** Inside a quoted cell from `pos`: up to its next quote, a limit, or the text's end. */
  private quoted(buf: string, pos: number, recordStop: number): number {
    const d = this.delimiter;
    const quotedStop = this.quoteAt + this.limits.quotedChars + 1 - this.base;
    if (pos >= quotedStop) return this.strayQuote(buf, pos);
    const stop = Math.min(recordStop, quotedStop);
    let q = buf.indexOf('"', pos);
    if (q < 0 || q > stop) q = stop;
    if (!this.crossedLine && lineEnd(buf, pos, q) < q) this.crossedLine = true;
    if (q === stop) { // the text's end, or a limit: decided on the next turn
      this.value += buf.slice(pos, stop);
      return stop;
    }
    // After a line break, a quote that opens a cell (it follows a delimiter or starts a line)
    // means this cell's quote never closed: it is a later cell's quote.
    const before = q > 0 ? buf.charCodeAt(q - 1) : this.prev;
    if (this.crossedLine && isCellEnd(before, d)) return this.strayQuote(buf, q);
    return this.afterQuote(buf, pos, q, recordStop);
  }

  /**
   * At the quote `q` of a quoted cell read from `pos`: "" is a quote, a delimiter or line break after
   * it (and spaces) closes the cell, anything else makes it text. Decided here when the text has what
   * decides it (nearly always), else left to QUOTE_SEEN and AFTER_QUOTE; where reading goes on.
   */
  private afterQuote(buf: string, pos: number, q: number, stop: number): number {
    if (q + 1 < stop && buf.charCodeAt(q + 1) === QUOTE) {
      this.value += buf.slice(pos, q + 1);
      return q + 2;
    }
    const i = spacesEnd(buf, q + 1, stop, this.delimiter);
    if (i === stop) {
      this.value += buf.slice(pos, q);
      this.mode = QUOTE_SEEN;
      return q + 1;
    }
    if (!isCellEnd(buf.charCodeAt(i), this.delimiter)) { // a quote inside the text ("5" Pizza"): kept as text, as spreadsheets do
      this.value += buf.slice(pos, i);
      return i;
    }
    this.value += buf.slice(pos, q);
    this.release();
    return this.cellEnd(buf, i);
  }

  /** Ends the cell at the delimiter or line break at `at`; where reading goes on. */
  private cellEnd(buf: string, at: number): number {
    this.record.add(this.value);
    this.value = '';
    if (buf.charCodeAt(at) === this.delimiter) {
      this.mode = CELL;
      return at + 1;
    }
    return this.lineEnded(buf, at);
  }

  /** The record ends at the line break at `at`; where reading goes on. */
  private lineEnded(buf: string, at: number): number {
    this.emit();
    this.mode = buf.charCodeAt(at) === CR ? AFTER_CR : CELL;
    return at + 1;
  }

  private emit(): void {
    this.out.push(this.record.take());
    this.value = '';
    this.release();
  }

  private release(): void {
    this.holding = false;
    if (this.held.length) this.held = [];
  }

  /** The record passed its length limit: nothing more of it is kept, and it ends with its current line. */
  private overLength(): void {
    this.record.cut();
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
    return at;
  }

  /** Ends a stray quote's cell that crossed a line at that line's end; the text after the line break. */
  private endStrayCell(raw: string): string {
    const end = lineEnd(raw, 1, raw.length);
    this.endStrayLine(raw.slice(0, end));
    this.mode = raw.charCodeAt(end) === CR ? AFTER_CR : CELL;
    return raw.slice(end + 1);
  }

  /** The stray quote's line (from the quote to the line's end) as the record's last cells. */
  private endStrayLine(raw: string): void {
    for (const cell of strayLineCells(raw.slice(1), this.delimiter)) this.record.add(cell);
    this.record.markStray();
    this.value = '';
    this.release();
  }

  /** The held raw text of the quoted cell up to `at` of the current text. */
  private heldText(buf: string, at: number): string {
    const tail = this.holding ? buf.slice(this.holdFrom, at) : '';
    return this.held.length ? this.held.join('') + tail : tail;
  }
}

const isCellEnd = (c: number, d: number): boolean => c === d || c === LF || c === CR;

/** Where an unquoted cell ends: the next delimiter or line break, or `stop`. */
function plainEnd(buf: string, from: number, stop: number, d: number): number {
  for (let i = from; i < stop; i++) {
    const c = buf.charCodeAt(i);
    if (c === d || c === LF || c === CR) return i;
  }
  return stop;
}

/** The next line break, or `stop`. */
function lineEnd(buf: string, from: number, stop: number): number {
  for (let i = from; i < stop; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return stop;
}

/** Past the spaces (and tabs, unless they delimit) from `from`, or `stop`. */
function spacesEnd(buf: string, from: number, stop: number, d: number): number {
  let i = from;
  for (let c = buf.charCodeAt(i); i < stop && (c === SPACE || (c === TAB && d !== TAB)); c = buf.charCodeAt(++i));
  return i;
}
