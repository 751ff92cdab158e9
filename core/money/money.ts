import { currencyExponent } from './currencies.ts';

/**
 * Money is exact and wide (DESIGN.md): amounts are whole minor units (paise, cents; yen for JPY) held
 * as a bigint, never a JS number (a number is exact only up to 2^53, a GraphQL Int up to 2^31).
 */
export interface Money {
  readonly amount: bigint;
  /** ISO 4217 code, upper case. */
  readonly currency: string;
}

/** The largest amount one row holds: PostgreSQL's bigint (a signed 64-bit integer). Sums may exceed it. */
export const MAX_MINOR_UNITS = 9_223_372_036_854_775_807n;

/** A code stored before codes were checked against ISO 4217 is shown with two decimals, as it was then. */
const LEGACY_EXPONENT = 2;

export const money = (amount: bigint, currency: string): Money => ({ amount, currency });

/** Digits after the decimal point when the currency is shown: its ISO 4217 minor unit. */
export function exponentOf(currency: string): number {
  return currencyExponent(currency) ?? LEGACY_EXPONENT;
}

/** unit × quantity, exactly. */
export function lineTotal(unitAmount: bigint, quantity: number): bigint {
  return unitAmount * BigInt(quantity);
}

/** The sum of amounts of one currency. */
export function sumAmounts(amounts: Iterable<bigint>): bigint {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

/** Amounts added up per currency (never rupees to dollars), ordered by currency code. */
export function sumByCurrency(amounts: Iterable<Money>): Money[] {
  const totals = new Map<string, bigint>();
  for (const { amount, currency } of amounts) totals.set(currency, (totals.get(currency) ?? 0n) + amount);
  return [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amount]) => money(amount, currency));
}

export const sameMoney = (a: Money, b: Money): boolean => a.amount === b.amount && a.currency === b.currency;

/** Minor units as an exact decimal in major units: 4500050n, 2 → "45000.50"; 500n, 0 → "500". */
export function toMajorUnits(amount: bigint, exponent: number): string {
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString().padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * "₹45,000.00", "JP¥500", "KWD 1.234": the currency's own decimals, grouped for `locale`. Intl formats
 * the decimal string exactly (Intl.NumberFormat v3), so no amount passes through a JS number.
 */
export function formatMoney({ amount, currency }: Money, locale = 'en-IN'): string {
  const exponent = exponentOf(currency);
  const major = toMajorUnits(amount, exponent) as `${number}`;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(major);
  } catch {
    return `${currency} ${major}`; // a code Intl refuses (malformed legacy data)
  }
}

/** A JSON.stringify replacer that writes bigints (amounts) as strings of digits instead of throwing. */
export function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
