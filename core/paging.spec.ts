import { describe, expect, it } from 'vitest';
import { pageOfList, pageSlice, pagesByOwner } from './paging.ts';

const limits = { defaultSize: 2, maxSize: 5 };
const decode = (cursor: string) => cursor;
const items = ['a', 'b', 'c', 'd', 'e'];
const page = (request: Parameters<typeof pageSlice>[0]) => pageOfList(items, pageSlice(request, limits, decode), (x) => x);

describe('pages both ways', () => {
  it('walks forward and backward with the right neighbours on each side', () => {
    expect(page({})).toEqual({ items: ['a', 'b'], hasNextPage: true, hasPreviousPage: false });
    expect(page({ first: 2, after: 'b' })).toEqual({ items: ['c', 'd'], hasNextPage: true, hasPreviousPage: true });
    expect(page({ first: 5, after: 'c' })).toEqual({ items: ['d', 'e'], hasNextPage: false, hasPreviousPage: true });
    expect(page({ last: 2 })).toEqual({ items: ['d', 'e'], hasNextPage: false, hasPreviousPage: true });
    expect(page({ last: 2, before: 'd' })).toEqual({ items: ['b', 'c'], hasNextPage: true, hasPreviousPage: true });
    expect(page({ last: 5, before: 'b' })).toEqual({ items: ['a'], hasNextPage: true, hasPreviousPage: false });
  });

  it('refuses sizes out of range and mixed directions, naming the argument', () => {
    expect(() => page({ first: 0 })).toThrow(/first must be between 1 and 5/);
    expect(() => page({ last: 6 })).toThrow(/last must be between 1 and 5/);
    expect(() => page({ first: 1, last: 1 })).toThrow(/page one way at a time/);
    expect(() => page({ after: 'a', before: 'c' })).toThrow(/page one way at a time/);
  });
});

describe('pages of many owners read at once', () => {
  it('groups what was read per owner, each its own page with its own neighbours; an owner with nothing gets an empty page', () => {
    const slice = pageSlice({ first: 2 }, limits, decode);
    const read = [{ owner: 'x', id: 1 }, { owner: 'y', id: 2 }, { owner: 'x', id: 3 }, { owner: 'x', id: 4 }];
    const pages = pagesByOwner(slice, ['x', 'y', 'z'], read, (item) => item.owner);
    expect(pages.get('x')).toEqual({ items: [read[0], read[2]], hasNextPage: true, hasPreviousPage: false });
    expect(pages.get('y')).toEqual({ items: [read[1]], hasNextPage: false, hasPreviousPage: false });
    expect(pages.get('z')).toEqual({ items: [], hasNextPage: false, hasPreviousPage: false });
    const back = pagesByOwner(pageSlice({ last: 1 }, limits, decode), ['x'], [{ owner: 'x', id: 4 }, { owner: 'x', id: 3 }], (item) => item.owner);
    expect(back.get('x')).toEqual({ items: [{ owner: 'x', id: 4 }], hasNextPage: false, hasPreviousPage: true });
  });
});
