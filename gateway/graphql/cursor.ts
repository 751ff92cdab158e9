import type { LeadCursor, LeadOrderField } from '../../core/leads/lead.types.ts';
import { validationError } from '../../core/errors.ts';

const TIMESTAMP = /^[1-9]\d{3}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: the sort field, its value and the id of the last row seen. */
export function encodeCursor(field: LeadOrderField, cursor: LeadCursor): string {
  return Buffer.from(JSON.stringify([field, cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(field: LeadOrderField, text: string, argument: 'after' | 'before' = 'after'): LeadCursor {
  const invalid = () => validationError([{ field: argument, message: 'is not a cursor from this list (use pageInfo.endCursor or startCursor with the same orderBy)' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [cursorField, key, id] = parsed as unknown[];
  if (cursorField !== field || typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  // The key is cast by PostgreSQL, so check it parses as the sort column's type first.
  const timestamp = field === 'CREATED_AT' || field === 'UPDATED_AT';
  // PostgreSQL's text form of a timestamptz (years 1000-9999), as the page wrote it: nothing it cannot read back.
  if (timestamp && (!TIMESTAMP.test(key) || Number.isNaN(Date.parse(key.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))))) throw invalid();
  if (field === 'SCORE' && !/^-?\d{1,3}$/.test(key)) throw invalid();
  if (key.length > 1000) throw invalid();
  return { key, id };
}
