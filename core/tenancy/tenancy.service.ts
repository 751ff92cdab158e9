import { Permission, Role, apiKeyRoles, assertCan, canAssignRole, reachesAllTenants, roles } from '../access.ts';
import type { AgencyContext, TenantContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError, type FieldError } from '../errors.ts';
import { LOGIN_WINDOW_MS, loginCounters, loginRefusal, signupCounter, signupRefusal } from './login-throttle.ts';
import type { PasswordHasher, TenancyStore, TenancyUnitOfWork } from './tenancy.ports.ts';
import type { Agency, ApiKey, Tenant, User } from './tenancy.types.ts';

/** Port: the API key format (mint, parse, hash); the secret never reaches the database. */
export interface ApiKeyCodec {
  mint(tenantId: string): { id: string; key: string; secretHash: Buffer; hint: string };
  parse(key: string): { tenantId: string; id: string; secret: string } | null;
  matches(secretHash: Buffer, secret: string): boolean;
}

export interface SignupInput {
  agencyName: string;
  tenantName: string;
  name: string;
  email: string;
  password: string;
  defaultCountry?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const COUNTRY = /^[A-Z]{2}$/;
const invalidLogin = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'The email or password is incorrect.');

/**
 * How long a signed-in caller's tenant context is reused before it is read again. Changes made
 * through this process (users, roles, tenants) take effect at once; made through another process,
 * within this time.
 */
export const CONTEXT_REUSE_MS = 2_000;
const MAX_CACHED_CONTEXTS = 10_000;

/** Agencies, tenants, users and API keys: who may act where. */
export class TenancyService {
  private readonly contexts = new Map<string, { until: number; context: Promise<TenantContext> }>();

  constructor(
    private readonly uow: TenancyUnitOfWork,
    private readonly passwords: PasswordHasher,
    private readonly keys: ApiKeyCodec,
    private readonly newId: () => string,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Creates an agency, its first tenant and its owner. A signup from `address` (the client's
   * network address; null for the product's own, such as the demo) counts towards SIGNUP_LIMIT
   * first, so a refused one costs no password hashing.
   */
  async signup(input: SignupInput, address: string | null = null): Promise<{ agency: Agency; tenant: Tenant; user: User }> {
    if (address !== null) {
      const { now, counted } = await this.countAttempts([signupCounter(address)]);
      const refusal = signupRefusal(counted[0], now);
      if (refusal) throw refusal;
    }
    const errors = [
      ...checkName('agencyName', input.agencyName),
      ...checkName('tenantName', input.tenantName),
      ...checkName('name', input.name),
      ...checkEmail(input.email),
      ...checkPassword(input.password),
      ...checkCountry(input.defaultCountry),
    ];
    if (errors.length) throw validationError(errors);
    const passwordHash = await this.passwords.hash(input.password);
    const agencyId = this.newId();
    return this.uow.run({ agencyId, tenantId: null }, async (store) => {
      const agency = await store.createAgency({ id: agencyId, name: input.agencyName.trim() });
      const user = await store.createUser({ email: input.email, name: input.name.trim(), passwordHash, role: Role.OWNER });
      const tenant = await store.createTenant({ name: input.tenantName.trim(), defaultCountry: input.defaultCountry?.toUpperCase() ?? 'IN' });
      return { agency, tenant, user };
    });
  }

  /**
   * Signs in from `address` (the client's network address). A wrong password and an unknown email
   * fail the same way, in about the same time. Each attempt is counted first, and one past the
   * limits (see login-throttle) is refused before the password is checked.
   */
  async login(email: string, password: string, address: string | null = null): Promise<User> {
    const counters = loginCounters(email, address);
    const { now, counted } = await this.countAttempts(counters.map((c) => c.key));
    const byKey = new Map(counted.map((c) => [c.key, c]));
    const refusal = loginRefusal(counters.flatMap((c) => (byKey.has(c.key) ? [{ kind: c.kind, ...byKey.get(c.key)! }] : [])), now);
    if (refusal) throw refusal;
    const record = await this.uow.findLogin(email.trim().toLowerCase());
    const ok = await this.passwords.verify(record?.passwordHash ?? DUMMY_HASH, password);
    if (!record || !ok) throw invalidLogin();
    const user = await this.uow.run({ agencyId: record.agencyId, tenantId: null }, (store) => store.findUser(record.userId));
    if (!user) throw invalidLogin();
    // The account's own counts start again; the address's count stays (it may be trying others).
    await this.uow.clearLoginAttempts(counters.filter((c) => c.kind !== 'address').map((c) => c.key));
    return user;
  }

  /** Adds an attempt to each counter in the current window (sign-in and signup share the mechanism). */
  private async countAttempts(keys: string[]) {
    const now = new Date(this.clock());
    return { now, counted: await this.uow.countLoginAttempts(keys, new Date(now.getTime() - LOGIN_WINDOW_MS)) };
  }

  /** The context of a signed-in user, re-read so a removed user or changed role takes effect. */
  async agencyContext(userId: string, agencyId: string): Promise<AgencyContext> {
    const user = await this.uow.run({ agencyId, tenantId: null }, (store) => store.findUser(userId));
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This session is no longer valid; sign in again.');
    return { agencyId, userId, role: user.role, actor: { type: 'user', id: user.id, name: user.name } };
  }

  /**
   * A signed-in user's context in a tenant, resolved in one query (the hot path of every request)
   * and reused for CONTEXT_REUSE_MS: a burst of requests costs one transaction, not one each.
   */
  userTenantContext(userId: string, agencyId: string, tenantId: string | null): Promise<TenantContext> {
    const key = `${agencyId}/${userId}/${tenantId ?? ''}`;
    const now = this.clock();
    const hit = this.contexts.get(key);
    if (hit && hit.until > now) return hit.context;
    if (this.contexts.size >= MAX_CACHED_CONTEXTS) this.contexts.clear();
    const context = this.readUserTenantContext(userId, agencyId, tenantId);
    this.contexts.set(key, { until: now + CONTEXT_REUSE_MS, context });
    // Refusals are not kept: the next request asks again.
    context.catch(() => this.contexts.delete(key));
    return context;
  }

  /** Forgets every reused context (after users, roles or tenants change). */
  private forgetContexts(): void {
    this.contexts.clear();
  }

  private async readUserTenantContext(userId: string, agencyId: string, tenantId: string | null): Promise<TenantContext> {
    const found = await this.uow.run({ agencyId, tenantId: null }, (store) => store.callerInTenant(userId, tenantId));
    if (!found) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This session is no longer valid; sign in again.');
    const { user, tenant, member } = found;
    if (!tenant) throw tenantId ? notFound('Tenant', tenantId) : new DomainError(ErrorCode.FORBIDDEN, 'You are not a member of any tenant yet.');
    if (!reachesAllTenants(user.role) && !member) throw notFound('Tenant', tenant.id);
    return { agencyId, userId, role: user.role, actor: { type: 'user', id: user.id, name: user.name }, tenantId: tenant.id, defaultCountry: tenant.defaultCountry };
  }

  /** Picks the tenant a request acts in: the one asked for, checked, or the first the user can reach. */
  async tenantContext(ctx: AgencyContext, tenantId: string | null): Promise<TenantContext> {
    return this.uow.run({ agencyId: ctx.agencyId, tenantId: null }, async (store) => {
      const tenant = tenantId ? await store.findTenant(tenantId) : (await this.reachable(ctx, store))[0];
      if (!tenant) throw tenantId ? notFound('Tenant', tenantId) : new DomainError(ErrorCode.FORBIDDEN, 'You are not a member of any tenant yet.');
      if (!reachesAllTenants(ctx.role) && !(ctx.userId && (await store.isMember(ctx.userId, tenant.id)))) throw notFound('Tenant', tenant.id);
      return { ...ctx, tenantId: tenant.id, defaultCountry: tenant.defaultCountry };
    });
  }

  async authenticateApiKey(key: string): Promise<TenantContext> {
    const parsed = this.keys.parse(key);
    const invalid = new DomainError(ErrorCode.UNAUTHENTICATED, 'The API key is invalid or has been revoked.');
    if (!parsed) throw invalid;
    return this.uow.run({ agencyId: null, tenantId: parsed.tenantId }, async (store) => {
      const record = await store.findApiKey(parsed.tenantId, parsed.id);
      if (!record || record.revokedAt || !this.keys.matches(record.secretHash, parsed.secret)) throw invalid;
      const tenant = await store.findTenant(parsed.tenantId);
      if (!tenant) throw invalid;
      if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) await store.touchApiKey(tenant.id, record.id);
      return {
        agencyId: tenant.agencyId,
        tenantId: tenant.id,
        defaultCountry: tenant.defaultCountry,
        userId: null,
        role: record.role,
        actor: { type: 'api_key', id: record.id, name: record.name },
      };
    });
  }

  async listTenants(ctx: AgencyContext): Promise<Tenant[]> {
    return this.uow.run({ agencyId: ctx.agencyId, tenantId: null }, (store) => this.reachable(ctx, store));
  }

  async createTenant(ctx: AgencyContext, input: { name: string; defaultCountry?: string | null }): Promise<Tenant> {
    assertCan(ctx, Permission.MANAGE_TENANTS);
    const errors = [...checkName('name', input.name), ...checkCountry(input.defaultCountry)];
    if (errors.length) throw validationError(errors);
    return this.uow
      .run({ agencyId: ctx.agencyId, tenantId: null }, (store) => store.createTenant({ name: input.name.trim(), defaultCountry: input.defaultCountry?.toUpperCase() ?? 'IN' }))
      .finally(() => this.forgetContexts());
  }

  /** The tenant a tenant-scoped caller acts in. */
  async tenant(ctx: TenantContext): Promise<Tenant> {
    const tenant = await this.uow.run({ agencyId: ctx.agencyId, tenantId: ctx.tenantId }, (store) => store.findTenant(ctx.tenantId));
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    return tenant;
  }

  async agency(ctx: AgencyContext): Promise<Agency> {
    const agency = await this.uow.run({ agencyId: ctx.agencyId, tenantId: null }, (store) => store.findAgency());
    if (!agency) throw notFound('Agency', ctx.agencyId);
    return agency;
  }

  async me(ctx: AgencyContext): Promise<User> {
    if (!ctx.userId) throw new DomainError(ErrorCode.FORBIDDEN, 'API keys have no user; use a signed-in session.');
    const user = await this.uow.run({ agencyId: ctx.agencyId, tenantId: null }, (store) => store.findUser(ctx.userId as string));
    if (!user) throw notFound('User', ctx.userId);
    return user;
  }

  async listUsers(ctx: AgencyContext): Promise<Array<User & { tenantIds: string[] }>> {
    assertCan(ctx, Permission.VIEW_DIRECTORY);
    return this.uow.run({ agencyId: ctx.agencyId, tenantId: null }, async (store) => {
      const users = await store.listUsers();
      const memberships = await store.membershipsOf(users.map((user) => user.id));
      return users.map((user) => ({ ...user, tenantIds: memberships.get(user.id) ?? [] }));
    });
  }

  async createUser(ctx: AgencyContext, input: { email: string; name: string; password: string; role: Role; tenantIds?: string[] | null }): Promise<User> {
    assertCan(ctx, Permission.MANAGE_USERS);
    const errors = [...checkName('name', input.name), ...checkEmail(input.email), ...checkPassword(input.password), ...checkRole(input.role)];
    if (errors.length) throw validationError(errors);
    if (!canAssignRole(ctx.role, input.role)) throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${ctx.role}) cannot create a user with the role ${input.role}.`);
    const passwordHash = await this.passwords.hash(input.password);
    return this.uow
      .run({ agencyId: ctx.agencyId, tenantId: null }, async (store) => {
        const user = await store.createUser({ email: input.email, name: input.name.trim(), passwordHash, role: input.role });
        await this.assignTenants(store, user.id, input.tenantIds ?? []);
        return user;
      })
      .finally(() => this.forgetContexts());
  }

  async updateUser(ctx: AgencyContext, userId: string, input: { role?: Role | null; tenantIds?: string[] | null }): Promise<User> {
    assertCan(ctx, Permission.MANAGE_USERS);
    return this.changeUser(ctx, userId, input).finally(() => this.forgetContexts());
  }

  private changeUser(ctx: AgencyContext, userId: string, input: { role?: Role | null; tenantIds?: string[] | null }): Promise<User> {
    return this.uow.run({ agencyId: ctx.agencyId, tenantId: null }, async (store) => {
      let user = await store.findUser(userId);
      if (!user) throw notFound('User', userId);
      if (input.role && input.role !== user.role) {
        const errors = checkRole(input.role);
        if (errors.length) throw validationError(errors);
        if (!canAssignRole(ctx.role, input.role) || !canAssignRole(ctx.role, user.role)) {
          throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${ctx.role}) cannot change a ${user.role} into a ${input.role}.`);
        }
        if (user.role === Role.OWNER && (await store.countOwners()) <= 1) {
          throw new DomainError(ErrorCode.CONFLICT, 'An agency needs at least one owner; make someone else owner first.');
        }
        user = (await store.updateUserRole(userId, input.role)) ?? user;
      }
      if (input.tenantIds) await this.assignTenants(store, userId, input.tenantIds);
      return user;
    });
  }

  async createApiKey(ctx: TenantContext, input: { name: string; role: Role }): Promise<{ key: string; apiKey: ApiKey }> {
    assertCan(ctx, Permission.MANAGE_API_KEYS);
    const errors = [...checkName('name', input.name, 100)];
    if (!apiKeyRoles.includes(input.role)) errors.push({ field: 'role', message: `must be one of ${apiKeyRoles.join(', ')}` });
    if (errors.length) throw validationError(errors);
    const minted = this.keys.mint(ctx.tenantId);
    const apiKey = await this.uow.run({ agencyId: ctx.agencyId, tenantId: ctx.tenantId }, (store) =>
      store.createApiKey({ id: minted.id, tenantId: ctx.tenantId, name: input.name.trim(), role: input.role, secretHash: minted.secretHash, hint: minted.hint, createdBy: ctx.userId }),
    );
    return { key: minted.key, apiKey };
  }

  async listApiKeys(ctx: TenantContext): Promise<ApiKey[]> {
    assertCan(ctx, Permission.MANAGE_API_KEYS);
    return this.uow.run({ agencyId: ctx.agencyId, tenantId: ctx.tenantId }, (store) => store.listApiKeys(ctx.tenantId));
  }

  async revokeApiKey(ctx: TenantContext, id: string): Promise<ApiKey> {
    assertCan(ctx, Permission.MANAGE_API_KEYS);
    const key = await this.uow.run({ agencyId: ctx.agencyId, tenantId: ctx.tenantId }, (store) => store.revokeApiKey(ctx.tenantId, id));
    if (!key) throw notFound('API key', id);
    return key;
  }

  private async reachable(ctx: AgencyContext, store: TenancyStore): Promise<Tenant[]> {
    return store.listTenants(reachesAllTenants(ctx.role) ? null : ctx.userId);
  }

  private async assignTenants(store: TenancyStore, userId: string, tenantIds: string[]): Promise<void> {
    const known = new Set((await store.listTenants(null)).map((tenant) => tenant.id));
    const unknown = tenantIds.filter((id) => !known.has(id));
    if (unknown.length) throw notFound('Tenant', unknown.join(', '));
    await store.setMemberships(userId, [...new Set(tenantIds)]);
  }
}

// A valid hash of a random password, verified when the email is unknown so both paths cost the same.
const DUMMY_HASH = 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function checkName(field: string, value: string, max = 200): FieldError[] {
  const length = value?.trim().length ?? 0;
  if (length === 0) return [{ field, message: 'is required' }];
  return length > max ? [{ field, message: `must be at most ${max} characters` }] : [];
}

function checkEmail(email: string): FieldError[] {
  if (!email || email.length > 254 || !EMAIL.test(email.trim())) return [{ field: 'email', message: 'is not a valid email address' }];
  return [];
}

function checkPassword(password: string): FieldError[] {
  if (!password || password.length < 8) return [{ field: 'password', message: 'must be at least 8 characters' }];
  return password.length > 200 ? [{ field: 'password', message: 'must be at most 200 characters' }] : [];
}

function checkCountry(country: string | null | undefined): FieldError[] {
  return country && !COUNTRY.test(country.toUpperCase()) ? [{ field: 'defaultCountry', message: 'must be a 2-letter country code such as IN or US' }] : [];
}

function checkRole(role: string): FieldError[] {
  return roles.includes(role as Role) ? [] : [{ field: 'role', message: `must be one of ${roles.join(', ')}` }];
}
