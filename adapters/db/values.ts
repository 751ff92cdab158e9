/**
 * MikroORM's pg pool returns timestamps as PostgreSQL text ("2026-11-24 01:57:21.33433+00");
 * repositories turn them into Dates here. Every lead read converts two of them, so the usual shape
 * is read by position; anything else goes through Date's own parser.
 */
export function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return fromTimestamptzText(value) ?? new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

export function toDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : toDate(value);
}

const digits = (text: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
};

/** "YYYY-MM-DD HH:MM:SS[.f…]±HH[:MM]" as a Date, or null for any other shape (BC, infinity, years past 9999). */
function fromTimestamptzText(text: string): Date | null {
  if (text.length < 22 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') return null;
  let i = 19;
  let ms = 0;
  if (text[i] === '.') {
    let scale = 100;
    for (i += 1; i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57; i += 1) {
      ms += (text.charCodeAt(i) - 48) * scale;
      scale /= 10;
    }
  }
  const sign = text[i] === '+' ? 1 : text[i] === '-' ? -1 : 0;
  const rest = text.length - i;
  if (!sign || (rest !== 3 && rest !== 6) || (rest === 6 && text[i + 3] !== ':')) return null;
  const offsetMinutes = sign * (digits(text, i + 1, i + 3) * 60 + (rest === 6 ? digits(text, i + 4, i + 6) : 0));
  const utc = Date.UTC(digits(text, 0, 4), digits(text, 5, 7) - 1, digits(text, 8, 10), digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), Math.floor(ms + 1e-9));
  return Number.isNaN(utc) ? null : new Date(utc - offsetMinutes * 60_000);
}
