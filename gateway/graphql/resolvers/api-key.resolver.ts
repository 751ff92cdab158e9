import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, idCursor, pageQuery, toConnection } from '../connections.ts';
import type { ApiKey } from '../../../core/tenancy/tenancy.types.ts';
import type { GraphQLContext } from '../context.ts';
import { ApiKeyConnection, ApiKeyType, CreateApiKeyInput, CreatedApiKey } from '../types/tenancy.types.ts';

const keyCursor = idCursor('apiKeys');

/** A key as the API shows it: its creator by name while they are in the agency. */
const present = (key: ApiKey): ApiKeyType => ({ ...key, createdBy: key.createdBy && key.createdByName ? { id: key.createdBy, name: key.createdByName } : null });

@Resolver()
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'API keys of the current tenant, revoked ones included, newest first (owner or admin).' })
  async apiKeys(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const found = await services.tenancy.listApiKeys(await auth.tenant(), pageQuery(page, keyCursor));
    return toConnection(found, (key) => keyCursor.encode(key.id), present);
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates a key for the current tenant; the key is returned only now.' })
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() { auth, services }: GraphQLContext) {
    const created = await services.tenancy.createApiKey(await auth.tenant(), input);
    return { ...created, apiKey: present(created.apiKey) };
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes a key at once; it stops working on the next request.' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext) {
    return present(await services.tenancy.revokeApiKey(await auth.tenant(), id));
  }
}
