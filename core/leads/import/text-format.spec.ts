import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding } from './text-format.ts';

describe('detectDelimiter', () => {
  it.each<[string, string]>([
    ['Company,Email\nA,a@a.in\n', ','],
    ['Firma;E-Mail;Notiz\nA;a@a.in;"x, y, z"\nB;b@b.in;\n', ';'],
    ['Company\tEmail\nA, Inc.\ta@a.in\n', '\t'],
    ['Company|Email|City\nA|a@a.in|Pune\n', '|'],
    ['Notes:\n"Some, commas; here"\n\nFirst Name,Last Name,Email\nA,B,c@d.in\n', ','],
    ['Company\nAcme\n', ','],
  ])('finds the delimiter of %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('detectEncoding', () => {
  it('reads BOMs, UTF-16 without one, and bytes that are not UTF-8', () => {
    expect(detectEncoding(Buffer.from('\uFEFFa,b'))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(Buffer.from('a,b\n', 'utf16le'))).toEqual({ encoding: 'utf-16le', bom: false });
    expect(detectEncoding(Buffer.from('Café,b', 'latin1'))).toEqual({ encoding: 'windows-1252', bom: false });
    expect(detectEncoding(Buffer.from('Café,b'))).toEqual({ encoding: 'utf-8', bom: false });
    // A character cut off by the end of the sample is still UTF-8.
    expect(detectEncoding(Buffer.from('Caf\u00e9').subarray(0, 4))).toEqual({ encoding: 'utf-8', bom: false });
  });
});
