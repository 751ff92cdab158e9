import { describe, expect, it } from 'vitest';
import { CsvReader, READER_LIMITS, describeLimit, type CsvRecord, type ReaderLimits } from './csv-reader.ts';

/** The records of `text` pushed in pieces cut at `cuts` (positions, ascending), then end(). */
function read(text: string, options: { cuts?: number[]; delimiter?: string; limits?: ReaderLimits } = {}): CsvRecord[] {
  const reader = new CsvReader(options.delimiter ?? ',', options.limits);
  const out: CsvRecord[] = [];
  let at = 0;
  for (const cut of [...(options.cuts ?? []), text.length]) {
    out.push(...reader.push(text.slice(at, cut)));
    at = cut;
  }
  return [...out, ...reader.end()];
}
const rows = (text: string, delimiter = ',') => read(text, { delimiter }).map((r) => [r.row, r.cells, r.strayQuote]);

// Each case read as main's reader (before the linear rewrite) read it: [text, delimiter, [row, cells, strayQuote] per record].
const CASES: Array<[string, string, Array<[number, string[], boolean]>]> = [
  ['a,b\nc,d', ',', [[1, ['a', 'b'], false], [2, ['c', 'd'], false]]],
  ['a,b\r\nc,d\r\n', ',', [[1, ['a', 'b'], false], [2, ['c', 'd'], false]]],
  ['a,b\rc,d\r', ',', [[1, ['a', 'b'], false], [2, ['c', 'd'], false]]],
  ['a\n\nb\r\n\r\nc', ',', [[1, ['a'], false], [2, [''], false], [3, ['b'], false], [4, [''], false], [5, ['c'], false]]],
  ['a,', ',', [[1, ['a', ''], false]]],
  [',\n,,', ',', [[1, ['', ''], false], [2, ['', '', ''], false]]],
  ['a\r', ',', [[1, ['a'], false]]],
  ['\r\n', ',', [[1, [''], false]]],
  ['"a,b","say ""hi""","line1\r\nline2"\n', ',', [[1, ['a,b', 'say "hi"', 'line1\r\nline2'], false]]],
  ['"two\r\nlines"\r\nnext', ',', [[1, ['two\r\nlines'], false], [2, ['next'], false]]],
  ['"",x', ',', [[1, ['', 'x'], false]]],
  ['""', ',', [[1, [''], false]]],
  ['"a"  ,b', ',', [[1, ['a', 'b'], false]]],
  ['"a" x",b', ',', [[1, ['a" x', 'b'], false]]],
  ['"a"b"c",d', ',', [[1, ['a"b"c', 'd'], false]]],
  ['5" Pizza,x', ',', [[1, ['5" Pizza', 'x'], false]]],
  ['a;"b;c";d\n', ';', [[1, ['a', 'b;c', 'd'], false]]],
  ['"a"\t"b"\t c \n', '\t', [[1, ['a', 'b', ' c '], false]]],
  ['"a" \t"b"\n', '\t', [[1, ['a', 'b'], false]]],
  // Stray quotes: the cell is plain text up to its line's end, and the rows after it are read as they are.
  ['"Stray,a@x.in\nNext,n@x.in\n"Q",q\n', ',', [[1, ['Stray', 'a@x.in'], true], [2, ['Next', 'n@x.in'], false], [3, ['Q', 'q'], false]]],
  ['A\n"B,b\nC,c', ',', [[1, ['A'], false], [2, ['B', 'b'], true], [3, ['C', 'c'], false]]],
  ['Company,Email,Note\n"Stray Co,s@x.in,\nNext Co,n@x.in,"""Best"" price"\n', ',', [[1, ['Company', 'Email', 'Note'], false], [2, ['Stray Co', 's@x.in', ''], true], [3, ['Next Co', 'n@x.in', '"Best" price'], false]]],
  ['"Stray, "Inc" Co,x\ny,z', ',', [[1, ['Stray', ' "Inc" Co', 'x'], true], [2, ['y', 'z'], false]]],
  ['"x,\n"y",z\n', ',', [[1, ['x', ''], true], [2, ['y', 'z'], false]]],
  ['"x,y\n,"z"\n', ',', [[1, ['x', 'y'], true], [2, ['', 'z'], false]]],
  ['x,"unclosed', ',', [[1, ['x', 'unclosed'], true]]],
  ['one,"two\n', ',', [[1, ['one', 'two'], true]]],
  ['"a""', ',', [[1, ['a""'], true]]],
  ['"\n', ',', [[1, [''], true]]],
  ['"', ',', [[1, [''], true]]],
];

describe('CsvReader', () => {
  it.each(CASES)('reads %j (delimiter %j) as before the rewrite', (text, delimiter, expected) => {
    expect(rows(text, delimiter)).toEqual(expected);
  });

  it('keeps a closed two-line cell before a stray quote in the same row (the old reader split it into rows)', () => {
    expect(rows('"a\nb",x,"c\nd,"e"')).toEqual([[1, ['a\nb', 'x', 'c'], true], [2, ['d', 'e'], false]]);
  });

  it('reads the same records however the text is cut into pushes', () => {
    const texts = [...CASES.filter(([, d]) => d === ',').map(([text]) => text), '"a\nb",x,"c\nd,"e"', 'H1,H2\r\n"q ""x"" y",2\r\n\r\n"multi\nline",3\r"s,4\nz,5\n'];
    for (const text of texts) {
      const whole = read(text);
      for (let i = 0; i <= text.length; i++) {
        for (let j = i; j <= text.length; j++) expect(read(text, { cuts: [i, j] }), `${JSON.stringify(text)} cut at ${i} and ${j}`).toEqual(whole);
      }
      expect(read(text, { cuts: Array.from({ length: text.length }, (_, k) => k) })).toEqual(whole);
    }
  });

  it('numbers rows on after a record spanning lines or pushes', () => {
    const text = 'a\n"b\nc"\n\nd';
    expect(read(text, { cuts: [3, 5] }).map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });
});

describe('CsvReader limits', () => {
  const small: ReaderLimits = { columns: 3, recordChars: 20, quotedChars: 8 };
  const limited = (text: string, cuts: number[] = []) => read(text, { limits: small, cuts }).map((r) => [r.row, r.cells, r.overLimit]);

  it('drops blank cells past the column limit silently', () => {
    expect(limited('a,b,c,, ,\t,\nd')).toEqual([[1, ['a', 'b', 'c'], null], [2, ['d'], null]]);
  });

  it('reports filled cells past the column limit, counting columns up to the last filled one', () => {
    expect(limited('a,b,c,d,,e,\nf')).toEqual([[1, ['a', 'b', 'c'], { kind: 'columns', columns: 6, limit: 3 }], [2, ['f'], null]]);
    expect(limited(',,,"x"')).toEqual([[1, ['', '', ''], { kind: 'columns', columns: 4, limit: 3 }]]);
  });

  it('cuts a record longer than the length limit, keeps none of its cells, and reads on from its next line', () => {
    const long = `${'x'.repeat(30)},y`;
    for (const cuts of [[], [5], [19, 20, 21], [25]]) {
      expect(limited(`a,b\n${long}\r\nc,d\n`, cuts)).toEqual([[1, ['a', 'b'], null], [2, [], { kind: 'length', limit: 20 }], [3, ['c', 'd'], null]]);
    }
  });

  it('counts the line break in the length: a record of exactly the limit is whole', () => {
    const exact = `${'x'.repeat(19)}\n`; // 20 characters
    expect(limited(`${exact}y`)).toEqual([[1, ['x'.repeat(19)], null], [2, ['y'], null]]);
    expect(limited(`${'x'.repeat(20)}\ny`)).toEqual([[1, [], { kind: 'length', limit: 20 }], [2, ['y'], null]]);
  });

  it('cuts a quoted cell that goes on past the length limit at the end of its current line', () => {
    const records = read('a,"bcdefghij\nklmnopqrstuvwxyz",x\nnext', { limits: { ...small, quotedChars: 100 } });
    expect(records.map((r) => [r.row, r.cells, r.overLimit])).toEqual([[1, [], { kind: 'length', limit: 20 }], [2, ['next'], null]]);
  });

  it('says what each limit means, for the import\'s issues', () => {
    expect(describeLimit({ kind: 'columns', columns: 800, limit: 500 })).toBe('has 800 columns up to its last filled cell; at most 500 are read');
    expect(describeLimit({ kind: 'length', limit: READER_LIMITS.recordChars })).toBe('is longer than 1 MB; at most 1 MB of a row is read');
  });

  it('takes a quoted cell longer than its limit for a stray quote', () => {
    const records = read('"123456789,x\ny', { limits: small });
    expect(records.map((r) => [r.cells, r.strayQuote])).toEqual([[['123456789', 'x'], true], [['y'], false]]);
  });

  it('reports a 1 MB header of commas, 800 filled columns and a 5 MB line at the default limits', () => {
    const commas = read(`Company,Email${','.repeat(READER_LIMITS.recordChars)}\nA,a@x.in\n`, { cuts: [8 * 1024, 64 * 1024] });
    expect(commas.map((r) => [r.row, r.cells, r.overLimit])).toEqual([[1, [], { kind: 'length', limit: READER_LIMITS.recordChars }], [2, ['A', 'a@x.in'], null]]);
    const wide = read(`${Array.from({ length: 800 }, (_, i) => `c${i + 1}`).join(',')}\n`);
    expect(wide[0]?.cells).toHaveLength(READER_LIMITS.columns);
    expect(wide[0]?.overLimit).toEqual({ kind: 'columns', columns: 800, limit: 500 });
    const line = 'y'.repeat(5 * 1024 * 1024);
    const cuts = Array.from({ length: line.length / 8192 }, (_, i) => i * 8192);
    expect(read(line, { cuts }).map((r) => [r.row, r.cells, r.overLimit])).toEqual([[1, [], { kind: 'length', limit: READER_LIMITS.recordChars }]]);
  });
});
