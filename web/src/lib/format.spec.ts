import { describe, expect, it } from 'vitest';
import { formatMoney, fromLocalInput, toLocalInput, formatPercent, formatPriceRange, formatRevenue, humanize, initials, relativeTime, toMajorInput, toMinorUnits } from './format.ts';

describe('formatting', () => {
  it('shows money from minor units', () => {
    expect(formatMoney(2_500_000, 'INR')).toBe('₹25,000');
    expect(formatMoney(123_450, 'INR')).toBe('₹1,234.50');
    expect(formatMoney(500, 'JPY')).toBe('JP¥500');
    expect(formatRevenue([])).toBe('—');
    expect(formatRevenue([{ amount: 100_000, currency: 'INR' }, { amount: 0, currency: 'USD' }])).toBe('₹1,000');
    expect(formatPriceRange(100, 100, 'INR')).toBe('₹1');
  });

  it('reads prices people type into minor units and back', () => {
    expect(toMinorUnits('45,000.5')).toBe(4_500_050);
    expect(toMinorUnits('₹ 1200')).toBe(120_000);
    expect(toMinorUnits('12.345')).toBeNull();
    expect(toMinorUnits('abc')).toBeNull();
    expect(toMajorInput(4_500_050)).toBe('45000.5');
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
