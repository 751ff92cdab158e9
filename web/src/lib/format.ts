import type { Money } from './types.ts';

/**
 * Money arrives as a Money: minor units as a string of digits, the currency and its exponent (digits
 * after the decimal point). Every function here works on those digits, never on a JS number, which is
 * exact only up to 2^53 (a crore of crores of paise is past it).
 */

/** "4500050", 2 → "45000.50"; "500", 0 → "500". */
export function majorUnits(amount: string, exponent: number): string {
  const negative = amount.startsWith('-');
  const digits = (negative ? amount.slice(1) : amount).padStart(exponent + 1, '0');
  const major = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  return negative ? `-${major}` : major;
}

/** → "₹45,000" / "$1,250.50" / "₹30,00,00,000": whole amounts drop the decimals; exact at any size. */
export function formatMoney({ amount, currency, exponent }: Money, locale = 'en-IN'): string {
  const major = majorUnits(amount, exponent);
  const whole = !exponent || /\.0+$/.test(major);
  try {
    // A decimal string is formatted exactly (Intl.NumberFormat v3).
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : exponent, maximumFractionDigits: exponent }).format(major as unknown as number);
  } catch {
    return `${whole ? major.replace(/\.0+$/, '') : major} ${currency}`;
  }
}

/** Amounts added up per currency (never rupees to dollars), in BigInt. */
export function sumByCurrency(amounts: Money[]): Money[] {
  const totals = new Map<string, Money>();
  for (const m of amounts) {
    const seen = totals.get(m.currency);
    totals.set(m.currency, { ...m, amount: (BigInt(seen?.amount ?? '0') + BigInt(m.amount)).toString() });
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Revenue in several currencies, "₹45,000 + $120"; nothing collected → "—". */
export function formatRevenue(revenue: Money[] | null): string {
  const paid = (revenue ?? []).filter((m) => BigInt(m.amount) > 0n);
  return paid.length ? paid.map((m) => formatMoney(m)).join(' + ') : '—';
}

/** A price range: "₹25,000 – ₹40,000", or one price when min = max. */
export function formatPriceRange(min: Money, max: Money): string {
  return BigInt(max.amount) > BigInt(min.amount) ? `${formatMoney(min)} – ${formatMoney(max)}` : formatMoney(min);
}

/**
 * Major units typed by a person ("45,000.50", "₹ 1200") → minor units as digits ("4500050"); null when
 * it is not a number, or has more decimals than the currency (exponent) has.
 */
export function toMinorUnits(input: string, exponent = 2): string | null {
  const cleaned = input.replace(/[\s,₹$€£¥]/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || !cleaned || cleaned === '.') return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > exponent) return null;
  return BigInt(`${whole || '0'}${fraction.padEnd(exponent, '0')}`).toString();
}

/** Minor units → the major-unit text an input shows ("45000" or "45000.5"). */
export function toMajorInput(amount: string, exponent = 2): string {
  return majorUnits(amount, exponent).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
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

/** A provider credential's name as people write it ("OPENAI_API_KEY" → "OpenAI API key"). */
export function credentialLabel(name: string): string {
  return humanize(name).replace('Openai', 'OpenAI').replace('Sendgrid', 'SendGrid').replace(/api key/i, 'API key');
}

const LANGUAGES: Record<string, string> = { en: 'English', hi: 'Hindi', hinglish: 'Hinglish', mr: 'Marathi', ta: 'Tamil', te: 'Telugu', bn: 'Bengali', gu: 'Gujarati' };

/** A reply's language code as a word ("en" → "English"). */
export function languageName(code: string): string {
  return LANGUAGES[code.toLowerCase()] ?? humanize(code);
}
