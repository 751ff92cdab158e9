import type { RawBuilder } from 'kysely';
import type { PageSlice } from '../../core/paging.ts';
import { sql } from './database.ts';

/** What reads one slice of a list: the condition past the cursor, the order to read in, and the limit. */
export interface Keyset {
  after: RawBuilder<unknown>;
  order: RawBuilder<unknown>;
  /** One more than the page, to tell whether there are more (core/paging.ts). */
  limit: RawBuilder<unknown>;
}

/** Reading forward in a newest-first list, or backward in an oldest-first one, goes down the key. */
const descending = (slice: PageSlice<unknown>, newestFirst: boolean) => newestFirst !== (slice.direction === 'backward');

/**
 * A slice of a list ordered by a UUIDv7 column (time-ordered and unique: the key alone is the
 * cursor). `column` is a trusted column name, qualified when the statement joins.
 */
export function keysetById(slice: PageSlice, column: string, options: { newestFirst: boolean }): Keyset {
  const down = descending(slice, options.newestFirst);
  const key = sql.raw(column);
  return {
    after: slice.cursor === null ? sql`true` : sql`${key} ${sql.raw(down ? '<' : '>')} ${slice.cursor}::uuid`,
    order: sql`order by ${key} ${sql.raw(down ? 'desc' : 'asc')}`,
    limit: sql`limit ${slice.size + 1}`,
  };
}

/**
 * A slice of a list ordered by a time and a unique key (for rows whose ids are random, or keys that
 * are not ids): the cursor is the key, and its row's time is looked up by the primary key, so the
 * cursor carries no timestamp (whose microseconds a JavaScript Date would lose). `table` and the
 * columns are trusted names; `scope` leads the lookup's primary key (the tenant or agency).
 */
export function keysetByTime(
  slice: PageSlice,
  names: { table: string; time: string; key: string; keyType: 'uuid' | 'text'; scope: RawBuilder<unknown> },
  options: { newestFirst: boolean },
): Keyset {
  const down = descending(slice, options.newestFirst);
  const [table, time, key] = [sql.raw(names.table), sql.raw(names.time), sql.raw(names.key)];
  const direction = sql.raw(down ? 'desc' : 'asc');
  const cursor = slice.cursor === null ? null : sql`${slice.cursor}::${sql.raw(names.keyType)}`;
  return {
    after: cursor === null ? sql`true` : sql`(${time}, ${key}) ${sql.raw(down ? '<' : '>')} (select ${time}, ${key} from ${table} where ${names.scope} and ${key} = ${cursor})`,
    order: sql`order by ${time} ${direction}, ${key} ${direction}`,
    limit: sql`limit ${slice.size + 1}`,
  };
}
