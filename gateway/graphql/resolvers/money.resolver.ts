import { Ctx, Query, Resolver } from 'type-graphql';
import { listCurrencies } from '../../../core/money/currency.service.ts';
import type { GraphQLContext } from '../context.ts';
import { CurrencyType } from '../types/money.types.ts';

const names = new Intl.DisplayNames('en', { type: 'currency', fallback: 'code' });

@Resolver()
export class MoneyResolver {
  @Query(() => [CurrencyType], { description: 'Every ISO 4217 currency amounts may be given in, with its exponent (minor-unit digits), by code: a fixed list, not paged.' })
  async currencies(@Ctx() { auth }: GraphQLContext): Promise<CurrencyType[]> {
    return listCurrencies(await auth.agency()).map((currency) => ({ ...currency, name: names.of(currency.code) ?? currency.code }));
  }
}
