// A streaming CSV reader over decoded text, numbering records as a spreadsheet numbers rows: a record
// is one row however many lines its quoted cells span, and a blank line is a row too. Pure: text in,
// records out. Written for what exports really contain: one stray quote must not swallow the rest
// of the file, so a quoted cell that crosses a line break and then meets what can only be the quote
// of a later cell (or the end of the file) was a stray quote: its record is read again, that quote
// as text and the record ending at its own line, and marked so the import can say so.

export interface CsvRecord {
  /** The row as a spreadsheet shows it: the first record is row 1. */
  row: number;
  cells: string[];
  /** The record had an unmatched quote and was read as plain text up to its line's end. */
  strayQuote: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
/** A quoted cell longer than this never closed: real notes are far shorter. */
export const MAX_QUOTED_CHARS = 256 * 1024;

type Parsed = { cells: string[]; end: number; strayQuote: boolean } | 'more' | 'stray';

export class CsvReader {
  private buffer = '';
  private row = 0;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The records completed by this text; the rest waits for the next call (or for end()). */
  push(text: string): CsvRecord[] {
    this.buffer = this.buffer.length ? this.buffer + text : text;
    return this.drain(false);
  }

  /** The last records, at the end of the input. */
  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(last: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const buf = this.buffer;
    let pos = 0;
    while (pos < buf.length) {
      let parsed = this.record(buf, pos, last, false);
      if (parsed === 'stray') parsed = this.record(buf, pos, last, true); // never 'stray' when line-bound
      if (parsed === 'more' || parsed === 'stray') break;
      this.row += 1;
      out.push({ row: this.row, cells: parsed.cells, strayQuote: parsed.strayQuote });
      pos = parsed.end;
    }
    this.buffer = pos >= buf.length ? '' : buf.slice(pos);
    return out;
  }

  /**
   * One record from `start`. `lineBound`: quotes never carry a cell past the line's end (the second
   * reading of a record with a stray quote). 'more' asks for more text; 'stray' for a second reading.
   */
  private record(buf: string, start: number, last: boolean, lineBound: boolean): Parsed {
    const d = this.delimiter;
    const cells: string[] = [];
    let pos = start;
    let strayQuote = false;
    for (;;) {
      let value: string;
      if (buf.charCodeAt(pos) === QUOTE) {
        const quoted = this.quoted(buf, pos, last, lineBound);
        if (quoted === 'more' || quoted === 'stray') return quoted;
        if (quoted === 'unclosed') {
          // Line-bound and never closed on this line: the quote is text, the cell runs to the next delimiter.
          strayQuote = true;
          const end = plainEnd(buf, pos + 1, d);
          value = buf.slice(pos + 1, end);
          pos = end;
        } else {
          value = quoted.value;
          pos = quoted.end;
        }
      } else {
        const end = plainEnd(buf, pos, d);
        if (end === buf.length && !last) return 'more';
        value = buf.slice(pos, end);
        pos = end;
      }
      cells.push(value);
      const c = buf.charCodeAt(pos);
      if (c === d) {
        pos += 1;
        if (pos === buf.length && !last) return 'more';
        if (pos === buf.length) {
          cells.push('');
          return { cells, end: pos, strayQuote };
        }
        continue;
      }
      if (c === CR) {
        if (pos + 1 === buf.length && !last) return 'more'; // a \n may follow in the next text
        return { cells, end: buf.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1, strayQuote };
      }
      if (c === LF) return { cells, end: pos + 1, strayQuote };
      return { cells, end: pos, strayQuote }; // end of input
    }
  }

  /** A quoted cell from the quote at `start`: its value and where it ends (at a delimiter, line end or the input's end). */
  private quoted(buf: string, start: number, last: boolean, lineBound: boolean): { value: string; end: number } | 'more' | 'stray' | 'unclosed' {
    const d = this.delimiter;
    let value = '';
    let from = start + 1;
    const lineEnd = lineBound ? lineEndFrom(buf, start) : -1;
    let crossedLine = false;
    for (;;) {
      const q = buf.indexOf('"', from);
      const limit = lineBound ? lineEnd : buf.length;
      if (q < 0 || q >= limit) {
        if (lineBound) return 'unclosed';
        if (!last && buf.length - start <= MAX_QUOTED_CHARS) return 'more';
        return 'stray'; // the input ended inside quotes, or the cell would be absurdly long
      }
      if (!crossedLine && hasLineBreak(buf, from, q)) crossedLine = true;
      if (q - start > MAX_QUOTED_CHARS) return 'stray';
      if (q + 1 === buf.length && !last) return 'more';
      // After a line break, a quote that opens a cell (it follows a delimiter or starts a line)
      // means the first quote never closed: this is a later cell's quote.
      const before = buf.charCodeAt(q - 1);
      if (crossedLine && (before === d || before === LF || before === CR) && q - 1 > start) return 'stray';
      const next = buf.charCodeAt(q + 1);
      if (next === QUOTE) { // "" is a quote inside the cell
        value += buf.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      let after = q + 1;
      while (buf.charCodeAt(after) === SPACE || (buf.charCodeAt(after) === TAB && d !== TAB)) after += 1;
      const a = buf.charCodeAt(after);
      if (after >= buf.length || a === d || a === LF || a === CR) {
        if (after >= buf.length && !last) return 'more';
        return { value: value + buf.slice(from, q), end: after };
      }
      // A quote inside the text ("5" Pizza"): kept as text, as spreadsheets do.
      value += buf.slice(from, q + 1);
      from = q + 1;
    }
  }
}

/** Where an unquoted cell ends: the next delimiter or line break, or the input's end. */
function plainEnd(buf: string, from: number, d: number): number {
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === d || c === LF || c === CR) return i;
  }
  return buf.length;
}

function lineEndFrom(buf: string, from: number): number {
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return buf.length;
}

function hasLineBreak(buf: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF || c === CR) return true;
  }
  return false;
}
