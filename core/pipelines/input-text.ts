import type { FieldError } from '../errors.ts';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NUL = /\u0000/;

/** Length in characters as people (and PostgreSQL) count them: a surrogate pair is one. */
export const characters = (text: string): number => [...text].length;

/**
 * A one-line name (of a pipeline, a stage, a lost reason): trimmed, 1 to `max` characters, no control
 * characters. Null with the problem added to `errors`.
 */
export function readName(field: string, value: string | null | undefined, max: number, errors: FieldError[]): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return fail(errors, field, 'is required');
  if (characters(text) > max) return fail(errors, field, `must be at most ${max} characters`);
  if (CONTROL.test(text)) return fail(errors, field, 'must be one line without control characters');
  return text;
}

/** Free text (a reason, notes): trimmed, at most `max` characters, no NUL; empty is null. */
export function readText(field: string, value: string | null | undefined, max: number, errors: FieldError[]): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  if (characters(text) > max) return fail(errors, field, `must be at most ${max} characters`);
  if (NUL.test(text)) return fail(errors, field, 'must not contain NUL characters (U+0000)');
  return text;
}

/** A whole number from `min` to `max`. */
export function readInteger(field: string, value: number, min: number, max: number, errors: FieldError[]): number | null {
  if (!Number.isInteger(value) || value < min || value > max) return fail(errors, field, `must be a whole number from ${min} to ${max}`);
  return value;
}

/** A calendar date written YYYY-MM-DD that exists, from 2000 to 2100. */
export function readDate(field: string, value: string, errors: FieldError[]): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  const exists = date && match && date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
  if (!exists || Number(match[1]) < 2000 || Number(match[1]) > 2100) return fail(errors, field, 'must be a date written YYYY-MM-DD, from 2000 to 2100');
  return value.trim();
}

/** An instant from 2000 to 2100 (what a schedule can mean). */
export function readInstant(field: string, value: Date, errors: FieldError[]): Date | null {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time) || time < Date.UTC(2000, 0, 1) || time >= Date.UTC(2101, 0, 1)) return fail(errors, field, 'must be a date and time from 2000 to 2100');
  return value;
}

function fail(errors: FieldError[], field: string, message: string): null {
  errors.push({ field, message });
  return null;
}
