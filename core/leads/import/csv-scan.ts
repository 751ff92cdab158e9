// The character scans of the CSV reader (csv-reader.ts) and of a stray quote's line (stray-quote.ts).
// Each looks from a position up to a stop and no further: a push is never read past its end, nor a
// record past its limit.

export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** A delimiter or line break: what ends a cell. */
export const isCellEnd = (c: number, d: number): boolean => c === d || c === LF || c === CR;

/** Where an unquoted cell ends: the next delimiter or line break, or `stop`. */
export function plainEnd(buf: string, from: number, stop: number, d: number): number {
  for (let i = from; i < stop; i++) {
    const c = buf.charCodeAt(i);
    if (c === d || c === LF || c === CR) return i;
  }
  return stop;
}

/** The next line break, or `stop`. */
export function lineEnd(buf: string, from: number, stop: number): number {
  for (let i = from; i < stop; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return stop;
}

/** Past the spaces (and tabs, unless they delimit) from `from`, or `stop`. */
export function spacesEnd(buf: string, from: number, stop: number, d: number): number {
  let i = from;
  for (let c = buf.charCodeAt(i); i < stop && (c === SPACE || (c === TAB && d !== TAB)); c = buf.charCodeAt(++i));
  return i;
}

/** A quoted cell read in one go: its value, and where it ends (past its closing quote). */
export interface QuotedCell {
  value: string;
  end: number;
}

/**
 * The quoted cell at `start` into `cell` when it is simple: ""-quotes only, closed before `stop`
 * right before a delimiter or line break, and no quote inside after a delimiter or line break (it
 * may be a later cell's). False when it is not: the reader's modes decide.
 */
export function simpleQuotedCell(buf: string, start: number, stop: number, d: number, cell: QuotedCell): boolean {
  let value = '';
  for (let from = start + 1; ;) {
    const q = buf.indexOf('"', from);
    if (q < 0 || q + 1 >= stop || isCellEnd(buf.charCodeAt(q - 1), d)) return false;
    const after = buf.charCodeAt(q + 1);
    if (after !== QUOTE) {
      if (!isCellEnd(after, d)) return false;
      cell.value = value + buf.slice(from, q);
      cell.end = q + 1;
      return true;
    }
    value += buf.slice(from, q + 1); // "" is a quote inside the cell
    from = q + 2;
  }
}
