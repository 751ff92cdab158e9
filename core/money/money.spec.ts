import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, currencyExponent, isCurrency } from './currencies.ts';
import { parseCurrency, parseMinorUnits, readAmount, readCurrency } from './money-input.ts';
import { MAX_MINOR_UNITS, bigintAsString, exponentOf, formatMoney, lineTotal, money, sameMoney, sumAmounts, sumByCurrency, toMajorUnits } from './money.ts';

describe('the ISO 4217 list', () => {
  it('knows each currency\'s minor-unit exponent', () => {
    expect([currencyExponent('INR'), currencyExponent('USD'), currencyExponent('IDR')]).toEqual([2, 2, 2]);
    expect([currencyExponent('JPY'), currencyExponent('KRW'), currencyExponent('VND'), currencyExponent('ISK')]).toEqual([0, 0, 0, 0]);
    expect([currencyExponent('KWD'), currencyExponent('BHD'), currencyExponent('OMR'), currencyExponent('TND')]).toEqual([3, 3, 3, 3]);
    expect([currencyExponent('CLF'), currencyExponent('UYW')]).toEqual([4, 4]);
  });

  it('has no metals, test codes or withdrawn currencies, and only upper-case codes', () => {
    for (const code of ['XAU', 'XAG', 'XDR', 'XTS', 'XXX', 'HRK', 'ZWL', 'inr', 'ABC', '', 'constructor', 'toString']) expect(isCurrency(code), code).toBe(false);
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
    expect(CURRENCY_CODES.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });
});

describe('reading amounts and currencies', () => {
  it('reads whole minor units of any size up to PostgreSQL\'s bigint, exactly', () => {
    expect(parseMinorUnits('30000000000')).toEqual({ ok: true, value: 30_000_000_000n });
    expect(parseMinorUnits(' 9007199254740993 ')).toEqual({ ok: true, value: 9_007_199_254_740_993n }); // 2^53 + 1: no JS number holds it
    expect(parseMinorUnits('9223372036854775807')).toEqual({ ok: true, value: MAX_MINOR_UNITS });
    expect(parseMinorUnits('0')).toEqual({ ok: true, value: 0n });
    expect(parseMinorUnits('000120')).toEqual({ ok: true, value: 120n });
    expect(parseMinorUnits(12n)).toEqual({ ok: true, value: 12n });
  });

  it('refuses negatives, fractions, non-numbers and amounts beyond 64 bits, saying why', () => {
    const message = (input: string | bigint) => {
      const parsed = parseMinorUnits(input);
      return parsed.ok ? null : parsed.message;
    };
    expect(message('-1')).toMatch(/negative/);
    expect(message(-1n)).toMatch(/negative/);
    expect(message('12.5')).toMatch(/not a decimal/);
    for (const bad of ['', ' ', 'abc', '1e5', '45,000', '0x10', '+5', '12 34', 'Infinity', 'NaN', '١٢٣', 'a\u0000b', '9'.repeat(100_000)]) {
      expect(message(bad), JSON.stringify(bad.slice(0, 20))).not.toBeNull();
    }
    expect(message('9223372036854775808')).toMatch(/at most 9223372036854775807/);
    expect(message(`0000${'9'.repeat(19)}`)).toMatch(/at most/);
    expect(message(MAX_MINOR_UNITS + 1n)).toMatch(/at most/);
  });

  it('reads a currency in any case, checked against the real list', () => {
    expect(parseCurrency(' inr ')).toEqual({ ok: true, value: 'INR' });
    expect(parseCurrency('XYZ')).toMatchObject({ ok: false, message: expect.stringMatching(/XYZ is not one/) });
    expect(parseCurrency('rupees')).toMatchObject({ ok: false, message: expect.stringMatching(/3-letter/) });
  });

  it('collects one error per field, naming it', () => {
    const errors: Array<{ field: string; message: string }> = [];
    expect(readAmount('services.0.priceMin', '-5', errors)).toBeNull();
    expect(readCurrency('services.0.currency', 'ZZZ', errors)).toBeNull();
    expect(readAmount('services.1.priceMin', '5', errors)).toBe(5n);
    expect(errors.map((e) => e.field)).toEqual(['services.0.priceMin', 'services.0.currency']);
  });
});

describe('arithmetic', () => {
  it('multiplies and adds exactly past 2^53 and past 64 bits', () => {
    expect(lineTotal(9_007_199_254_740_993n, 3)).toBe(27_021_597_764_222_979n);
    expect(sumAmounts([MAX_MINOR_UNITS, MAX_MINOR_UNITS, 1n])).toBe(18_446_744_073_709_551_615n);
    expect(sumAmounts([])).toBe(0n);
  });

  it('sums per currency, never rupees to dollars', () => {
    const sums = sumByCurrency([money(1_200_000_000n, 'INR'), money(500n, 'USD'), money(1_200_000_000n, 'INR'), money(7n, 'JPY')]);
    expect(sums).toEqual([money(2_400_000_000n, 'INR'), money(7n, 'JPY'), money(500n, 'USD')]);
    expect(sameMoney(money(1n, 'INR'), money(1n, 'USD'))).toBe(false);
    expect(sameMoney(money(1n, 'INR'), money(1n, 'INR'))).toBe(true);
  });
});

describe('showing money', () => {
  it('writes major units as an exact decimal with the currency\'s exponent', () => {
    expect(toMajorUnits(4_500_050n, 2)).toBe('45000.50');
    expect(toMajorUnits(5n, 2)).toBe('0.05');
    expect(toMajorUnits(500n, 0)).toBe('500');
    expect(toMajorUnits(1_234n, 3)).toBe('1.234');
    expect(toMajorUnits(MAX_MINOR_UNITS, 2)).toBe('92233720368547758.07');
    expect(toMajorUnits(-150n, 2)).toBe('-1.50');
    expect([exponentOf('JPY'), exponentOf('KWD'), exponentOf('ZZZ')]).toEqual([0, 3, 2]);
  });

  it('formats with Intl, never through a JS number', () => {
    expect(formatMoney(money(30_000_000_000n, 'INR'))).toBe('₹30,00,00,000.00');
    expect(formatMoney(money(MAX_MINOR_UNITS, 'INR'))).toBe('₹92,23,37,20,36,85,47,758.07');
    expect(formatMoney(money(9_000_000_000_000n, 'IDR'), 'id-ID')).toBe('Rp\u00a090.000.000.000,00');
    expect(formatMoney(money(500n, 'JPY'))).toBe('JP¥500');
    expect(formatMoney(money(1_234n, 'KWD'))).toBe('KWD\u00a01.234');
    expect(formatMoney(money(123_45n, 'USD'), 'en-US')).toBe('$123.45');
  });

  it('serialises bigints in JSON as digits', () => {
    expect(JSON.stringify({ total: MAX_MINOR_UNITS, n: 1 }, bigintAsString)).toBe('{"total":"9223372036854775807","n":1}');
  });
});
