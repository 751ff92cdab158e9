import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLInputType } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CallerKind, can, type Caller as AccessCaller } from '../../core/access.ts';
import { operationRule } from '../../core/operation-access.ts';
import { createSchema } from '../../gateway/graphql/schema.ts';
import { addTeamMember, createApiKey, createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot } from '../support/funnel.ts';
import { startTestGateway, type Caller, type GqlResult, type TestGateway } from '../support/gateway.ts';
import { operationText, rootFields } from '../support/schema-operations.ts';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

/**
 * Every query, mutation and subscription, called by every kind of caller in every role: the answer
 * is an access refusal exactly when the access table (core/access.ts, core/operation-access.ts)
 * says so, and a refused call changes nothing. Walks the schema, so new operations are covered
 * without editing this file.
 */
interface Probe {
  name: string;
  caller: Caller;
  who: AccessCaller;
}

let app: TestGateway;
let owner: Account;
const probes: Probe[] = [];
const ids: string[] = [];

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await setUpAutopilot(app, owner, false);
  for (let i = 0; i < 3; i += 1) ids.push((await createLead(app, owner.caller)).id as string);
  const user = (role: 'owner' | 'admin' | 'member' | 'viewer', account: Account): Probe => ({ name: `user:${role}`, caller: account.caller, who: { kind: CallerKind.USER, role } });
  probes.push({ name: 'anonymous', caller: {}, who: { kind: CallerKind.ANONYMOUS, role: null } }, user('owner', owner));
  for (const role of ['ADMIN', 'MEMBER', 'VIEWER'] as const) {
    probes.push(user(role.toLowerCase() as 'admin', await addTeamMember(app, owner, role)));
    const key = await createApiKey(app, owner, role);
    probes.push({ name: `api_key:${role.toLowerCase()}`, caller: key.caller, who: { kind: CallerKind.API_KEY, role: role.toLowerCase() as 'admin' } });
  }
});
afterAll(() => app.close());

function valueFor(type: GraphQLInputType, name: string, depth = 0): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, name, depth);
  if (isListType(type)) return [valueFor(type.ofType, name, depth)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    if (depth > 3) return null;
    return Object.fromEntries(Object.values(named.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, valueFor(f.type, f.name, depth + 1)]));
  }
  if (named.name === 'ID') return ids[0];
  if (named.name === 'Int') return 1;
  if (named.name === 'Boolean') return false;
  if (named.name === 'DateTimeISO') return '2030-01-01T10:00:00.000Z';
  if (/email/i.test(name)) return 'probe@example.in';
  return 'probe';
}

const scalars = (type: ReturnType<typeof getNamedType>) =>
  isObjectType(type) ? Object.values(type.getFields()).filter((f) => !f.args.length && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)))).map((f) => f.name).join(' ') || '__typename' : '';

const refusedForAccess = (result: GqlResult) => Boolean(result.errors?.some((e) => e.extensions?.reason === 'ACCESS')) && !result.data?.[Object.keys(result.data ?? {})[0] ?? ''];

async function checksum(): Promise<string> {
  const owner_ = await app.database.ownerClient();
  const { rows } = await owner_.query(`
    select md5(string_agg(t, ',' order by t)) as sum from (
      select l::text as t from leads l union all select m::text from messages m union all select p::text from proposals p
      union all select (k.id, k.name, k.role, k.revoked_at)::text from api_keys k union all select u::text from users u union all select t::text from tenants t
      union all select s::text from tenant_settings s union all select s::text from services s union all select e::text from lead_events e) x`);
  return rows[0].sum;
}

describe('access by caller kind and role, over the REST file endpoints', () => {
  it('every route that acts for a caller refuses exactly where the table refuses', async () => {
    const { leadRoutes } = await import('../../gateway/http/lead-routes.ts');
    const routes = leadRoutes(app.services, async () => { throw new Error('not called'); }, 1024).filter((route) => route.operation);
    expect(routes.length).toBeGreaterThanOrEqual(4);
    const importId = (await app.gql('mutation($csv: String) { importLeadsCsv(csv: $csv) { import { id } } }', { csv: 'Company,Email\nRest Probe,rest@probe.example\n' }, owner.caller)).data?.importLeadsCsv.import.id;
    const mismatches: string[] = [];
    for (const route of routes) {
      const method = Array.isArray(route.method) ? route.method[0]! : route.method;
      const path = typeof route.path === 'string' ? route.path : `/api/imports/${importId}/issues.csv`;
      const rule = operationRule(route.operation!)!;
      for (const probe of probes) {
        const allowed = rule.permission === null || can(probe.who, rule.permission);
        const headers: Record<string, string> = { 'content-type': 'text/csv', ...(probe.caller.token ? { authorization: `Bearer ${probe.caller.token}` } : {}), ...(probe.caller.tenantId ? { 'x-tenant-id': probe.caller.tenantId } : {}) };
        const response = await fetch(`${app.url}${path}`, { method, headers, ...(method === 'POST' ? { body: 'Company,Email\nRest Walk,walk@probe.example\n' } : {}) });
        const body = await response.text();
        const refused = response.status === 401 || (response.status === 403 && body.includes('ACCESS'));
        if (refused === allowed) mismatches.push(`${probe.name} ${method} ${path}: table says ${allowed ? 'allowed' : 'refused'}, got ${response.status} ${body.slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});


describe('access by caller kind and role, over every operation', () => {
  it('subscriptions over WebSocket: the same table decides', async () => {
    const schema = await createSchema();
    const subscriptions = Object.values(schema.getSubscriptionType()?.getFields() ?? {});
    expect(subscriptions.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    for (const field of subscriptions) {
      const rule = operationRule(field.name)!;
      for (const probe of probes) {
        const allowed = rule.permission === null || can(probe.who, rule.permission);
        const outcome = await trySubscribe(`subscription { ${field.name} { __typename } }`, probe.caller);
        if ((outcome === 'open') !== allowed) mismatches.push(`${probe.name} ${field.name}: table says ${allowed ? 'allowed' : 'refused'}, got ${outcome}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
  it('queries and mutations over HTTP: refused exactly where the table refuses, and a refusal changes nothing', async () => {
    const fields = rootFields(await createSchema());
    const attempts = fields.flatMap((root) => probes.map((probe) => {
      const rule = operationRule(root.field.name)!;
      const allowed = rule.permission === null || can(probe.who, rule.permission);
      const args = root.field.args.filter((arg) => isNonNullType(arg.type));
      const variables = Object.fromEntries(args.map((arg) => [arg.name, valueFor(arg.type, arg.name)]));
      return { root, probe, allowed, query: operationText('Probe', root, args, scalars), variables };
    }));
    const mismatches: string[] = [];
    // Refusals first, all of them, then the checksum: nothing a refused caller sent took effect.
    const before = await checksum();
    for (const attempt of attempts.filter((a) => !a.allowed)) {
      const result = await app.gql(attempt.query, attempt.variables, attempt.probe.caller);
      if (!refusedForAccess(result)) mismatches.push(`${attempt.probe.name} ${attempt.root.field.name}: expected an access refusal, got ${JSON.stringify(result).slice(0, 200)}`);
    }
    expect(await checksum()).toBe(before);
    // Operations that end the caller's own session go last, so every other one runs signed in.
    const endsSession = (name: string) => ['logout', 'revokeAllSessions', 'revokeSession', 'changePassword'].includes(name);
    const allowed = attempts.filter((a) => a.allowed).sort((a, b) => Number(endsSession(a.root.field.name)) - Number(endsSession(b.root.field.name)));
    for (const attempt of allowed) {
      const result = await app.gql(attempt.query, attempt.variables, attempt.probe.caller);
      if (refusedForAccess(result) || result.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
        mismatches.push(`${attempt.probe.name} ${attempt.root.field.name}: allowed by the table, got ${JSON.stringify(result.errors).slice(0, 200)}`);
      }
    }
    expect(mismatches).toEqual([]);
    const refused = attempts.filter((a) => !a.allowed).length;
    expect(refused).toBeGreaterThan(fields.length); // the walk exercised refusals of every kind
    console.log(`access by caller: ${attempts.length} attempts over ${fields.length} operations and ${probes.length} callers, ${refused} refused as the table says, ${mismatches.length} failures`);
  });

});

/** Subscribes and waits briefly: 'open' when the server accepted it, else what refused it. */
async function trySubscribe(query: string, caller: Caller): Promise<string> {
  const client = createClient({
    url: `${app.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: caller.token ? { authorization: `Bearer ${caller.token}`, ...(caller.tenantId ? { tenantId: caller.tenantId } : {}) } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  try {
    return await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('open'), 400);
      client.subscribe({ query }, {
        next: () => undefined,
        error: (error) => {
          clearTimeout(timer);
          resolve(`refused: ${JSON.stringify(error).slice(0, 120)}`);
        },
        complete: () => undefined,
      });
    });
  } finally {
    await client.dispose();
  }
}
