import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords, readCsv, spreadsheetCell, type CsvRecord } from './csv.ts';

const read = async (chunks: Buffer[]) => {
  const file = readCsv(Readable.from(chunks));
  const out: CsvRecord[] = [];
  for await (const record of file.records) out.push(record);
  return { records: out, info: file.info };
};
const records = async (chunks: Buffer[]): Promise<string[][]> => (await read(chunks)).records.map((r) => r.cells);
/** The bytes cut every `size` bytes, so characters, the BOM and quoted fields split across chunks. */
const cut = (bytes: Buffer, size: number): Buffer[] => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('csvRecords', () => {
  const file = Buffer.from('\uFEFFCompany,Contact\r\n"Café, ""Ñ""",Zoë 😀\r\n\r\nनमस्ते Traders,"two\nlines"\r\n');
  const expected = [['Company', 'Contact'], ['Café, "Ñ"', 'Zoë 😀'], [''], ['नमस्ते Traders', 'two\nlines']];

  it('reads the same records however the bytes are cut into chunks', async () => {
    for (const size of [1, 2, 3, 5, 7, file.length]) expect(await records(cut(file, size))).toEqual(expected);
  });

  it('numbers records as a spreadsheet numbers rows: a blank line is a row, a quoted line break is not', async () => {
    const text = 'Company,Notes\n"A","one\ntwo\nthree"\n\n,,\nB,x\r\nC,y';
    const { records: out } = await read([Buffer.from(text)]);
    expect(out.map((r) => [r.row, r.cells[0]])).toEqual([[1, 'Company'], [2, 'A'], [3, ''], [4, ''], [5, 'B'], [6, 'C']]);
  });

  it('stops reading when the reader stops early, and leaves the input open (an HTTP request must still be answered)', async () => {
    const big = Buffer.from(`Phone,City\n${'98290 11111,Delhi\n'.repeat(100_000)}`);
    const input = Readable.from(cut(big, 64 * 1024));
    for await (const record of csvRecords(input)) {
      expect(record.cells).toEqual(['Phone', 'City']);
      break;
    }
    expect(input.destroyed).toBe(false);
  });

  it.each<[string, Buffer, string]>([
    ['UTF-8 with a BOM', Buffer.from('\uFEFFFirma;Stadt\nMüller GmbH;Köln\n'), 'utf-8'],
    ['UTF-16 LE with a BOM and tabs (Excel "Unicode text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Firma\tStadt\r\nMüller GmbH\tKöln\r\n', 'utf16le')]), 'utf-16le'],
    ['UTF-16 LE without a BOM', Buffer.from('Firma|Stadt\nMüller GmbH|Köln\n', 'utf16le'), 'utf-16le'],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('Firma,Stadt\nMüller GmbH,Köln\n')]), 'utf-16be'],
    ['UTF-16 BE without a BOM', utf16be('Firma;Stadt\nMüller GmbH;Köln\n'), 'utf-16be'],
    ['Windows-1252 (bytes that are not UTF-8)', Buffer.from('Firma;Stadt\nM\xfcller GmbH;K\xf6ln\n', 'latin1'), 'windows-1252'],
  ])('decodes %s and finds its delimiter, however the bytes are cut', async (_, bytes, encoding) => {
    for (const size of [1, 3, bytes.length]) {
      const { records: out, info } = await read(cut(bytes, size));
      expect(out.map((r) => r.cells)).toEqual([['Firma', 'Stadt'], ['Müller GmbH', 'Köln']]);
      expect(info.encoding).toBe(encoding);
    }
  });

  it('goes on as Windows-1252 when a UTF-8 file later holds other bytes, and says so', async () => {
    const head = Buffer.from(`Company,City\n${'Zoë Café,Köln\n'.repeat(6000)}`);
    const { records: out, info } = await read([head, Buffer.from('Caf\xe9 Rouge,Paris\n', 'latin1')]);
    expect(out.at(-1)?.cells).toEqual(['Café Rouge', 'Paris']);
    expect(out[1]?.cells).toEqual(['Zoë Café', 'Köln']);
    expect(info).toMatchObject({ encoding: 'utf-8', switchedToWindows1252: true });
  });

  it('keeps one stray quote to its own row: the rows after it are read as they are', async () => {
    const text = ['Company,Email,Phone', '"Sharma Dental,dr@sharma.in,98290 11111', 'Gupta Foods,"g@gupta.in",98290 22222', '"Quoted, Inc.","q@x.in",', 'Tail,t@x.in,'].join('\n');
    for (const size of [1, 7, text.length]) {
      const { records: out } = await read(cut(Buffer.from(text), size));
      expect(out.map((r) => [r.row, r.cells, r.strayQuote])).toEqual([
        [1, ['Company', 'Email', 'Phone'], false],
        [2, ['Sharma Dental', 'dr@sharma.in', '98290 11111'], true],
        [3, ['Gupta Foods', 'g@gupta.in', '98290 22222'], false],
        [4, ['Quoted, Inc.', 'q@x.in', ''], false],
        [5, ['Tail', 't@x.in', ''], false],
      ]);
    }
  });

  it('does not take a later cell\'s doubled quotes for the end of a stray quote', async () => {
    const text = 'Company,Email,Note\n"Stray Co,s@x.in,\nNext Co,n@x.in,"""Best"" price"\n';
    expect(await records([Buffer.from(text)])).toEqual([['Company', 'Email', 'Note'], ['Stray Co', 's@x.in', ''], ['Next Co', 'n@x.in', '"Best" price']]);
  });

  it('reads a quote at the end of the file that never closes as text, and quotes inside text as text', async () => {
    expect(await records([Buffer.from('Company,Email\nA,a@x.in\n"B,b@x.in\nC,c@x.in')])).toEqual([['Company', 'Email'], ['A', 'a@x.in'], ['B', 'b@x.in'], ['C', 'c@x.in']]);
    expect(await records([Buffer.from('Company,Email\n5" Pizza,p@x.in\n"The "Best" Co",b@x.in\n')])).toEqual([['Company', 'Email'], ['5" Pizza', 'p@x.in'], ['The "Best" Co', 'b@x.in']]);
  });
});

describe('spreadsheet-safe cells', () => {
  it('defuses formulas (CSV injection) and leaves text, numbers and phone numbers as they are', () => {
    expect(spreadsheetCell('=HYPERLINK("http://evil.test","Click")')).toBe(`'=HYPERLINK("http://evil.test","Click")`);
    expect(spreadsheetCell("+cmd|' /C calc'!A0")).toBe(`'+cmd|' /C calc'!A0`);
    expect(spreadsheetCell('-2+3+cmd|x')).toBe(`'-2+3+cmd|x`);
    expect(spreadsheetCell('@SUM(A1:A9)')).toBe(`'@SUM(A1:A9)`);
    expect(spreadsheetCell('\t=1+1')).toBe(`'\t=1+1`);
    expect(spreadsheetCell('+919876543210')).toBe('+919876543210');
    expect(spreadsheetCell('-12.5')).toBe('-12.5');
    expect(spreadsheetCell('Smile Dental, Jaipur')).toBe('Smile Dental, Jaipur');
    expect(spreadsheetCell(null)).toBe('');
    expect(spreadsheetCell(42)).toBe('42');
  });
});
