import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.ts';
import { ApiKeyType, CreateApiKeyInput, CreatedApiKey } from '../types/tenancy.types.ts';

@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKeyType], { description: 'API keys of the current tenant (owner or admin).' })
  async apiKeys(@Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.listApiKeys(await auth.tenant());
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates a key for the current tenant; the key is returned only now.' })
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.createApiKey(await auth.tenant(), input);
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes a key at once; it stops working on the next request.' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.revokeApiKey(await auth.tenant(), id);
  }
}
