import { describe, expect, it } from 'vitest';
import type { CsvRecord } from './csv-record.ts';
import { HeaderFinder } from './header-row.ts';

const record = (row: number, cells: string[], overLimit: CsvRecord['overLimit'] = null): CsvRecord => ({ row, cells, strayQuote: false, overLimit });
const TOO_LONG = { kind: 'length', limit: 1024 * 1024 } as const;

describe('HeaderFinder', () => {
  it('takes the first row naming two known columns, below notes', () => {
    const finder = new HeaderFinder();
    expect(finder.offer(record(1, ['Notes:']))).toBeNull();
    expect(finder.offer(record(2, ['Company', 'Email']))).toMatchObject({ header: { row: 2 }, above: 1 });
  });

  it('takes a row too big to read whole for the header, rather than a data row below it', () => {
    const finder = new HeaderFinder();
    expect(finder.offer(record(1, [], TOO_LONG))).toMatchObject({ header: { row: 1, overLimit: TOO_LONG }, above: 0 });
  });

  it('leaves an over-limit row above the header the caller names', () => {
    const finder = new HeaderFinder(2);
    expect(finder.offer(record(1, [], TOO_LONG))).toBeNull();
    expect(finder.offer(record(2, ['Outlet', 'Digits']))).toMatchObject({ header: { row: 2 }, above: 1 });
  });
});
