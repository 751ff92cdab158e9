import { describe, expect, it } from 'vitest';
import type { FieldError } from '../errors.ts';
import { MAX_MINOR_UNITS } from '../money/money.ts';
import { draftLineItems, proposalTotal, readLineItems } from './proposal-lines.ts';

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
});
