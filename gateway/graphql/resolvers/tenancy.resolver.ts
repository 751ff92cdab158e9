import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, idCursor, pageQuery, toConnection } from '../connections.ts';
import type { GraphQLContext } from '../context.ts';
import { AgencyType, AuthPayload, CreateTenantInput, SignupInput, TenantConnection, TenantType, UpdateUserInput, UserConnection, UserType } from '../types/tenancy.types.ts';
import { signedIn } from './signed-in.ts';

const tenantCursor = idCursor('tenants');
const userCursor = idCursor('users');

@Resolver()
export class TenancyResolver {
  @Mutation(() => AuthPayload, {
    description: 'Creates an agency, its first tenant and its owner; signs the owner in (a new session). More than 20 signups from an address within 15 minutes are refused with RATE_LIMITED (HTTP 429, Retry-After, retryAfterSeconds).',
  })
  async signup(@Arg('input', () => SignupInput) input: SignupInput, @Ctx() context: GraphQLContext): Promise<AuthPayload> {
    const { services, clientAddress, userAgent } = context;
    const { user } = await services.tenancy.signup({ ...input }, clientAddress ?? 'unknown');
    const session = await services.accounts.sessions.start(user, { address: clientAddress, userAgent });
    return signedIn(context, user, session);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Signs in and starts a session; the same error for an unknown email and a wrong password. More than 10 attempts for one account from one address, or 200 from one address, within 15 minutes are refused with RATE_LIMITED (HTTP 429, Retry-After, retryAfterSeconds); the right password from another address still gets in.',
  })
  async login(@Arg('email', () => String, { description: 'At most 254 characters.' }) email: string, @Arg('password', () => String, { description: 'At most 200 characters.' }) password: string, @Ctx() context: GraphQLContext): Promise<AuthPayload> {
    const { user, session } = await context.services.accounts.sessions.signIn(email, password, { address: context.clientAddress, userAgent: context.userAgent });
    return signedIn(context, user, session);
  }

  @Query(() => UserType, { description: 'The signed-in user.' })
  async me(@Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.me(await auth.agency());
  }

  @Query(() => AgencyType)
  async agency(@Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.agency(await auth.agency());
  }

  @Query(() => TenantConnection, { description: 'Tenants the caller can work in, oldest first (an API key: its own).' })
  async tenants(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const only = auth.isApiKey ? await auth.tenant() : undefined;
    const found = await services.tenancy.tenantsPage(await auth.agency(), pageQuery(page, tenantCursor), only);
    return toConnection(found, (tenant) => tenantCursor.encode(tenant.id));
  }

  @Query(() => TenantType, { description: 'The tenant this request acts in (x-tenant-id, or the first one).' })
  async currentTenant(@Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.tenant(await auth.tenant());
  }

  @Mutation(() => TenantType, { description: 'Adds a client workspace to the agency (owner or admin).' })
  async createTenant(@Arg('input', () => CreateTenantInput) input: CreateTenantInput, @Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.createTenant(await auth.agency(), input);
  }

  @Query(() => UserConnection, { description: 'Users of the agency, oldest first.' })
  async users(@Args(() => PageArgs) page: PageArgs, @Ctx() { auth, services }: GraphQLContext) {
    const found = await services.users.list(await auth.agency(), pageQuery(page, userCursor));
    return toConnection(found, (user) => userCursor.encode(user.id));
  }

  @Mutation(() => UserType, { description: 'Changes a user\'s role or tenant memberships (owner or admin).' })
  async updateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    return services.users.update(await auth.agency(), id, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a user from the agency (owner or admin; an admin cannot remove an owner; nobody removes themselves or the last owner). Their sessions end at once; the timeline keeps their name on what they did.',
  })
  async removeUser(@Arg('id', () => ID) id: string, @Ctx() { auth, services }: GraphQLContext) {
    return services.users.remove(await auth.agency(), id);
  }
}

@Resolver(() => AuthPayload)
export class AuthPayloadResolver {
  @FieldResolver(() => TenantConnection, { description: 'The tenants the signed-in user can work in, oldest first.' })
  async tenants(@Root() payload: AuthPayload, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: GraphQLContext) {
    const found = await services.tenancy.tenantsPage(payload.caller, pageQuery(page, tenantCursor));
    return toConnection(found, (tenant) => tenantCursor.encode(tenant.id));
  }
}
