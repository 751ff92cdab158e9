import { describe, expect, it } from 'vitest';
import { allNodes } from './connection.ts';

describe('reading a whole list the API pages', () => {
  it('follows endCursor until there is no next page, and stops at the page limit', async () => {
    const pages: Record<string, { nodes: number[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = {
      start: { nodes: [1, 2], pageInfo: { hasNextPage: true, endCursor: 'a' } },
      a: { nodes: [3, 4], pageInfo: { hasNextPage: true, endCursor: 'b' } },
      b: { nodes: [5], pageInfo: { hasNextPage: false, endCursor: 'c' } },
    };
    const asked: Array<string | null> = [];
    const read = async (after: string | null) => {
      asked.push(after);
      return pages[after ?? 'start']!;
    };
    expect(await allNodes(read)).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([null, 'a', 'b']);
    expect(await allNodes(read, 2)).toEqual([1, 2, 3, 4]);
  });
});
