import { describe, expect, it } from 'vitest';
import type { FieldError } from '../errors.ts';
import { MAX_MINOR_UNITS } from '../money/money.ts';
import { draftLineItems, proposalTotal, readExpectedResults, readLineItems, readValidUntil } from './proposal-lines.ts';

const line = (unitAmount: string, quantity = 1, description = 'Work') => ({ description, quantity, unitAmount });

describe('proposal lines', () => {
  it('reads lines exactly and totals them past 2^53', () => {
    const errors: FieldError[] = [];
    const items = readLineItems([line('4500000000000000001', 2), line('7')], errors);
    expect(errors).toEqual([]);
    expect(items.map((item) => item.unitAmount)).toEqual([4_500_000_000_000_000_001n, 7n]);
    expect(proposalTotal(items)).toBe(9_000_000_000_000_000_009n);
  });

  it('names the line and field of each problem, and refuses a total past what one proposal holds', () => {
    const errors: FieldError[] = [];
    readLineItems([line('10', 0), line('-3'), line('5', 1, ' ')], errors);
    expect(errors.map((e) => e.field)).toEqual(['lineItems.0.quantity', 'lineItems.1.unitAmount', 'lineItems.2.description']);
    const tooMuch: FieldError[] = [];
    readLineItems([line(MAX_MINOR_UNITS.toString()), line('1')], tooMuch);
    expect(tooMuch).toEqual([{ field: 'lineItems', message: expect.stringMatching(/add up to more than 9223372036854775807/) }]);
    const none: FieldError[] = [];
    readLineItems([], none);
    expect(none.map((e) => e.field)).toEqual(['lineItems']);
  });

  it('turns an AI draft\'s digit strings into exact lines, or says why it cannot be stored', () => {
    const draft = (unitAmount: string, quantity = 1) => [{ serviceId: 's', description: 'Work', quantity, unitAmount }];
    expect(draftLineItems(draft('30000000000'))).toEqual({ items: [{ serviceId: 's', description: 'Work', quantity: 1, unitAmount: 30_000_000_000n }] });
    expect(draftLineItems(draft('9999999999999999999'))).toEqual({ problem: expect.stringMatching(/^line 1's unit amount must be at most/) });
    expect(draftLineItems(draft('5000000000000000000', 2))).toEqual({ problem: expect.stringMatching(/^its lines add up to more than/) });
  });

  it('refuses a proposal that asks for nothing, long descriptions and absurd quantities', () => {
    const zero: FieldError[] = [];
    readLineItems([line('0'), line('0', 3)], zero);
    expect(zero).toEqual([{ field: 'lineItems', message: expect.stringMatching(/more than 0/) }]);
    const free: FieldError[] = [];
    expect(readLineItems([line('0'), line('100')], free)).toHaveLength(2); // a free line beside a paid one is fine
    expect(free).toEqual([]);
    const big: FieldError[] = [];
    readLineItems([line('1', 1_000_001), line('1', 1, 'x'.repeat(501))], big);
    expect(big.map((e) => e.field)).toEqual(['lineItems.0.quantity', 'lineItems.1.description']);
    expect(draftLineItems([{ serviceId: null, description: 'Free', quantity: 1, unitAmount: '0' }])).toEqual({ problem: expect.stringMatching(/more than 0/) });
  });

  it('reads what the client can expect: at most 20 points of 1-300 characters', () => {
    const errors: FieldError[] = [];
    expect(readExpectedResults([' More patients ', 'Faster replies'], errors)).toEqual(['More patients', 'Faster replies']);
    readExpectedResults(Array.from({ length: 21 }, () => 'ok'), errors);
    readExpectedResults(['fine', 'x'.repeat(301), ' '], errors);
    expect(errors.map((e) => e.field)).toEqual(['expectedResults', 'expectedResults.1', 'expectedResults.2']);
  });

  it('reads validUntil: a date that exists, from today to two years ahead', () => {
    const today = new Date('2026-12-03T15:00:00Z');
    const errors: FieldError[] = [];
    expect(readValidUntil('2026-12-03', today, errors)).toBe('2026-12-03');
    expect(readValidUntil('2028-12-02', today, errors)).toBe('2028-12-02');
    expect(errors).toEqual([]);
    for (const value of ['2026-02-31', '2026-12-02', '1900-01-01', '2028-12-03', '9999-12-31', '31/12/2026', '2026-13-01']) {
      const refused: FieldError[] = [];
      expect(readValidUntil(value, today, refused), value).toBeNull();
      expect(refused.map((e) => e.field), value).toEqual(['validUntil']);
    }
  });
});
