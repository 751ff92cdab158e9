/**
 * MikroORM's pg pool returns timestamps as PostgreSQL text ("2026-11-24 01:57:21.33433+00");
 * repositories turn them into Dates here.
 */
export function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

export function toDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : toDate(value);
}
