import { Permission, assertCan } from '../access.ts';
import type { AgencyContext } from '../context.ts';
import { CURRENCY_CODES, currencyExponent } from './currencies.ts';

export interface CurrencyInfo {
  code: string;
  /** Digits after the decimal point (the ISO 4217 minor unit). */
  exponent: number;
}

/** The currencies amounts may be given in, for clients that turn what a person types into minor units. */
export function listCurrencies(ctx: AgencyContext): CurrencyInfo[] {
  assertCan(ctx, Permission.READ);
  return CURRENCY_CODES.map((code) => ({ code, exponent: currencyExponent(code) as number }));
}
