import type { Role } from '../../core/access.ts';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import type { TenancyStore } from '../../core/tenancy/tenancy.ports.ts';
import type { Agency, ApiKey, Tenant, User } from '../../core/tenancy/tenancy.types.ts';
import type { PageSlice } from '../../core/paging.ts';
import { pgError, sql, type Sql } from './database.ts';
import { keysetById, keysetByTime } from './keyset.ts';
import { toDate, toDateOrNull } from './values.ts';

interface TenantRow { id: string; agency_id: string; name: string; default_country: string; created_at: Date | string }
interface UserRow { id: string; agency_id: string; email: string; name: string; role: Role; created_at: Date | string }
interface ApiKeyRow {
  id: string; tenant_id: string; name: string; role: Role; hint: string; created_by: string | null; created_by_name: string | null;
  created_at: Date | string; last_used_at: Date | string | null; revoked_at: Date | string | null; secret_hash: Buffer;
}

const tenantCols = sql.raw('id, agency_id, name, default_country, created_at');
const userCols = sql.raw('id, agency_id, email, name, role, created_at');
// Who made a key, by name while they are in the agency (null once they were removed).
const keyCols = sql.raw('id, tenant_id, name, role, hint, created_by, (select u.name from users u where u.id = api_keys.created_by) as created_by_name, created_at, last_used_at, revoked_at, secret_hash');

const toTenant = (r: TenantRow): Tenant => ({ id: r.id, agencyId: r.agency_id, name: r.name, defaultCountry: r.default_country, createdAt: toDate(r.created_at) });
const toUser = (r: UserRow): User => ({ id: r.id, agencyId: r.agency_id, email: r.email, name: r.name, role: r.role, createdAt: toDate(r.created_at) });
const toKey = (r: ApiKeyRow): ApiKey & { secretHash: Buffer } => ({
  id: r.id, tenantId: r.tenant_id, name: r.name, role: r.role, hint: r.hint, createdBy: r.created_by, createdByName: r.created_by_name,
  createdAt: toDate(r.created_at), lastUsedAt: toDateOrNull(r.last_used_at), revokedAt: toDateOrNull(r.revoked_at), secretHash: r.secret_hash,
});
const publicKey = ({ secretHash: _secret, ...key }: ApiKey & { secretHash: Buffer }): ApiKey => key;

/** TenancyStore on PostgreSQL; RLS limits every statement to the transaction's agency. */
export class PgTenancyStore implements TenancyStore {
  constructor(private readonly db: Sql) {}

  async createAgency(agency: { id: string; name: string }): Promise<Agency> {
    const { rows } = await sql<{ id: string; name: string; created_at: Date | string }>`
      insert into agencies (id, name) values (${agency.id}, ${agency.name}) returning id, name, created_at`.execute(this.db);
    const row = rows[0]!;
    return { id: row.id, name: row.name, createdAt: toDate(row.created_at) };
  }

  async findAgency(): Promise<Agency | null> {
    const { rows } = await sql<{ id: string; name: string; created_at: Date | string }>`
      select id, name, created_at from agencies where id = app_current_agency()`.execute(this.db);
    return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: toDate(rows[0].created_at) } : null;
  }

  async createTenant(tenant: { name: string; defaultCountry: string }): Promise<Tenant> {
    const { rows } = await sql<TenantRow>`
      insert into tenants (agency_id, name, default_country) values (app_current_agency(), ${tenant.name}, ${tenant.defaultCountry})
      returning ${tenantCols}`.execute(this.db);
    return toTenant(rows[0]!);
  }

  async listTenants(memberId?: string | null): Promise<Tenant[]> {
    const member = memberId ? sql`and id in (select tenant_id from tenant_memberships where user_id = ${memberId})` : sql``;
    const { rows } = await sql<TenantRow>`
      select ${tenantCols} from tenants where agency_id = app_current_agency() ${member} order by created_at, id`.execute(this.db);
    return rows.map(toTenant);
  }

  async pageTenants(memberId: string | null, slice: PageSlice): Promise<Tenant[]> {
    const member = memberId ? sql`and id in (select tenant_id from tenant_memberships where user_id = ${memberId})` : sql``;
    const page = keysetById(slice, 'id', { newestFirst: false });
    const { rows } = await sql<TenantRow>`
      select ${tenantCols} from tenants where agency_id = app_current_agency() ${member} and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map(toTenant);
  }

  async findTenant(id: string): Promise<Tenant | null> {
    const { rows } = await sql<TenantRow>`select ${tenantCols} from tenants where id = ${id}`.execute(this.db);
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async createUser(user: { email: string; name: string; passwordHash: string; role: Role }): Promise<User> {
    try {
      const { rows } = await sql<UserRow>`
        insert into users (agency_id, email, name, password_hash, role)
        values (app_current_agency(), ${user.email.trim().toLowerCase()}, ${user.name}, ${user.passwordHash}, ${user.role})
        returning ${userCols}`.execute(this.db);
      return toUser(rows[0]!);
    } catch (error) {
      if (pgError(error).constraint === 'users_email_key') {
        throw new DomainError(ErrorCode.CONFLICT, `An account with the email ${user.email} already exists; sign in instead.`, { field: 'email' });
      }
      throw error;
    }
  }

  async findUser(id: string): Promise<User | null> {
    const { rows } = await sql<UserRow>`select ${userCols} from users where id = ${id}`.execute(this.db);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findUserByEmail(email: string): Promise<User | null> {
    // RLS shows only the scoped agency's users; the condition repeats it so no plan depends on that.
    const { rows } = await sql<UserRow>`select ${userCols} from users where agency_id = app_current_agency() and email = ${email.trim().toLowerCase()}`.execute(this.db);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async credentialsOf(userId: string) {
    const { rows } = await sql<UserRow & { password_hash: string }>`select ${userCols}, password_hash from users where id = ${userId}`.execute(this.db);
    return rows[0] ? { user: toUser(rows[0]), passwordHash: rows[0].password_hash } : null;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await sql`update users set password_hash = ${passwordHash}, updated_at = now() where id = ${userId}`.execute(this.db);
  }

  async deleteUser(id: string): Promise<boolean> {
    const { rows } = await sql`delete from users where id = ${id} returning id`.execute(this.db);
    return rows.length > 0;
  }

  async pageUsers(slice: PageSlice): Promise<User[]> {
    const page = keysetById(slice, 'id', { newestFirst: false });
    const { rows } = await sql<UserRow>`select ${userCols} from users where agency_id = app_current_agency() and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map(toUser);
  }

  async updateUserRole(id: string, role: Role): Promise<User | null> {
    const { rows } = await sql<UserRow>`update users set role = ${role}, updated_at = now() where id = ${id} returning ${userCols}`.execute(this.db);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async setMemberships(userId: string, tenantIds: string[]): Promise<void> {
    await sql`delete from tenant_memberships where user_id = ${userId} and not (tenant_id = any(${tenantIds}::uuid[]))`.execute(this.db);
    await sql`
      insert into tenant_memberships (tenant_id, user_id, agency_id)
      select t, ${userId}, app_current_agency() from unnest(${tenantIds}::uuid[]) as t
      on conflict do nothing`.execute(this.db);
  }

  async membershipsOf(userIds: string[]): Promise<Map<string, string[]>> {
    const { rows } = await sql<{ user_id: string; tenant_ids: string[] }>`
      select user_id, array_agg(tenant_id order by tenant_id) as tenant_ids from tenant_memberships
       where user_id = any(${userIds}::uuid[]) group by user_id`.execute(this.db);
    return new Map(rows.map((row) => [row.user_id, row.tenant_ids]));
  }

  async isMember(userId: string, tenantId: string): Promise<boolean> {
    const { rows } = await sql`select 1 from tenant_memberships where user_id = ${userId} and tenant_id = ${tenantId}`.execute(this.db);
    return rows.length > 0;
  }

  async callerInTenant(userId: string, sessionId: string, tenantId: string | null) {
    const { rows } = await sql<UserRow & { tenant_id: string | null; tenant_name: string | null; default_country: string | null; tenant_created_at: Date | string | null; member: boolean; seen_at: Date | string }>`
      select u.id, u.agency_id, u.email, u.name, u.role, u.created_at, s.last_seen_at as seen_at,
             t.id as tenant_id, t.name as tenant_name, t.default_country, t.created_at as tenant_created_at,
             coalesce(exists (select 1 from tenant_memberships m where m.user_id = u.id and m.tenant_id = t.id), false) as member
        from users u
        join sessions s on s.agency_id = u.agency_id and s.id = ${sessionId}::uuid and s.user_id = u.id
                       and s.revoked_at is null and s.expires_at > now()
        left join lateral (
          select id, name, default_country, created_at from tenants t
           where t.agency_id = u.agency_id
             and (t.id = ${tenantId}::uuid
                  or (${tenantId}::uuid is null
                      and (u.role in ('owner', 'admin') or exists (select 1 from tenant_memberships m where m.user_id = u.id and m.tenant_id = t.id))))
           order by t.created_at, t.id limit 1) t on true
       where u.id = ${userId}`.execute(this.db);
    const r = rows[0];
    if (!r) return null;
    const tenant = r.tenant_id ? { id: r.tenant_id, agencyId: r.agency_id, name: r.tenant_name as string, defaultCountry: r.default_country as string, createdAt: toDate(r.tenant_created_at as Date | string) } : null;
    return { user: toUser(r), tenant, member: r.member, sessionSeenAt: toDate(r.seen_at) };
  }

  async sessionUser(userId: string, sessionId: string) {
    const { rows } = await sql<UserRow & { seen_at: Date | string }>`
      select u.id, u.agency_id, u.email, u.name, u.role, u.created_at, s.last_seen_at as seen_at
        from users u
        join sessions s on s.agency_id = u.agency_id and s.id = ${sessionId}::uuid and s.user_id = u.id
                       and s.revoked_at is null and s.expires_at > now()
       where u.id = ${userId}`.execute(this.db);
    return rows[0] ? { user: toUser(rows[0]), lastSeenAt: toDate(rows[0].seen_at) } : null;
  }

  async touchSession(sessionId: string): Promise<void> {
    await sql`update sessions set last_seen_at = now() where agency_id = app_current_agency() and id = ${sessionId}`.execute(this.db);
  }

  async lockOwners(): Promise<string[]> {
    // The agency's row is the lock (NO KEY UPDATE: users joining meanwhile are not held up); the
    // owners are read after it is taken, by a statement of their own, so they include every change
    // committed by the transaction that held it before.
    await sql`select 1 from agencies where id = app_current_agency() for no key update`.execute(this.db);
    const { rows } = await sql<{ id: string }>`select id from users where agency_id = app_current_agency() and role = 'owner' order by id`.execute(this.db);
    return rows.map((row) => row.id);
  }

  async createApiKey(key: { id: string; tenantId: string; name: string; role: Role; secretHash: Buffer; hint: string; createdBy: string | null }): Promise<ApiKey> {
    const { rows } = await sql<ApiKeyRow>`
      insert into api_keys (tenant_id, id, name, role, secret_hash, hint, created_by)
      values (${key.tenantId}, ${key.id}, ${key.name}, ${key.role}, ${key.secretHash}, ${key.hint}, ${key.createdBy})
      returning ${keyCols}`.execute(this.db);
    return publicKey(toKey(rows[0]!));
  }

  async pageApiKeys(tenantId: string, slice: PageSlice): Promise<ApiKey[]> {
    // Key ids are random (they travel inside the key), so the list is ordered by creation.
    const page = keysetByTime(slice, { table: 'api_keys', time: 'created_at', key: 'id', keyType: 'uuid', scope: sql`tenant_id = ${tenantId}` }, { newestFirst: true });
    const { rows } = await sql<ApiKeyRow>`select ${keyCols} from api_keys where tenant_id = ${tenantId} and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map((row) => publicKey(toKey(row)));
  }

  async findApiKey(tenantId: string, id: string) {
    const { rows } = await sql<ApiKeyRow>`select ${keyCols} from api_keys where tenant_id = ${tenantId} and id = ${id}`.execute(this.db);
    return rows[0] ? toKey(rows[0]) : null;
  }

  async revokeApiKey(tenantId: string, id: string): Promise<ApiKey | null> {
    const { rows } = await sql<ApiKeyRow>`
      update api_keys set revoked_at = coalesce(revoked_at, now()) where tenant_id = ${tenantId} and id = ${id} returning ${keyCols}`.execute(this.db);
    return rows[0] ? publicKey(toKey(rows[0])) : null;
  }

  async touchApiKey(tenantId: string, id: string): Promise<void> {
    await sql`update api_keys set last_used_at = now() where tenant_id = ${tenantId} and id = ${id}`.execute(this.db);
  }
}
