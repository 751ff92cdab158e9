import { describe, expect, it } from 'vitest';
import { formatMoney, fromLocalInput, toLocalInput, formatPercent, formatPriceRange, formatRevenue, humanize, initials, relativeTime, sumByCurrency, toMajorInput, toMinorUnits } from './format.ts';

describe('formatting', () => {
  const inr = (amount: string) => ({ amount, currency: 'INR', exponent: 2 });

  it('shows money from minor units, exactly at any size', () => {
    expect(formatMoney(inr('2500000'))).toBe('₹25,000');
    expect(formatMoney(inr('123450'))).toBe('₹1,234.50');
    expect(formatMoney({ amount: '500', currency: 'JPY', exponent: 0 })).toBe('JP¥500');
    expect(formatMoney({ amount: '1234', currency: 'KWD', exponent: 3 })).toBe('KWD\u00a01.234');
    expect(formatMoney(inr('30000000000'))).toBe('₹30,00,00,000');
    // 2^53 + 1 paise and the largest stored amount: a JS number would round both.
    expect(formatMoney(inr('9007199254740993'))).toBe('₹9,00,71,99,25,47,409.93');
    expect(formatMoney(inr('9223372036854775807'))).toBe('₹92,23,37,20,36,85,47,758.07');
    expect(formatMoney({ amount: '9000000000000', currency: 'IDR', exponent: 2 }, 'id-ID')).toBe('Rp\u00a090.000.000.000');
    expect(formatRevenue([])).toBe('—');
    expect(formatRevenue(null)).toBe('—');
    expect(formatRevenue([inr('100000'), { amount: '0', currency: 'USD', exponent: 2 }])).toBe('₹1,000');
    expect(formatPriceRange(inr('100'), inr('100'))).toBe('₹1');
    expect(formatPriceRange(inr('100'), inr('9007199254740993'))).toBe('₹1 – ₹9,00,71,99,25,47,409.93');
  });

  it('adds up per currency past 2^53, never rupees to dollars', () => {
    const usd = { amount: '12345', currency: 'USD', exponent: 2 };
    expect(sumByCurrency([inr('1200000000'), usd, inr('1200000000'), inr('9007199254740993')])).toEqual([inr('9007201654740993'), usd]);
  });

  it('reads prices people type into minor units and back, as digit strings', () => {
    expect(toMinorUnits('45,000.5')).toBe('4500050');
    expect(toMinorUnits('₹ 1200')).toBe('120000');
    expect(toMinorUnits('.5')).toBe('50');
    expect(toMinorUnits('30,00,00,000')).toBe('30000000000');
    expect(toMinorUnits('90071992547409.93')).toBe('9007199254740993');
    expect(toMinorUnits('1200', 0)).toBe('1200');
    expect(toMinorUnits('1.234', 3)).toBe('1234');
    expect(toMinorUnits('12.345')).toBeNull();
    expect(toMinorUnits('12.5', 0)).toBeNull();
    expect(toMinorUnits('abc')).toBeNull();
    expect(toMinorUnits('')).toBeNull();
    expect(toMinorUnits('-5')).toBeNull();
    expect(toMajorInput('4500050')).toBe('45000.5');
    expect(toMajorInput('4500000')).toBe('45000');
    expect(toMajorInput('5')).toBe('0.05');
    expect(toMajorInput('9007199254740993')).toBe('90071992547409.93');
    expect(toMajorInput('500', 0)).toBe('500');
  });

  it('shows rates, relative times and names', () => {
    expect(formatPercent(0.256)).toBe('26%');
    expect(formatPercent(0.054)).toBe('5.4%');
    const now = new Date('2026-11-24T12:00:00Z');
    expect(relativeTime('2026-11-24T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2026-11-24T11:55:00Z', now)).toBe('5 min. ago');
    expect(relativeTime('2026-11-26T12:00:00Z', now)).toBe('in 2 days');
    expect(initials('Asha Verma')).toBe('AV');
    expect(initials('  ')).toBe('?');
    expect(humanize('PROPOSAL_SENT')).toBe('Proposal sent');
  });

  it('reads and writes datetime-local values in local time', () => {
    const date = new Date(2026, 10, 24, 14, 5);
    expect(toLocalInput(date)).toBe('2026-11-24T14:05');
    expect(fromLocalInput('2026-11-24T14:05')).toBe(date.toISOString());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });
});
