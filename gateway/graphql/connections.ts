import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { validationError } from '../../core/errors.ts';
import type { Page, PageRequest } from '../../core/paging.ts';

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

/** Opaque cursors of one list: the list's name and an item's key, so a cursor of another list is refused. */
export function listCursor(list: string) {
  return {
    encode: (key: string) => Buffer.from(JSON.stringify([list, key])).toString('base64url'),
    decode: (text: string, field: 'after' | 'before'): string => {
      try {
        const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
        if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === list && typeof parsed[1] === 'string' && parsed[1].length <= 200) return parsed[1];
      } catch {
        // falls through to the error
      }
      throw validationError([{ field, message: 'is not a cursor of this list (use pageInfo.endCursor or startCursor from it)' }]);
    },
  };
}
