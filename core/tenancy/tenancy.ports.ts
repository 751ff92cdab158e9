import type { Role } from '../access.ts';
import type { Agency, ApiKey, LoginRecord, Tenant, User } from './tenancy.types.ts';

/** Port: agency-level data, inside one transaction scoped to one agency (and maybe a tenant). */
export interface TenancyStore {
  createAgency(agency: { id: string; name: string }): Promise<Agency>;
  findAgency(): Promise<Agency | null>;
  createTenant(tenant: { name: string; defaultCountry: string }): Promise<Tenant>;
  /** Tenants of the scoped agency; with `memberId`, only those the user is a member of. */
  listTenants(memberId?: string | null): Promise<Tenant[]>;
  findTenant(id: string): Promise<Tenant | null>;
  /** Throws a CONFLICT DomainError when the email is taken. */
  createUser(user: { email: string; name: string; passwordHash: string; role: Role }): Promise<User>;
  findUser(id: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  updateUserRole(id: string, role: Role): Promise<User | null>;
  setMemberships(userId: string, tenantIds: string[]): Promise<void>;
  membershipsOf(userIds: string[]): Promise<Map<string, string[]>>;
  isMember(userId: string, tenantId: string): Promise<boolean>;
  countOwners(): Promise<number>;
  /**
   * A signed-in user and the tenant a request acts in, in one query: the requested tenant (or, with
   * none, the first the user reaches), and whether the user is a member of it.
   */
  callerInTenant(userId: string, tenantId: string | null): Promise<{ user: User; tenant: Tenant | null; member: boolean } | null>;
  createApiKey(key: { id: string; tenantId: string; name: string; role: Role; secretHash: Buffer; hint: string; createdBy: string | null }): Promise<ApiKey>;
  listApiKeys(tenantId: string): Promise<ApiKey[]>;
  /** With the secret's hash, for verification. */
  findApiKey(tenantId: string, id: string): Promise<(ApiKey & { secretHash: Buffer }) | null>;
  revokeApiKey(tenantId: string, id: string): Promise<ApiKey | null>;
  touchApiKey(tenantId: string, id: string): Promise<void>;
}

export interface TenancyScope {
  agencyId: string | null;
  tenantId: string | null;
}

/** Port: transactions over the tenancy store, plus the pre-authentication login lookup. */
export interface TenancyUnitOfWork {
  run<T>(scope: TenancyScope, work: (store: TenancyStore) => Promise<T>): Promise<T>;
  findLogin(email: string): Promise<LoginRecord | null>;
  /**
   * Adds one attempt to each counter (a counter older than `windowStart` starts again) and returns
   * each one's attempts and window start, in one atomic statement.
   */
  countLoginAttempts(keys: string[], windowStart: Date): Promise<Array<{ key: string; attempts: number; windowStart: Date }>>;
  clearLoginAttempts(keys: string[]): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
