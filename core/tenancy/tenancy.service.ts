import { Permission, Role, apiKeyRoles, assertCan, reachesAllTenants } from '../access.ts';
import { Attempts } from '../accounts/attempts.ts';
import { signupCounter } from '../accounts/throttle.ts';
import type { AgencyContext, TenantContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError } from '../errors.ts';
import { LIST_PAGE, pageOf, pageOfList, pageSlice, readPage, type Page, type PageQuery } from '../paging.ts';
import { checkCountry, checkEmail, checkName, checkPassword } from './tenancy-input.ts';
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

const sessionEnded = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'This session is no longer valid; sign in again.');

/**
 * How long a signed-in caller's tenant context is reused before it is read again. Changes made
 * through this process (sessions, users, roles, tenants) take effect at once; made through another
 * process, within this time.
 */
export const CONTEXT_REUSE_MS = 2_000;
const MAX_CACHED_CONTEXTS = 10_000;
/** A session's "last seen" is written at most this often (a write per request would cost every request). */
export const SESSION_SEEN_EVERY_MS = 5 * 60_000;

/** Agencies, tenants and API keys, and who a signed-in caller is: who may act where. */
export class TenancyService {
  private readonly contexts = new Map<string, { until: number; context: Promise<TenantContext> }>();
  private readonly attempts: Attempts;

  constructor(
    private readonly uow: TenancyUnitOfWork,
    private readonly passwords: PasswordHasher,
    private readonly keys: ApiKeyCodec,
    private readonly newId: () => string,
    private readonly clock: () => number = Date.now,
  ) {
    this.attempts = new Attempts(uow, clock);
  }

  /**
   * Creates an agency, its first tenant and its owner. A signup from `address` (the client's
   * network address; null for the product's own, such as the demo) counts towards the signup limit
   * first, so a refused one costs no password hashing.
   */
  async signup(input: SignupInput, address: string | null = null): Promise<{ agency: Agency; tenant: Tenant; user: User }> {
    if (address !== null) await this.attempts.enforce([signupCounter(address)]);
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
   * The context of a signed-in user in a live session, re-read so that a revoked session, a removed
   * user or a changed role takes effect.
   */
  async agencyContext(userId: string, agencyId: string, sessionId: string): Promise<AgencyContext> {
    const user = await this.uow.run({ agencyId, tenantId: null }, async (store) => {
      const found = await store.sessionUser(userId, sessionId);
      if (found) await this.noteSeen(store, sessionId, found.lastSeenAt);
      return found?.user ?? null;
    });
    if (!user) throw sessionEnded();
    return { agencyId, userId, sessionId, role: user.role, actor: { type: 'user', id: user.id, name: user.name } };
  }

  /**
   * A signed-in user's context in a tenant, resolved in one query (the hot path of every request)
   * and reused for CONTEXT_REUSE_MS: a burst of requests costs one transaction, not one each.
   */
  userTenantContext(userId: string, agencyId: string, sessionId: string, tenantId: string | null): Promise<TenantContext> {
    const key = `${agencyId}/${userId}/${sessionId}/${tenantId ?? ''}`;
    const now = this.clock();
    const hit = this.contexts.get(key);
    if (hit && hit.until > now) return hit.context;
    if (this.contexts.size >= MAX_CACHED_CONTEXTS) this.contexts.clear();
    const context = this.readUserTenantContext(userId, agencyId, sessionId, tenantId);
    this.contexts.set(key, { until: now + CONTEXT_REUSE_MS, context });
    // Refusals are not kept: the next request asks again.
    context.catch(() => this.contexts.delete(key));
    return context;
  }

  /** Forgets every reused context (after sessions, users, roles or tenants change). */
  forgetContexts(): void {
    this.contexts.clear();
  }

  private async readUserTenantContext(userId: string, agencyId: string, sessionId: string, tenantId: string | null): Promise<TenantContext> {
    const found = await this.uow.run({ agencyId, tenantId: null }, async (store) => {
      const caller = await store.callerInTenant(userId, sessionId, tenantId);
      if (caller) await this.noteSeen(store, sessionId, caller.sessionSeenAt);
      return caller;
    });
    if (!found) throw sessionEnded();
    const { user, tenant, member } = found;
    if (!tenant) throw tenantId ? notFound('Tenant', tenantId) : new DomainError(ErrorCode.FORBIDDEN, 'You are not a member of any tenant yet.');
    if (!reachesAllTenants(user.role) && !member) throw notFound('Tenant', tenant.id);
    return { agencyId, userId, sessionId, role: user.role, actor: { type: 'user', id: user.id, name: user.name }, tenantId: tenant.id, defaultCountry: tenant.defaultCountry };
  }

  /** Records that a session was used, when its record is older than SESSION_SEEN_EVERY_MS. */
  private async noteSeen(store: TenancyStore, sessionId: string, lastSeenAt: Date): Promise<void> {
    if (this.clock() - lastSeenAt.getTime() > SESSION_SEEN_EVERY_MS) await store.touchSession(sessionId);
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

  /**
   * The tenants the caller can reach, oldest first, a page at a time: all of the agency's for owners
   * and admins, their own for members and viewers; with `only` (an API key's), that tenant alone.
   */
  async tenantsPage(ctx: AgencyContext, query: PageQuery, only?: TenantContext): Promise<Page<Tenant>> {
    const slice = pageSlice(query.request, LIST_PAGE, query.decode);
    if (only) return pageOfList([await this.tenant(only)], slice, (tenant) => tenant.id);
    const memberId = reachesAllTenants(ctx.role) ? null : ctx.userId;
    return pageOf(slice, await this.uow.run({ agencyId: ctx.agencyId, tenantId: null }, (store) => store.pageTenants(memberId, slice)));
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

  /** The tenant's keys, revoked ones included, newest first. */
  async listApiKeys(ctx: TenantContext, query: PageQuery): Promise<Page<ApiKey>> {
    assertCan(ctx, Permission.MANAGE_API_KEYS);
    return readPage(query, LIST_PAGE, (slice) => this.uow.run({ agencyId: ctx.agencyId, tenantId: ctx.tenantId }, (store) => store.pageApiKeys(ctx.tenantId, slice)));
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
}
