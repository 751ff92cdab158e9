import { describe, expect, it } from 'vitest';
import { CallerKind, Permission, Role, apiKeyRoles, can, roles, type Caller } from './access.ts';
import { fieldAccess, operationAccess } from './operation-access.ts';

const users: Caller[] = roles.map((role) => ({ kind: CallerKind.USER, role }));
const keys: Caller[] = apiKeyRoles.map((role) => ({ kind: CallerKind.API_KEY, role }));
const anonymous: Caller = { kind: CallerKind.ANONYMOUS, role: null };
const provider: Caller = { kind: CallerKind.PROVIDER, role: null };
const everyone = [...users, ...keys, anonymous, provider];
const operations = Object.entries(operationAccess);

/** Permissions that reach beyond one tenant's data, or belong to a person. */
const agencyLevel: Permission[] = [Permission.MANAGE_USERS, Permission.MANAGE_TENANTS, Permission.MANAGE_API_KEYS, Permission.VIEW_DIRECTORY, Permission.OWN_ACCOUNT];

describe('the access table, by caller kind and role', () => {
  it('an API key, whatever its role, never acts on tenants, users, roles, keys or the directory, and has no account', () => {
    for (const key of keys) for (const permission of agencyLevel) expect(can(key, permission), `${key.role} key: ${permission}`).toBe(false);
    const refusedToKeys = operations.filter(([, rule]) => keys.every((key) => !rule.permission || !can(key, rule.permission))).map(([name]) => name);
    expect(refusedToKeys).toEqual(
      expect.arrayContaining(['createTenant', 'inviteUser', 'updateUser', 'removeUser', 'users', 'agency', 'me', 'apiKeys', 'createApiKey', 'revokeApiKey', 'sessions', 'changePassword', 'accountOutbox']),
    );
    // Every agency-scoped operation an API key may call reads its own tenant's data only.
    for (const [name, rule] of operations) {
      if (rule.scope === 'agency' && keys.some((key) => rule.permission && can(key, rule.permission))) expect([name, rule.permission]).toEqual([name, Permission.READ]);
    }
  });

  it('a viewer, signed in or as a key, only reads (and keeps their own account)', () => {
    const viewerUser: Caller = { kind: CallerKind.USER, role: Role.VIEWER };
    const viewerKey: Caller = { kind: CallerKind.API_KEY, role: Role.VIEWER };
    expect(Object.values(Permission).filter((p) => can(viewerUser, p))).toEqual([Permission.READ, Permission.VIEW_DIRECTORY, Permission.OWN_ACCOUNT]);
    expect(Object.values(Permission).filter((p) => can(viewerKey, p))).toEqual([Permission.READ]);
  });

  it('secrets, settings, AI spending and lifecycle overrides need a role that may have them', () => {
    const holders = (permission: Permission) => everyone.filter((caller) => can(caller, permission)).map((c) => `${c.kind}:${c.role}`);
    expect(holders(Permission.READ_SECRETS)).toEqual(['user:owner', 'user:admin', 'api_key:admin']);
    expect(holders(Permission.MANAGE_SETTINGS)).toEqual(['user:owner', 'user:admin', 'api_key:admin']);
    expect(holders(Permission.OVERRIDE_LIFECYCLE)).toEqual(['user:owner', 'user:admin', 'api_key:admin']);
    expect(holders(Permission.SPEND_AI)).toEqual(['user:owner', 'user:admin', 'user:member', 'api_key:admin', 'api_key:member']);
    expect(holders(Permission.MANAGE_USERS)).toEqual(['user:owner', 'user:admin']);
    expect(holders(Permission.READ_ACCOUNT_MAIL)).toEqual(['user:owner']);
    expect(fieldAccess['AutopilotSettings.inboundWebhookUrl']).toBe(Permission.READ_SECRETS);
  });

  it('anonymous callers reach public operations only; providers only post their events', () => {
    for (const permission of Object.values(Permission)) expect(can(anonymous, permission)).toBe(false);
    expect(Object.values(Permission).filter((p) => can(provider, p))).toEqual([Permission.POST_PROVIDER_EVENTS]);
    expect(operations.filter(([, rule]) => rule.permission === null).map(([name]) => name).sort()).toEqual(['acceptInvitation', 'invitation', 'login', 'requestPasswordReset', 'resetPassword', 'signup']);
    for (const caller of [...users, ...keys]) expect(can(caller, Permission.POST_PROVIDER_EVENTS)).toBe(false);
  });

  it('every operation acts at a declared scope, and only public ones need nothing', () => {
    for (const [name, rule] of operations) {
      expect(['public', 'agency', 'tenant'], name).toContain(rule.scope);
      expect(rule.permission === null, name).toBe(rule.scope === 'public');
    }
  });
});

