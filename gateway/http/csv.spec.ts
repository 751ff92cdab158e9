import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.ts';
import { csvRecords, spreadsheetCell } from './csv.ts';

const records = async (chunks: Buffer[]): Promise<string[][]> => {
  const out: string[][] = [];
  for await (const record of csvRecords(Readable.from(chunks))) out.push(record);
  return out;
};
/** The bytes cut every `size` bytes, so characters, the BOM and quoted fields split across chunks. */
const cut = (bytes: Buffer, size: number): Buffer[] => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

describe('csvRecords', () => {
  const file = Buffer.from('\uFEFFCompany,Contact\r\n"Café, ""Ñ""",Zoë 😀\r\n\r\nनमस्ते Traders,"two\nlines"\r\n');
  const expected = [['Company', 'Contact'], ['Café, "Ñ"', 'Zoë 😀'], ['नमस्ते Traders', 'two\nlines']];

  it('reads the same records however the bytes are cut into chunks', async () => {
    for (const size of [1, 2, 3, 5, 7, file.length]) expect(await records(cut(file, size))).toEqual(expected);
  });

  it('stops reading when the reader stops early, and leaves the input open (an HTTP request must still be answered)', async () => {
    const big = Buffer.from(`Phone,City\n${'98290 11111,Delhi\n'.repeat(100_000)}`);
    const input = Readable.from(cut(big, 64 * 1024));
    for await (const record of csvRecords(input)) {
      expect(record).toEqual(['Phone', 'City']);
      break;
    }
    expect(input.destroyed).toBe(false);
  });

  it('refuses bytes that are not UTF-8, including a character cut off at the end of the file', async () => {
    const latin1 = Buffer.from('Company\nCaf\xe9\n', 'latin1');
    const truncated = Buffer.concat([Buffer.from('Company\nCaf'), Buffer.from('é').subarray(0, 1)]);
    for (const bytes of [latin1, truncated]) {
      const error = await records(cut(bytes, 4)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toContain('UTF-8');
    }
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
