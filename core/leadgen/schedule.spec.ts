import { describe, expect, it } from 'vitest';
import { nextPeriodStart, periodKey, startOfDay } from './schedule.ts';

describe('search schedules', () => {
  it('keys a day by the search\'s own time zone, not UTC', () => {
    // 20:00 UTC on 3 December is already 4 December in Jaipur (UTC+5:30).
    const at = new Date('2026-12-03T20:00:00Z');
    expect(periodKey('daily', at, 'Asia/Kolkata')).toBe('daily:2026-12-04');
    expect(periodKey('daily', at, 'UTC')).toBe('daily:2026-12-03');
    expect(nextPeriodStart('daily', at, 'Asia/Kolkata')).toEqual(new Date('2026-12-04T18:30:00Z'));
    expect(startOfDay(at, 'Asia/Kolkata')).toEqual(new Date('2026-12-03T18:30:00Z'));
  });

  it('keys weeks as ISO weeks, across the turn of the year', () => {
    expect(periodKey('weekly', new Date('2026-12-03T10:00:00Z'), 'UTC')).toBe('weekly:2026-W49');
    // 1 January 2027 is a Friday: still week 53 of 2026.
    expect(periodKey('weekly', new Date('2027-01-01T10:00:00Z'), 'UTC')).toBe('weekly:2026-W53');
    expect(periodKey('weekly', new Date('2027-01-04T00:00:00Z'), 'UTC')).toBe('weekly:2027-W01');
    expect(nextPeriodStart('weekly', new Date('2026-12-03T10:00:00Z'), 'UTC')).toEqual(new Date('2026-12-07T00:00:00Z'));
  });

  it('finds midnight across a daylight-saving change, and a search that runs once has one period', () => {
    // New York moves to summer time on 8 March 2026: that day is 23 hours long.
    expect(nextPeriodStart('daily', new Date('2026-03-08T12:00:00Z'), 'America/New_York')).toEqual(new Date('2026-03-09T04:00:00Z'));
    expect(startOfDay(new Date('2026-03-08T12:00:00Z'), 'America/New_York')).toEqual(new Date('2026-03-08T05:00:00Z'));
    expect(periodKey('once', new Date(), 'UTC')).toBe('once');
    expect(nextPeriodStart('once', new Date(), 'UTC')).toBeNull();
  });
});
