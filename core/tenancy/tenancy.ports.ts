import type { Role } from '../access.ts';
import type { AttemptCounter } from '../accounts/attempts.ts';
import type { PageSlice } from '../paging.ts';
import type { Agency, ApiKey, LoginRecord, Tenant, User } from './tenancy.types.ts';

/** Port: agency-level data, inside one transaction scoped to one agency (and maybe a tenant). */
export interface TenancyStore {
  createAgency(agency: { id: string; name: string }): Promise<Agency>;
  findAgency(): Promise<Agency | null>;
  createTenant(tenant: { name: string; defaultCountry: string }): Promise<Tenant>;
  /** Tenants of the scoped agency; with `memberId`, only those the user is a member of. */
  listTenants(memberId?: string | null): Promise<Tenant[]>;
  /** A slice of `listTenants`, oldest first; cursors are tenant ids. */
  pageTenants(memberId: string | null, slice: PageSlice): Promise<Tenant[]>;
  findTenant(id: string): Promise<Tenant | null>;
  /** Throws a CONFLICT DomainError when the email is taken (in any agency). */
  createUser(user: { email: string; name: string; passwordHash: string; role: Role }): Promise<User>;
  findUser(id: string): Promise<User | null>;
  /** A user of the scoped agency by email; other agencies' users are never found. */
  findUserByEmail(email: string): Promise<User | null>;
  /** A user with their password hash, to check it. */
  credentialsOf(userId: string): Promise<{ user: User; passwordHash: string } | null>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Deletes a user: their sessions, memberships and reset links go too; the timeline keeps their name. */
  deleteUser(id: string): Promise<boolean>;
  /** A slice of the agency's users, oldest first; cursors are user ids. */
  pageUsers(slice: PageSlice): Promise<User[]>;
  updateUserRole(id: string, role: Role): Promise<User | null>;
  setMemberships(userId: string, tenantIds: string[]): Promise<void>;
  membershipsOf(userIds: string[]): Promise<Map<string, string[]>>;
  isMember(userId: string, tenantId: string): Promise<boolean>;
  /**
   * Serialises every change to the agency's owners: holds the agency's lock until the transaction
   * ends (a second caller waits here), then returns the owners' ids as they are now.
   */
  lockOwners(): Promise<string[]>;
  /**
   * A signed-in user in a live session and the tenant a request acts in, in one query: the requested
   * tenant (or, with none, the first the user reaches), and whether the user is a member of it.
   * Null when the user or the live session (not revoked, not expired) is not there.
   */
  callerInTenant(userId: string, sessionId: string, tenantId: string | null): Promise<{ user: User; tenant: Tenant | null; member: boolean; sessionSeenAt: Date } | null>;
  /** A signed-in user in a live session; null when either is gone. */
  sessionUser(userId: string, sessionId: string): Promise<{ user: User; lastSeenAt: Date } | null>;
  /** Records that a session was used now. */
  touchSession(sessionId: string): Promise<void>;
  createApiKey(key: { id: string; tenantId: string; name: string; role: Role; secretHash: Buffer; hint: string; createdBy: string | null }): Promise<ApiKey>;
  /** A slice of the tenant's keys (revoked ones included), newest first; cursors are key ids. */
  pageApiKeys(tenantId: string, slice: PageSlice): Promise<ApiKey[]>;
  /** With the secret's hash, for verification. */
  findApiKey(tenantId: string, id: string): Promise<(ApiKey & { secretHash: Buffer }) | null>;
  revokeApiKey(tenantId: string, id: string): Promise<ApiKey | null>;
  touchApiKey(tenantId: string, id: string): Promise<void>;
}

export interface TenancyScope {
  agencyId: string | null;
  tenantId: string | null;
}

/** Port: transactions over the tenancy store, the pre-authentication login lookup, and attempt counters. */
export interface TenancyUnitOfWork extends AttemptCounter {
  run<T>(scope: TenancyScope, work: (store: TenancyStore) => Promise<T>): Promise<T>;
  findLogin(email: string): Promise<LoginRecord | null>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
