import { currencyExponent } from '../../../core/money/currencies.ts';
import { formatMoney, money } from '../../../core/money/money.ts';

/*
 * Our amounts are ISO 4217 minor units; Stripe's are its own (docs.stripe.com/currencies): the same
 * for almost every currency, but ISK and UGX take two decimals more than ISO's zero ("5 ISK is 500"),
 * and MGA none where ISO has two. Three-decimal currencies must end in 0. And an amount value has at
 * most 12 digits for IDR, 8 for every other currency.
 */
const STRIPE_EXPONENTS: Readonly<Record<string, number>> = { ISK: 2, UGX: 2, MGA: 0 };
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** The largest amount value Stripe accepts, in its units. */
export function stripeMaximum(currency: string): bigint {
  return currency.toUpperCase() === 'IDR' ? 999_999_999_999n : 99_999_999n;
}

/** How many places Stripe's units are shifted from ISO's: +2 means 100 Stripe units per ISO minor unit. */
function shift(currency: string): number {
  const code = currency.toUpperCase();
  const iso = currencyExponent(code) ?? 2;
  return (STRIPE_EXPONENTS[code] ?? iso) - iso;
}

/** ISO minor units → Stripe's units, exactly; null when Stripe's units cannot say it (a fraction of an ariary). */
export function toStripeUnits(amount: bigint, currency: string): bigint | null {
  const places = shift(currency);
  if (places >= 0) return amount * 10n ** BigInt(places);
  const factor = 10n ** BigInt(-places);
  return amount % factor === 0n ? amount / factor : null;
}

/** Stripe's units (as a webhook carries them) → ISO minor units, exactly; null when it is not a whole minor unit. */
export function fromStripeUnits(amount: bigint, currency: string): bigint | null {
  const places = shift(currency);
  if (places <= 0) return amount * 10n ** BigInt(-places);
  const factor = 10n ** BigInt(places);
  return amount % factor === 0n ? amount / factor : null;
}

/** Why Stripe cannot charge this amount, for a person; null when it can. */
export function stripeRefusal(amount: bigint, currency: string): string | null {
  const units = toStripeUnits(amount, currency);
  const shown = formatMoney(money(amount, currency));
  if (units === null) return `Stripe charges ${currency} only in whole units; ${shown} is not one`;
  if (units > stripeMaximum(currency)) {
    const most = fromStripeUnits(stripeMaximum(currency) - (stripeMaximum(currency) % 10n ** BigInt(Math.max(0, shift(currency)))), currency) as bigint;
    return `Stripe accepts at most ${formatMoney(money(most, currency))} in one payment, and ${shown} is more: lower the total, or collect the payment another way`;
  }
  if (THREE_DECIMAL.has(currency.toUpperCase()) && units % 10n !== 0n) return `Stripe charges ${currency} only in whole tens of its smallest unit (${formatMoney(money(amount - (amount % 10n), currency))}, not ${shown})`;
  return null;
}
