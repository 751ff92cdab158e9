import type { FieldError } from '../errors.ts';
import { CURRENCY_CODES, isCurrency } from './currencies.ts';
import { MAX_MINOR_UNITS } from './money.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DIGITS = /^\d+$/;
const MAX_DIGITS = MAX_MINOR_UNITS.toString().length;

/**
 * An amount of minor units as a caller wrote it ("4500000"; a bigint passes through): whole, not
 * negative, and small enough to store. Refused with a message a person can act on.
 */
export function parseMinorUnits(input: string | bigint): Parsed<bigint> {
  if (typeof input === 'bigint') return input < 0n ? refuse('must not be negative') : input > MAX_MINOR_UNITS ? tooLarge() : { ok: true, value: input };
  const text = input.trim();
  if (/^-\s*\d/.test(text)) return refuse('must not be negative');
  if (/^\d*\.\d+$/.test(text)) return refuse('must be a whole number of minor units, not a decimal (4500050 for 45,000.50 in a currency with two decimals)');
  if (!DIGITS.test(text)) return refuse('must be a whole number of minor units written in digits, such as "4500000" (45,000.00 in a currency with two decimals)');
  // Leading zeros say nothing; more digits than the largest amount cannot fit.
  const significant = text.replace(/^0+(?=\d)/, '');
  if (significant.length > MAX_DIGITS) return tooLarge();
  const value = BigInt(significant);
  return value > MAX_MINOR_UNITS ? tooLarge() : { ok: true, value };
}

/** An ISO 4217 code in any case ("inr" → "INR"), checked against the real list. */
export function parseCurrency(input: string): Parsed<string> {
  const code = input.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return refuse('must be a 3-letter ISO 4217 currency code such as INR, USD or JPY');
  if (!isCurrency(code)) return refuse(`must be an ISO 4217 currency code such as INR, USD or JPY (${code} is not one of the ${CURRENCY_CODES.length})`);
  return { ok: true, value: code };
}

/** `parseMinorUnits` for a named field: the amount, or null with the problem added to `errors`. */
export function readAmount(field: string, input: string | bigint, errors: FieldError[]): bigint | null {
  return collect(field, parseMinorUnits(input), errors);
}

/** `parseCurrency` for a named field: the code, or null with the problem added to `errors`. */
export function readCurrency(field: string, input: string, errors: FieldError[]): string | null {
  return collect(field, parseCurrency(input), errors);
}

function collect<T>(field: string, parsed: Parsed<T>, errors: FieldError[]): T | null {
  if (parsed.ok) return parsed.value;
  errors.push({ field, message: parsed.message });
  return null;
}

const refuse = (message: string): { ok: false; message: string } => ({ ok: false, message });
const tooLarge = () => refuse(`must be at most ${MAX_MINOR_UNITS} minor units (the largest amount stored)`);
