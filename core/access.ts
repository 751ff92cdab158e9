import { DomainError, ErrorCode } from './errors.ts';
import { LeadAction } from './lifecycle/lead-lifecycle.ts';

export const Role = { OWNER: 'owner', ADMIN: 'admin', MEMBER: 'member', VIEWER: 'viewer' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles: readonly Role[] = Object.values(Role);
/** Roles an API key may carry (an agency cannot be owned by a key). */
export const apiKeyRoles: readonly Role[] = [Role.ADMIN, Role.MEMBER, Role.VIEWER];

export const Permission = {
  READ: 'read',
  WRITE_LEADS: 'write_leads',
  OVERRIDE_LIFECYCLE: 'override_lifecycle',
  MANAGE_API_KEYS: 'manage_api_keys',
  MANAGE_TENANTS: 'manage_tenants',
  MANAGE_USERS: 'manage_users',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;
/** The one permission table: who may do what. */
const grants: Record<Role, readonly Permission[]> = {
  owner: [P.READ, P.WRITE_LEADS, P.OVERRIDE_LIFECYCLE, P.MANAGE_API_KEYS, P.MANAGE_TENANTS, P.MANAGE_USERS],
  admin: [P.READ, P.WRITE_LEADS, P.OVERRIDE_LIFECYCLE, P.MANAGE_API_KEYS, P.MANAGE_TENANTS, P.MANAGE_USERS],
  member: [P.READ, P.WRITE_LEADS],
  viewer: [P.READ],
};

/** Agency owners and admins reach every tenant of their agency; others only their memberships. */
export function reachesAllTenants(role: Role): boolean {
  return role === Role.OWNER || role === Role.ADMIN;
}

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function assertCan(role: Role, permission: Permission): void {
  if (!can(role, permission)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${role}) does not allow this (${permission} is needed).`, { role, permission });
  }
}

/** The permission each lead action needs, on top of the lifecycle allowing it. */
export function permissionForAction(action: LeadAction): Permission {
  // Moving a lead by hand where automation would not (an override, a reopen) is an owner's or admin's call.
  return action === LeadAction.MARK_INTERESTED || action === LeadAction.REOPEN ? P.OVERRIDE_LIFECYCLE : P.WRITE_LEADS;
}

/** Which roles may hand out which role: nobody grants more than they hold, only owners make owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (!can(actor, P.MANAGE_USERS)) return false;
  return target !== Role.OWNER || actor === Role.OWNER;
}
