import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.ts';
import {
  AgencyType,
  AuthPayload,
  CreateTenantInput,
  CreateUserInput,
  SignupInput,
  TenantType,
  UpdateUserInput,
  UserType,
} from '../types/tenancy.types.ts';

@Resolver()
export class TenancyResolver {
  @Mutation(() => AuthPayload, {
    description: 'Creates an agency, its first tenant and its owner; signs the owner in. More than 20 signups from an address within 15 minutes are refused with RATE_LIMITED (and retryAfterSeconds).',
  })
  async signup(@Arg('input', () => SignupInput) input: SignupInput, @Ctx() { services, tokens, clientAddress }: GraphQLContext): Promise<AuthPayload> {
    const { agency, tenant, user } = await services.tenancy.signup({ ...input }, clientAddress ?? 'unknown');
    const token = await tokens.issue({ userId: user.id, agencyId: agency.id });
    return { token, user, agency, tenants: [tenant] };
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs in; the same error for an unknown email and a wrong password. Too many attempts for an account or from an address within 15 minutes are refused with RATE_LIMITED (and retryAfterSeconds).',
  })
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() { services, tokens, clientAddress }: GraphQLContext,
  ): Promise<AuthPayload> {
    const user = await services.tenancy.login(email, password, clientAddress);
    const ctx = await services.tenancy.agencyContext(user.id, user.agencyId);
    const [agency, tenants] = await Promise.all([services.tenancy.agency(ctx), services.tenancy.listTenants(ctx)]);
    return { token: await tokens.issue({ userId: user.id, agencyId: user.agencyId }), user, agency, tenants };
  }

  @Query(() => UserType, { description: 'The signed-in user.' })
  async me(@Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.me(await auth.agency());
  }

  @Query(() => AgencyType)
  async agency(@Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.agency(await auth.agency());
  }

  @Query(() => [TenantType], { description: 'Tenants the caller can work in.' })
  async tenants(@Ctx() { auth, services }: GraphQLContext) {
    if (auth.isApiKey) return [await services.tenancy.tenant(await auth.tenant())];
    return services.tenancy.listTenants(await auth.agency());
  }

  @Query(() => TenantType, { description: 'The tenant this request acts in (x-tenant-id, or the first one).' })
  async currentTenant(@Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.tenant(await auth.tenant());
  }

  @Mutation(() => TenantType, { description: 'Adds a client workspace to the agency (owner or admin).' })
  async createTenant(@Arg('input', () => CreateTenantInput) input: CreateTenantInput, @Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.createTenant(await auth.agency(), input);
  }

  @Query(() => [UserType], { description: 'Users of the agency.' })
  async users(@Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.listUsers(await auth.agency());
  }

  @Mutation(() => UserType, { description: 'Adds a user to the agency (owner or admin).' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() { auth, services }: GraphQLContext) {
    return services.tenancy.createUser(await auth.agency(), input);
  }

  @Mutation(() => UserType, { description: 'Changes a user\'s role or tenant memberships (owner or admin).' })
  async updateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() { auth, services }: GraphQLContext,
  ) {
    return services.tenancy.updateUser(await auth.agency(), id, input);
  }
}
