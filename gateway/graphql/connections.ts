import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { validationError } from '../../core/errors.ts';
import type { ImportIssueKey } from '../../core/leads/lead-import.ts';
import type { CursorDecoder, Page, PageQuery, PageRequest } from '../../core/paging.ts';

@ObjectType({ description: 'Where a page sits in its list (Relay\'s PageInfo).' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the first edge: pass it as `before` for the page before.' }) startCursor!: string | null;
  @Field(() => String, { nullable: true, description: 'The cursor of the last edge: pass it as `after` for the page after.' }) endCursor!: string | null;
}

/** Relay's connection arguments: `first`/`after` page forward, `last`/`before` page backward. */
@ArgsType()
export class PageArgs implements PageRequest {
  @Field(() => Int, { nullable: true, description: 'How many from the start (or after `after`).' }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => Int, { nullable: true, description: 'How many from the end (or before `before`).' }) last?: number | null;
  @Field(() => String, { nullable: true }) before?: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
}

/**
 * `XEdge` and `XConnection` types for a node type (edges with cursors, nodes for convenience,
 * pageInfo). A subclass may add fields under a name of its own (the base is then not in the schema).
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string, description?: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(`${name}Connection`, { description: description ?? `A page of ${name} (Relay connection).` })
  class ConnectionType implements Connection<T> {
    @Field(() => [Edge]) edges!: Array<{ cursor: string; node: T }>;
    @Field(() => [node], { description: 'The edges\' nodes, for clients that need no cursors.' }) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** A page as a connection, each item's cursor made by `cursorOf`. */
export function toConnection<T, N = T>(page: Page<T>, cursorOf: (item: T) => string, present: (item: T) => N = (item) => item as unknown as N): Connection<N> {
  const edges = page.items.map((item) => ({ cursor: cursorOf(item), node: present(item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opaque cursors of one list: the list's name and an item's key, so a cursor of another list is
 * refused, and so is a key `isKey` does not accept (a forged one never reaches the database).
 */
export function listCursor(list: string, isKey: (key: string) => boolean = (key) => key.length <= 1000) {
  return {
    encode: (key: string) => Buffer.from(JSON.stringify([list, key])).toString('base64url'),
    decode: (text: string, field: 'after' | 'before'): string => {
      try {
        const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
        if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === list && typeof parsed[1] === 'string' && isKey(parsed[1])) return parsed[1];
      } catch {
        // falls through to the error
      }
      throw validationError([{ field, message: 'is not a cursor of this list (use pageInfo.endCursor or startCursor from it)' }]);
    },
  };
}

/** Cursors of a list keyed by UUIDs (ids). */
export const idCursor = (list: string) => listCursor(list, (key) => UUID.test(key));

/** Cursors of an import's issues: an issue's row and field. */
export const importIssueCursor = (() => {
  const isKey = (key: string) => {
    try {
      const parsed: unknown = JSON.parse(key);
      return Array.isArray(parsed) && parsed.length === 2 && Number.isInteger(parsed[0]) && parsed[0] >= 0 && parsed[0] <= 2 ** 31 - 1 && typeof parsed[1] === 'string';
    } catch {
      return false;
    }
  };
  const cursor = listCursor('importIssues', isKey);
  return {
    encode: (issue: ImportIssueKey) => cursor.encode(JSON.stringify([issue.row, issue.field])),
    decode: (text: string, field: 'after' | 'before'): ImportIssueKey => {
      const [row, name] = JSON.parse(cursor.decode(text, field)) as [number, string];
      return { row, field: name };
    },
  };
})();

/** A page request from Relay's arguments, with the list's cursors. */
export const pageQuery = <C = string>(args: PageArgs, cursor: { decode: CursorDecoder<C> }): PageQuery<C> => ({ request: args, decode: cursor.decode });
