import { DomainError, ErrorCode } from './errors.ts';
import { LeadAction } from './lifecycle/lead-lifecycle.ts';

export const Role = { OWNER: 'owner', ADMIN: 'admin', MEMBER: 'member', VIEWER: 'viewer' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles: readonly Role[] = Object.values(Role);
/** Roles an API key may carry (an agency cannot be owned by a key). */
export const apiKeyRoles: readonly Role[] = [Role.ADMIN, Role.MEMBER, Role.VIEWER];

/**
 * Who is calling, by kind: a person signed in, a tenant's API key, or a provider posting a webhook
 * (authenticated by its signature). Anonymous callers reach only public operations.
 */
export const CallerKind = { ANONYMOUS: 'anonymous', USER: 'user', API_KEY: 'api_key', PROVIDER: 'provider' } as const;
export type CallerKind = (typeof CallerKind)[keyof typeof CallerKind];

/** What the access table needs to know of a caller. Providers and anonymous callers have no role. */
export interface Caller {
  kind: CallerKind;
  role: Role | null;
}

export const Permission = {
  /** Read the tenant's data. */
  READ: 'read',
  WRITE_LEADS: 'write_leads',
  /** Moves a person decides against the autopilot: mark interested, reopen a lost lead. */
  OVERRIDE_LIFECYCLE: 'override_lifecycle',
  /** Run the AI on demand (costs the tenant money). */
  SPEND_AI: 'spend_ai',
  /** The tenant's autopilot settings, catalog and provider credentials. */
  MANAGE_SETTINGS: 'manage_settings',
  /** Webhook URLs that carry a secret, and rotating them. */
  READ_SECRETS: 'read_secrets',
  MANAGE_API_KEYS: 'manage_api_keys',
  MANAGE_TENANTS: 'manage_tenants',
  MANAGE_USERS: 'manage_users',
  /** The agency and its people (names, emails, roles). */
  VIEW_DIRECTORY: 'view_directory',
  /** One's own account: profile, password, sessions. */
  OWN_ACCOUNT: 'own_account',
  /** Account emails the offline outbox kept (invitations, resets): they carry sign-in links. */
  READ_ACCOUNT_MAIL: 'read_account_mail',
  /** Post provider events (payments, replies) into a tenant. */
  POST_PROVIDER_EVENTS: 'post_provider_events',
  /** Open, edit and move deals. */
  WRITE_DEALS: 'write_deals',
  /** Define pipelines (their stages, probabilities, auto actions, move policy) and the lost reasons. */
  MANAGE_PIPELINES: 'manage_pipelines',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;
const everyRole = [P.READ, P.VIEW_DIRECTORY, P.OWN_ACCOUNT];
const writer = [...everyRole, P.WRITE_LEADS, P.SPEND_AI, P.WRITE_DEALS];
const manager = [...writer, P.OVERRIDE_LIFECYCLE, P.MANAGE_SETTINGS, P.READ_SECRETS, P.MANAGE_API_KEYS, P.MANAGE_TENANTS, P.MANAGE_USERS, P.MANAGE_PIPELINES];

/** The one permission table: what each role may do. */
const roleGrants: Record<Role, readonly Permission[]> = {
  owner: [...manager, P.READ_ACCOUNT_MAIL],
  admin: manager,
  member: writer,
  viewer: everyRole,
};

/**
 * What a caller's kind withholds from its role. An API key belongs to one tenant: it acts on that
 * tenant's data only, never on tenants, users, roles, keys or the agency's directory, and has no
 * account of its own.
 */
const withheldFrom: Record<CallerKind, readonly Permission[] | 'all-but-provider'> = {
  anonymous: 'all-but-provider',
  provider: 'all-but-provider',
  user: [P.POST_PROVIDER_EVENTS],
  api_key: [P.MANAGE_API_KEYS, P.MANAGE_TENANTS, P.MANAGE_USERS, P.VIEW_DIRECTORY, P.OWN_ACCOUNT, P.READ_ACCOUNT_MAIL, P.POST_PROVIDER_EVENTS],
};

/** The caller an authenticated context stands for. */
export function callerOf(ctx: { role: Role; actor: { type: string } }): Caller {
  return { kind: ctx.actor.type === 'api_key' ? CallerKind.API_KEY : ctx.actor.type === 'provider' ? CallerKind.PROVIDER : CallerKind.USER, role: ctx.role };
}

export function can(caller: Caller | { role: Role; actor: { type: string } }, permission: Permission): boolean {
  const who = 'kind' in caller ? caller : callerOf(caller);
  if (who.kind === CallerKind.PROVIDER) return permission === P.POST_PROVIDER_EVENTS;
  if (who.kind === CallerKind.ANONYMOUS || !who.role) return false;
  const withheld = withheldFrom[who.kind];
  if (withheld !== 'all-but-provider' && withheld.includes(permission)) return false;
  return roleGrants[who.role].includes(permission);
}

/** Refuses with FORBIDDEN (marked as an access decision) unless the caller holds `permission`. */
export function assertCan(caller: Caller | { role: Role; actor: { type: string } }, permission: Permission): void {
  if (can(caller, permission)) return;
  const who = 'kind' in caller ? caller : callerOf(caller);
  throw accessDenied(who, permission);
}

const PERMISSION_WORDS: Record<Permission, string> = {
  read: 'read this tenant\'s data',
  write_leads: 'change leads',
  override_lifecycle: 'override the lead lifecycle',
  spend_ai: 'run the AI on demand',
  manage_settings: 'change the tenant\'s settings',
  read_secrets: 'see or rotate webhook secrets',
  manage_api_keys: 'manage API keys',
  manage_tenants: 'manage client workspaces',
  manage_users: 'manage users',
  view_directory: 'see the agency and its people',
  own_account: 'manage a personal account',
  read_account_mail: 'read account emails (they carry sign-in links)',
  post_provider_events: 'post provider events',
  write_deals: 'change deals',
  manage_pipelines: 'change pipelines or lost reasons',
};

export function accessDenied(caller: Caller, permission: Permission): DomainError {
  const words = PERMISSION_WORDS[permission];
  if (caller.kind === CallerKind.ANONYMOUS) {
    return new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: send a session token or an API key.', { reason: 'ACCESS' });
  }
  const who = caller.kind === CallerKind.API_KEY ? `An API key (${caller.role})` : caller.kind === CallerKind.PROVIDER ? 'A provider' : `Your role (${caller.role})`;
  const hint = caller.kind === CallerKind.API_KEY && caller.role && roleGrants[caller.role].includes(permission) ? '; sign in as a user to do this' : '';
  return new DomainError(ErrorCode.FORBIDDEN, `${who} may not ${words}${hint}.`, { reason: 'ACCESS', permission, callerKind: caller.kind, ...(caller.role ? { role: caller.role } : {}) });
}

/** Agency owners and admins reach every tenant of their agency; others only their memberships. */
export function reachesAllTenants(role: Role): boolean {
  return role === Role.OWNER || role === Role.ADMIN;
}

/** The permission each lead action needs, on top of the lifecycle allowing it. */
export function permissionForAction(action: LeadAction): Permission {
  // Moving a lead by hand where automation would not (an override, a reopen) is an owner's or admin's call.
  return action === LeadAction.MARK_INTERESTED || action === LeadAction.REOPEN ? P.OVERRIDE_LIFECYCLE : P.WRITE_LEADS;
}

/** Which roles may hand out which role: nobody grants more than they hold, only owners make owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (!roleGrants[actor].includes(P.MANAGE_USERS)) return false;
  return target !== Role.OWNER || actor === Role.OWNER;
}
