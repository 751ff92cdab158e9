import type { Connection } from './types.ts';

/** Pages the dashboard reads a whole list in: the API's largest page. */
export const ALL_PAGE = 200;

/**
 * Every node of a list the API pages (a Relay connection), page after page, for the views that
 * show a whole list (the team, the tenants). `read` asks for the page after `after`.
 */
export async function allNodes<T>(read: (after: string | null) => Promise<Connection<T>>, maxPages = 50): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const connection: Connection<T> = await read(after);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}
