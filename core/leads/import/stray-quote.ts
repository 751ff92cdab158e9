// What the CSV reader (csv-reader.ts) needs to read a stray quote again: the raw text held since the
// quote, across pushes, and the cells of the quote's line, read so that no quote carries a cell past
// the line's end: the stray quote's own cell is plain text up to the next delimiter, and a later
// quoted cell that does not close on the line is plain text too, its quote left out. Linear: a scan
// for a closing quote that reaches a point an earlier scan went through without closing stops there.
import { QUOTE, spacesEnd } from './csv-scan.ts';

/** The raw text of the quoted cell being read, from its quote: held until the cell closes. */
export class HeldText {
  private pieces: string[] = [];
  private holding = false;
  private from = 0;

  /** Holds the current text from `pos` on. */
  start(pos: number): void {
    this.holding = true;
    this.from = pos;
  }

  /** At the end of a push: keeps what the current text added. */
  keep(buf: string): void {
    if (!this.holding) return;
    this.pieces.push(this.from === 0 ? buf : buf.slice(this.from));
    this.from = 0;
  }

  /** The held text up to `at` of the current text. */
  upTo(buf: string, at: number): string {
    const tail = this.holding ? buf.slice(this.from, at) : '';
    return this.pieces.length ? this.pieces.join('') + tail : tail;
  }

  release(): void {
    this.holding = false;
    if (this.pieces.length) this.pieces = [];
  }
}

/** `line`: the text after the stray quote up to (not including) its line break. */
export function strayLineCells(line: string, d: number): string[] {
  const cells: string[] = [];
  let unclosed: Uint8Array | null = null;
  let pos = 0;
  for (let first = true; ; first = false) {
    let end: number;
    if (!first && line.charCodeAt(pos) === QUOTE) {
      const closed = closeOnLine(line, pos, d, (unclosed ??= new Uint8Array(line.length + 1)));
      if (closed) {
        cells.push(closed.value);
        end = closed.end;
      } else {
        end = cellEnd(line, pos + 1, d);
        cells.push(line.slice(pos + 1, end));
      }
    } else {
      end = cellEnd(line, pos, d);
      cells.push(line.slice(pos, end));
    }
    if (end >= line.length) return cells;
    pos = end + 1; // past the delimiter
  }
}

/**
 * The quoted cell from the quote at `start`, if it closes on the line: its value and where it ends.
 * `seen` marks where scans went on from; a closing scan's marks all lie before later cells, so a
 * mark met again belongs to a scan that ran off the line, as this one will.
 */
function closeOnLine(line: string, start: number, d: number, seen: Uint8Array): { value: string; end: number } | null {
  let value = '';
  let from = start + 1;
  for (;;) {
    if (seen[from]) return null;
    seen[from] = 1;
    const q = line.indexOf('"', from);
    if (q < 0) return null;
    if (line.charCodeAt(q + 1) === QUOTE) { // "" is a quote inside the cell
      value += line.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    const after = spacesEnd(line, q + 1, line.length, d);
    if (after >= line.length || line.charCodeAt(after) === d) return { value: value + line.slice(from, q), end: after };
    value += line.slice(from, q + 1); // a quote inside the text
    from = q + 1;
  }
}

function cellEnd(line: string, from: number, d: number): number {
  const end = line.indexOf(String.fromCharCode(d), from);
  return end < 0 ? line.length : end;
}
