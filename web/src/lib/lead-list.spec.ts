import { describe, expect, it } from 'vitest';
import { exportPath, filterInput, nextPageHref, pageNumber, parseListState, previousPageHref, sortHref, toSearchParams } from './lead-list.ts';

const parse = (query: string) => parseListState(new URLSearchParams(query));

describe('leads table state in the URL', () => {
  it('reads filters, ignoring unknown statuses and sort fields', () => {
    const state = parse('search=dental&status=NEW&status=BOGUS,PAID&city=Jaipur&sort=DROP&dir=ASC');
    expect(state.status).toEqual(['NEW', 'PAID']);
    expect(state.sort).toBe('UPDATED_AT');
    expect(state.dir).toBe('ASC');
    expect(filterInput(state)).toEqual({ search: 'dental', status: ['NEW', 'PAID'], city: 'Jaipur' });
  });

  it('round-trips through search params', () => {
    const state = parse('search=a&status=NEW&tag=hot&assignee=u1&sort=SCORE&dir=ASC');
    expect(parseListState(toSearchParams(state))).toEqual(state);
  });

  it('maps "unassigned" and an assignee to the API filter', () => {
    expect(filterInput(parse('assignee=none'))).toEqual({ unassigned: true });
    expect(filterInput(parse('assignee=u1'))).toEqual({ assignee: 'u1' });
  });

  it('pages forward with cursors and back again', () => {
    const first = parse('status=NEW');
    const second = parse(nextPageHref(first, 'c1').slice(1));
    expect(second.after).toBe('c1');
    expect(pageNumber(second)).toBe(2);
    const third = parse(nextPageHref(second, 'c2').slice(1));
    expect(pageNumber(third)).toBe(3);
    const backToSecond = parse(previousPageHref(third).slice(1));
    expect(backToSecond.after).toBe('c1');
    const backToFirst = parse(previousPageHref(backToSecond).slice(1));
    expect(backToFirst.after).toBeNull();
    expect(pageNumber(backToFirst)).toBe(1);
    expect(backToFirst.status).toEqual(['NEW']);
  });

  it('sorting flips the direction of the same column and restarts paging', () => {
    const state = parse('sort=BUSINESS_NAME&dir=ASC&after=c1&back=~');
    const flipped = parse(sortHref(state, 'BUSINESS_NAME').slice(1));
    expect(flipped).toMatchObject({ sort: 'BUSINESS_NAME', dir: 'DESC', after: null, back: [] });
    expect(parse(sortHref(state, 'SCORE').slice(1)).dir).toBe('DESC');
  });

  it('exports the same filter with the REST names', () => {
    expect(exportPath(parse('status=NEW&status=PAID&city=Jaipur&assignee=none'))).toBe('/api/leads/export.csv?city=Jaipur&status=NEW%2CPAID&unassigned=true');
    expect(exportPath(parse(''))).toBe('/api/leads/export.csv');
  });
});
