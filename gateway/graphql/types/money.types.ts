import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Field, Int, ObjectType } from 'type-graphql';
import { exponentOf } from '../../../core/money/money.ts';

const INTEGER = /^-?\d+$/;

/**
 * Minor units as a string of digits, exact at any size (a GraphQL Int stops at 2^31, a JSON number
 * is exact only to 2^53). Input may also be an Int literal or a JSON integer up to 2^53, as before;
 * what the digits say (negative, a fraction, too large) is checked by the service, which names the field.
 */
export const MinorUnitsScalar = new GraphQLScalarType<string, string>({
  name: 'MinorUnits',
  description:
    'A whole number of minor units of a currency (paise, cents; yen for JPY), written as a string of digits: "4500000" is ₹45,000.00. Exact at any size. On input an Int is accepted too; amounts past 2^53 must be strings.',
  serialize(value) {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'string' && INTEGER.test(value)) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    throw new GraphQLError(`MinorUnits cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) {
      // JSON.parse has already rounded an integer this large: the caller's digits are lost.
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) throw new GraphQLError(`MinorUnits past 2^53 must be sent as a string of digits to stay exact (got ${value})`);
      return String(value);
    }
    throw new GraphQLError('MinorUnits must be a string of digits (or an Int)');
  },
  parseLiteral(ast) {
    // Int and Float literals keep their digits as written, whatever their size.
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
    throw new GraphQLError('MinorUnits must be a string of digits (or an Int)', { nodes: ast });
  },
});

@ObjectType('Money', { description: 'An exact amount of money: minor units of an ISO 4217 currency.' })
export class MoneyType {
  @Field(() => MinorUnitsScalar, { description: 'Minor units, a string of digits: "4500000" is ₹45,000.00 in INR.' }) amount!: bigint;
  @Field(() => String, { description: 'ISO 4217 code, e.g. INR.' }) currency!: string;
  @Field(() => Int, { description: 'Digits after the decimal point in this currency (its ISO 4217 minor unit): 2 for INR and USD, 0 for JPY and KRW, 3 for KWD. Major units = amount / 10^exponent.' }) exponent!: number;
}

@ObjectType('Currency', { description: 'An ISO 4217 currency the API accepts.' })
export class CurrencyType {
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'Its English name, e.g. Indian Rupee.' }) name!: string;
  @Field(() => Int, { description: 'Digits after the decimal point (the ISO 4217 minor unit).' }) exponent!: number;
}

/** An amount as the API shows it. */
export function moneyOf(amount: bigint, currency: string): MoneyType {
  return { amount, currency, exponent: exponentOf(currency) };
}
