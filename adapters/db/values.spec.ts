import { describe, expect, it } from 'vitest';
import { toDate } from './values.ts';

/** What Date's own parser makes of PostgreSQL's text (the slow path the fast one must match). */
const slow = (text: string) => new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).getTime();

describe('timestamps from PostgreSQL text', () => {
  it('reads every shape PostgreSQL writes as Date would, to the millisecond', () => {
    const samples = [
      '2026-11-24 01:57:21.33433+00',
      '2026-11-24 01:57:21+00',
      '2026-11-24 01:57:21.1+00',
      '2026-11-24 01:57:21.999999+00',
      '2026-02-28 23:59:59.9995+00',
      '2026-11-24 01:57:21.123456+05:30',
      '2026-11-24 01:57:21.5-03',
      '1999-12-31 23:59:59.000001-09:30',
      '2024-02-29 12:00:00+14',
    ];
    for (const text of samples) expect(toDate(text).getTime(), text).toBe(slow(text));
  });

  it('leaves other shapes to Date, and passes Dates through', () => {
    const now = new Date();
    expect(toDate(now)).toBe(now);
    expect(Number.isNaN(toDate('infinity').getTime())).toBe(true);
    expect(toDate('2026-11-24T01:57:21.5Z').toISOString()).toBe('2026-11-24T01:57:21.500Z');
  });
});
