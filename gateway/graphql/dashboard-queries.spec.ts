import { parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOARD_QUERY } from '../../web/src/lib/board.ts';
import { INBOX_QUERY, LEAD_PAGE, OUTBOX_QUERY, OVERVIEW_PAGE, OVERVIEW_QUERY, HISTORY_PAGE } from '../../web/src/lib/queries.ts';
import { PER_COLUMN } from '../../web/src/lib/board.ts';
import { assertComplexity } from './limits.ts';
import { createSchema } from './schema.ts';
import { parseConfig } from '../config.ts';

/**
 * The dashboard speaks only GraphQL: its heaviest queries must match the schema and fit the
 * limits every caller gets (a change of either that breaks a page fails here, not in a browser).
 */
const QUERIES: Record<string, [string, Record<string, unknown>]> = {
  'lead page': [LEAD_PAGE, { id: '0190b1a2-0000-7000-8000-000000000000', first: HISTORY_PAGE }],
  board: [BOARD_QUERY, { first: PER_COLUMN }],
  inbox: [INBOX_QUERY, {}],
  outbox: [OUTBOX_QUERY, {}],
  overview: [OVERVIEW_QUERY, { first: OVERVIEW_PAGE }],
};

describe('the dashboard\'s queries', () => {
  let schema: Awaited<ReturnType<typeof createSchema>>;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('match the schema and cost less than the default limit', () => {
    const limit = parseConfig({ NODE_ENV: 'test' }).GRAPHQL_MAX_COMPLEXITY;
    for (const [name, [query, variables]] of Object.entries(QUERIES)) {
      const document = parse(query);
      expect(validate(schema, document).map((error) => error.message), name).toEqual([]);
      expect(assertComplexity(schema, document, variables, undefined, Number.MAX_SAFE_INTEGER), name).toBeLessThanOrEqual(limit);
    }
  });
});
