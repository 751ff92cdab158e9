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

export interface PageLimits {
  defaultSize: number;
  maxSize: number;
}

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
export function pageSlice<C = string>(request: PageRequest, limits: PageLimits, decode: (cursor: string, field: 'after' | 'before') => C): PageSlice<C> {
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
