// A streaming CSV reader over decoded text, numbering records as a spreadsheet numbers rows: a record
// is one row however many lines its quoted cells span, and a blank line is a row too. Pure: text in,
// records out. Written for what exports really contain: one stray quote must not swallow the rest
// of the file, so a quoted cell that crosses a line break and then meets what can only be the quote
// of a later cell (or the end of the file, or the quoted-cell limit) was a stray quote: that cell is
// read again as plain text up to the end of its own line, where its record ends, and marked so the
// import can say so. Linear in its input whatever the file: each push goes on where the last one
// stopped (a record cut by a push is never read again from its start), text read inside a stray
// quote is read again once at most, and a record is read no further than its limits (csv-record.ts).
import { CR, LF, QUOTE, isCellEnd, lineEnd, plainEnd, simpleQuotedCell, spacesEnd, type QuotedCell } from './csv-scan.ts';
import { READER_LIMITS, RecordBuilder, type CsvRecord, type ReaderLimits } from './csv-record.ts';
import { HeldText, strayLineCells } from './stray-quote.ts';

export { READER_LIMITS, describeLimit, type CsvRecord, type ReaderLimits, type RecordLimit } from './csv-record.ts';

// Where the reader is: the next character is read in this mode, so a push can end anywhere.
const CELL = 0; // a cell starts (or, with no record open, a record)
const PLAIN = 1; // inside an unquoted cell
const QUOTED = 2; // inside a quoted cell
const AFTER_QUOTE = 3; // past a quote in a quoted cell (and `spaces`): "" is a quote, a delimiter or line break closes the cell, else it is text
const AFTER_CR = 4; // a record ended at \r: a \n right after it belongs to that line break
const STRAY_LINE = 5; // a stray quote's cell that crossed no line yet: held until its line ends
const SKIP_LINE = 6; // a record past its length limit: it ends where its current line ends

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
  private readonly held = new HeldText();
  /** A quoted cell read in one go (cellsInOneGo). */
  private readonly cell: QuotedCell = { value: '', end: 0 };

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
        case AFTER_QUOTE: {
          if (this.spaces === '' && buf.charCodeAt(pos) === QUOTE) { // "" is a quote inside the cell
            this.value += '"';
            pos += 1;
            this.mode = QUOTED;
            break;
          }
          const i = spacesEnd(buf, pos, recordStop, this.delimiter);
          if (i === recordStop) {
            this.spaces += buf.slice(pos, i);
            pos = i;
          } else if (isCellEnd(buf.charCodeAt(i), this.delimiter)) {
            this.held.release();
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
          if (end < recordStop) this.endStrayLine(this.held.upTo(buf, end));
          pos = end < recordStop ? this.lineEnded(buf, end) : end;
          break;
        }
        default: { // SKIP_LINE
          const end = lineEnd(buf, pos, n);
          pos = end < n ? this.lineEnded(buf, end) : end;
        }
      }
    }
    this.held.keep(buf);
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
      case QUOTED: // the input ended inside quotes: a stray quote (what follows its line is read, then ends)
        this.strayQuote('', 0);
        this.finish();
        return;
      case STRAY_LINE:
        this.endStrayLine(this.held.upTo('', 0));
        break;
      case AFTER_CR:
        this.mode = CELL;
        return;
      case SKIP_LINE:
        break;
      default: // PLAIN, AFTER_QUOTE: the last cell ends with the input
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
        if (!simpleQuotedCell(buf, pos, Math.min(stop, pos + 1 + this.limits.quotedChars), d, this.cell)) return this.openQuoted(pos);
        record.add(this.cell.value);
        end = this.cell.end;
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

  /** A quoted cell starts at `pos`, read by the modes; its raw text is held in case it is a stray quote. */
  private openQuoted(pos: number): number {
    if (!this.record.open) this.record.begin(this.base + pos);
    this.mode = QUOTED;
    this.quoteAt = this.base + pos;
    this.crossedLine = false;
    this.held.start(pos);
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
   * decides it (nearly always), else left to AFTER_QUOTE; where reading goes on.
   */
  private afterQuote(buf: string, pos: number, q: number, stop: number): number {
    if (q + 1 < stop && buf.charCodeAt(q + 1) === QUOTE) {
      this.value += buf.slice(pos, q + 1);
      return q + 2;
    }
    const i = spacesEnd(buf, q + 1, stop, this.delimiter);
    if (i === stop) {
      this.value += buf.slice(pos, q);
      this.spaces = '';
      this.mode = AFTER_QUOTE;
      return q + 1;
    }
    if (!isCellEnd(buf.charCodeAt(i), this.delimiter)) { // a quote inside the text ("5" Pizza"): kept as text, as spreadsheets do
      this.value += buf.slice(pos, i);
      return i;
    }
    this.value += buf.slice(pos, q);
    this.held.release();
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
    this.held.release();
  }

  /** The record passed its length limit: nothing more of it is kept, and it ends with its current line. */
  private overLength(): void {
    this.record.cut();
    this.value = '';
    this.held.release();
    this.mode = SKIP_LINE;
  }

  /** The quoted cell being read is a stray quote, found out at `at`; where reading goes on. */
  private strayQuote(buf: string, at: number): number {
    if (!this.crossedLine) { // its line goes on past what was read: hold it to its end
      this.mode = STRAY_LINE;
      return at;
    }
    // Its record ends with its first line. The lines read inside the quotes after it are read again
    // as what they are: plain cells (a quote that opens a cell there would have been found out at),
    // so once only.
    const raw = this.held.upTo(buf, at);
    const lineBreak = lineEnd(raw, 1, raw.length);
    this.endStrayLine(raw.slice(0, lineBreak));
    this.emit();
    this.mode = raw.charCodeAt(lineBreak) === CR ? AFTER_CR : CELL;
    const rest = raw.slice(lineBreak + 1);
    const base = this.base;
    this.base = base + at - rest.length;
    this.prev = LF;
    this.read(rest);
    this.base = base;
    return at;
  }

  /** The stray quote's line (from the quote to the line's end) as the record's last cells. */
  private endStrayLine(raw: string): void {
    for (const cell of strayLineCells(raw.slice(1), this.delimiter)) this.record.add(cell);
    this.record.markStray();
    this.value = '';
    this.held.release();
  }
}
