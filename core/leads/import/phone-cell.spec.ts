import { describe, expect, it } from 'vitest';
import { readPhoneCell } from './phone-cell.ts';

describe('readPhoneCell', () => {
  it.each<[string, string[], string | null]>([
    ['98290 11111', ['98290 11111'], null],
    ["'+91 98290 11111", ['+91 98290 11111'], null], // Excel's text marker
    ['="01412701234"', ['01412701234'], null],
    ['+1 415-555-0100 ext. 204', ['+1 415-555-0100'], '204'],
    ['+1 415 555 0100 x204', ['+1 415 555 0100'], '204'],
    ['(415) 555-0100, ext 12', ['(415) 555-0100'], '12'],
    ['98290 11111 / 0141 2701234', ['98290 11111', '0141 2701234'], null],
    ['9829011111/01412701234', ['9829011111', '01412701234'], null],
    ['030/1234567', ['030/1234567'], null], // an area code, not two numbers
    ['+91 98290 11111 (WhatsApp)', ['+91 98290 11111'], null],
    ['Mob: 98290 11111', ['98290 11111'], null],
    ['98290 11111 whatsapp', ['98290 11111'], null],
    ['+91 98290 11111 ::: +91 141 270 1234', ['+91 98290 11111', '+91 141 270 1234'], null],
    ['98290 11111 or 98290 22222', ['98290 11111', '98290 22222'], null],
    ['-', [], null], ['nil', [], null], ['N/A', [], null], ['', [], null],
  ])('reads %j', (cell, numbers, extension) => {
    expect(readPhoneCell(cell)).toEqual({ numbers, extension });
  });

  it('leaves text that is no number for validation to refuse', () => {
    expect(readPhoneCell('call after 5pm').numbers).toEqual(['call after 5pm']);
  });
});
