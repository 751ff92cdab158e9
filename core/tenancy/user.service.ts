import { Permission, Role, assertCan, canAssignRole } from '../access.ts';
import { requireUser } from '../accounts/caller.ts';
import type { AgencyContext } from '../context.ts';
import { DomainError, ErrorCode, notFound, validationError } from '../errors.ts';
import { LIST_PAGE, readPage, type Page, type PageQuery } from '../paging.ts';
import { checkRole, checkTenantIds } from './tenancy-input.ts';
import type { TenancyStore, TenancyUnitOfWork } from './tenancy.ports.ts';
import type { User } from './tenancy.types.ts';

/**
 * The agency's team: who is in it, their roles and workspaces, and removing someone who left.
 * People join by invitation (core/accounts/invitation.service.ts).
 */
export class UserService {
  constructor(
    private readonly uow: TenancyUnitOfWork,
    /** Users or roles changed: forget every caller context reused in this process. */
    private readonly accessChanged: () => void,
  ) {}

  /** The agency's users, oldest first, each with the tenants they are a member of (one read for the page). */
  async list(ctx: AgencyContext, query: PageQuery): Promise<Page<User & { tenantIds: string[] }>> {
    assertCan(ctx, Permission.VIEW_DIRECTORY);
    return readPage(query, LIST_PAGE, (slice) =>
      this.uow.run({ agencyId: ctx.agencyId, tenantId: null }, async (store) => {
        const users = await store.pageUsers(slice);
        const memberships = await store.membershipsOf(users.map((user) => user.id));
        return users.map((user) => ({ ...user, tenantIds: memberships.get(user.id) ?? [] }));
      }),
    );
  }

  async update(ctx: AgencyContext, userId: string, input: { role?: Role | null; tenantIds?: string[] | null }): Promise<User> {
    assertCan(ctx, Permission.MANAGE_USERS);
    const tooMany = checkTenantIds(input.tenantIds);
    if (tooMany.length) throw validationError(tooMany);
    return this.uow
      .run({ agencyId: ctx.agencyId, tenantId: null }, async (store) => {
        // A role change may take an owner away: decided under the agency's owner lock (see keepsAnOwner).
        const owners = input.role ? await store.lockOwners() : null;
        let user = await store.findUser(userId);
        if (!user) throw notFound('User', userId);
        if (input.role && input.role !== user.role) {
          const errors = checkRole(input.role);
          if (errors.length) throw validationError(errors);
          if (!canAssignRole(ctx.role, input.role) || !canAssignRole(ctx.role, user.role)) {
            throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${ctx.role}) cannot change a ${user.role} into a ${input.role}.`);
          }
          keepsAnOwner(owners ?? [], user);
          user = (await store.updateUserRole(userId, input.role)) ?? user;
        }
        if (input.tenantIds) await assignTenants(store, userId, input.tenantIds);
        return user;
      })
      .finally(() => this.accessChanged());
  }

  /**
   * Removes someone from the agency (owners and admins; an admin cannot remove an owner, nobody
   * removes themselves or the last owner). Their sessions, memberships and reset links go with them;
   * the timeline keeps their name on what they did, and leads assigned to them become unassigned.
   */
  async remove(ctx: AgencyContext, userId: string): Promise<boolean> {
    requireUser(ctx);
    assertCan(ctx, Permission.MANAGE_USERS);
    return this.uow
      .run({ agencyId: ctx.agencyId, tenantId: null }, async (store) => {
        const owners = await store.lockOwners();
        const user = await store.findUser(userId);
        if (!user) throw notFound('User', userId);
        if (user.id === ctx.userId) throw new DomainError(ErrorCode.CONFLICT, 'You cannot remove yourself; ask another owner or admin.');
        if (!canAssignRole(ctx.role, user.role)) throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${ctx.role}) cannot remove a ${user.role}.`);
        keepsAnOwner(owners, user);
        return store.deleteUser(userId);
      })
      .finally(() => this.accessChanged());
  }
}

/**
 * Refuses to take away the agency's last owner. `owners` must come from `lockOwners` in the same
 * transaction: two owners demoting (or removing) each other at once are then decided one after the
 * other, and the second sees the first's change.
 */
function keepsAnOwner(owners: readonly string[], user: User): void {
  if (user.role === Role.OWNER && owners.filter((id) => id !== user.id).length === 0) {
    throw new DomainError(ErrorCode.CONFLICT, 'An agency needs at least one owner; make someone else owner first.');
  }
}

async function assignTenants(store: TenancyStore, userId: string, tenantIds: string[]): Promise<void> {
  const known = new Set((await store.listTenants(null)).map((tenant) => tenant.id));
  const unknown = tenantIds.filter((id) => !known.has(id));
  if (unknown.length) throw notFound('Tenant', unknown.join(', '));
  await store.setMemberships(userId, [...new Set(tenantIds)]);
}
