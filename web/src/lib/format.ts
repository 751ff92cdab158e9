import type { Money } from './types.ts';

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF']);

/** Minor units (paise, cents) → "₹45,000" / "$1,250.50"; whole amounts drop the decimals. */
export function formatMoney(amount: number, currency: string, locale = 'en-IN'): string {
  const code = currency.toUpperCase();
  const digits = ZERO_DECIMAL.has(code) ? 0 : 2;
  const major = amount / 10 ** digits;
  const whole = Number.isInteger(major);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: code, minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits }).format(major);
  } catch {
    return `${major.toFixed(whole ? 0 : digits)} ${code}`;
  }
}

/** Revenue in several currencies, "₹45,000 + $120"; nothing collected → "—". */
export function formatRevenue(revenue: Money[]): string {
  const paid = revenue.filter((m) => m.amount > 0);
  return paid.length ? paid.map((m) => formatMoney(m.amount, m.currency)).join(' + ') : '—';
}

/** A price range in minor units: "₹25,000 – ₹40,000", or one price when min = max. */
export function formatPriceRange(min: number, max: number, currency: string): string {
  return max > min ? `${formatMoney(min, currency)} – ${formatMoney(max, currency)}` : formatMoney(min, currency);
}

/** Major units typed by a person ("45,000.50") → minor units (4500050); null when not a number. */
export function toMinorUnits(input: string, currency = 'INR'): number | null {
  const cleaned = input.replace(/[\s,₹$€£]/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  const digits = ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
  return Math.round(Number(cleaned) * 10 ** digits);
}

/** Minor units → the major-unit text an input shows ("45000" or "45000.5"). */
export function toMajorInput(amount: number, currency = 'INR'): string {
  const digits = ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
  return String(amount / 10 ** digits);
}

export function formatPercent(rate: number): string {
  const pct = rate * 100;
  return `${pct > 0 && pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "just now", "5 min ago", "in 2 days" — relative to `now`. */
export function relativeTime(iso: string | Date, now: Date = new Date()): string {
  const then = typeof iso === 'string' ? new Date(iso) : iso;
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), 'minute');
}

/** "24 Nov 2026, 14:05" in the viewer's time zone (UTC on the server, so SSR stays stable). */
export function formatDateTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** "14:05" in the viewer's time zone. */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** A date as a datetime-local input shows it, in the browser's time zone: "2026-11-24T14:05". */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local input's value (local time) as an ISO instant; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}

/** "Asha Verma" → "AV" for avatars. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** "PROPOSAL_SENT" / "asking_price" → "Proposal sent" / "Asking price". */
export function humanize(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const LANGUAGES: Record<string, string> = { en: 'English', hi: 'Hindi', hinglish: 'Hinglish', mr: 'Marathi', ta: 'Tamil', te: 'Telugu', bn: 'Bengali', gu: 'Gujarati' };

/** A reply's language code as a word ("en" → "English"). */
export function languageName(code: string): string {
  return LANGUAGES[code.toLowerCase()] ?? humanize(code);
}
