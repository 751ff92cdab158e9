import { validationError } from './errors.ts';

/** A page as clients ask for it (Relay's connection arguments): first/after forward, last/before backward. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** What a store reads: `size` items from `cursor` on (exclusive) in `direction`, with one more to tell if there are others. */
export interface PageSlice<C = string> {
  direction: 'forward' | 'backward';
  size: number;
  /** The opaque cursor's decoded key, or null from the start (forward) or the end (backward). */
  cursor: C | null;
}

/** Reads a list's opaque cursor into its key; refuses (VALIDATION, naming the argument) a cursor of another list. */
export type CursorDecoder<C = string> = (cursor: string, field: 'after' | 'before') => C;

/** A page as a caller asks for it, with how to read its cursors (they are opaque outside the gateway). */
export interface PageQuery<C = string> {
  request: PageRequest;
  decode: CursorDecoder<C>;
}

export interface PageLimits {
  defaultSize: number;
  maxSize: number;
}

/** Most lists: 50 items unless asked, at most 200 at once. */
export const LIST_PAGE: PageLimits = { defaultSize: 50, maxSize: 200 };

/** A page of items in list order, and whether there are more on either side. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * The slice a request asks for, checked: sizes within the limits, one direction at a time. `decode`
 * turns a cursor into its key (and refuses a cursor of another list).
 */
export function pageSlice<C = string>(request: PageRequest, limits: PageLimits, decode: CursorDecoder<C>): PageSlice<C> {
  const errors = [];
  const backward = request.last != null || request.before != null;
  if (backward && (request.first != null || request.after != null)) errors.push({ field: 'last', message: 'cannot be combined with first or after: page one way at a time' });
  for (const field of ['first', 'last'] as const) {
    const size = request[field];
    if (size != null && (!Number.isInteger(size) || size < 1 || size > limits.maxSize)) errors.push({ field, message: `must be between 1 and ${limits.maxSize}` });
  }
  if (errors.length) throw validationError(errors);
  const size = (backward ? request.last : request.first) ?? limits.defaultSize;
  const cursor = backward ? request.before : request.after;
  return { direction: backward ? 'backward' : 'forward', size, cursor: cursor ? decode(cursor, backward ? 'before' : 'after') : null };
}

/**
 * The page from what a store read for `slice` (up to size + 1 items, in the direction read). Per
 * Relay: going forward, a previous page exists when the page starts after a cursor; going backward,
 * a next page exists when it ends before one.
 */
export function pageOf<T>(slice: PageSlice<unknown>, read: T[]): Page<T> {
  const more = read.length > slice.size;
  const items = read.slice(0, slice.size);
  if (slice.direction === 'forward') return { items, hasNextPage: more, hasPreviousPage: slice.cursor !== null };
  return { items: items.reverse(), hasNextPage: slice.cursor !== null, hasPreviousPage: more };
}

/** A slice of a list held in memory (small, bounded lists), by each item's key. */
export function pageOfList<T>(all: T[], slice: PageSlice, keyOf: (item: T) => string): Page<T> {
  const ordered = slice.direction === 'forward' ? all : [...all].reverse();
  const start = slice.cursor === null ? 0 : ordered.findIndex((item) => keyOf(item) === slice.cursor) + 1;
  // A cursor whose item is gone starts from the beginning of that direction rather than failing.
  return pageOf(slice, ordered.slice(start, start + slice.size + 1));
}

/** The page `query` asks for, checked against `limits`, read by `read` (which gets up to size + 1 items in the slice's direction). */
export async function readPage<T, C>(query: PageQuery<C>, limits: PageLimits, read: (slice: PageSlice<C>) => Promise<T[]>): Promise<Page<T>> {
  const slice = pageSlice(query.request, limits, query.decode);
  return pageOf(slice, await read(slice));
}

/**
 * One page per owner (each lead's messages, say) from items read for all of them at once: up to
 * size + 1 per owner, in the slice's direction. Owners without items get an empty page.
 */
export function pagesByOwner<T>(slice: PageSlice<unknown>, owners: readonly string[], read: T[], ownerOf: (item: T) => string): Map<string, Page<T>> {
  const grouped = new Map<string, T[]>(owners.map((owner) => [owner, []]));
  for (const item of read) grouped.get(ownerOf(item))?.push(item);
  return new Map([...grouped].map(([owner, items]) => [owner, pageOf(slice, items)]));
}
