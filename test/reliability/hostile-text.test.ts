import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { User } from '../../core/tenancy/tenancy.types.ts';
import { createSchema } from '../../gateway/graphql/schema.ts';
import { createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type Caller, type TestGateway } from '../support/gateway.ts';
import { operationText, rootFields, type RootField } from '../support/schema-operations.ts';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

/** Text an outside tester types into every field: bytes PostgreSQL refuses, broken UTF-16, injections, sizes. */
const HOSTILE = [
  'a\u0000b',
  '\ud800 lone surrogate \udfff',
  "'; drop table leads; --",
  '%_\\ wildcards',
  '\u202e reversed \u202d',
  'x'.repeat(100_000),
  '',
  '   ',
  '=HYPERLINK("http://evil.test","x")',
  '<script>alert(1)</script>',
  '😀'.repeat(1000),
  '\r\n\t',
];

let app: TestGateway;
let owner: Account;
/** The owner's own ids, by the table they name, so an operation reaches its real code path. */
const ownIds: string[] = [];
beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await setUpAutopilot(app, owner, true);
  const lead = await createLead(app, owner.caller, { businessName: 'Hostile text clinic', email: 'hostile@clinic.in' });
  await waitForStatus(app, owner, lead.id, 'CONTACTED');
  const client = await app.database.ownerClient();
  for (const table of ['leads', 'messages', 'api_keys', 'users', 'tenants', 'lead_imports']) {
    const byAgency = table === 'users' || table === 'tenants';
    const { rows } = await client.query(`select id from ${table} where ${byAgency ? 'agency_id' : 'tenant_id'} = $1 limit 2`, [byAgency ? owner.agencyId : owner.tenantId]);
    ownIds.push(...rows.map((row) => String(row.id)));
  }
});
afterAll(() => app.close());

function valueFor(type: GraphQLInputType, name: string, text: string, hostileIds: boolean, depth = 0, pick = 0): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, name, text, hostileIds, depth, pick);
  if (isListType(type)) return [valueFor(type.ofType, name, text, hostileIds, depth, pick)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[pick % named.getValues().length]!.name;
  if (isInputObjectType(named)) {
    if (depth > 3) return null;
    return Object.fromEntries(Object.values(named.getFields()).map((field) => [field.name, valueFor(field.type, field.name, text, hostileIds, depth + 1, pick)]));
  }
  switch (named.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 0.5;
    case 'Boolean':
      return true;
    case 'JSONObject':
    case 'JSON':
      return { [text.slice(0, 64) || 'k']: text };
    case 'DateTimeISO':
      return new Date().toISOString();
    case 'ID':
      return hostileIds ? text : ownIds[pick % ownIds.length];
    default:
      return /id$/i.test(name) && !hostileIds ? ownIds[pick % ownIds.length] : text;
  }
}

/** Every scalar field of a type, so an answer is read in full. */
const scalarFields = (type: GraphQLObjectType) =>
  Object.values(type.getFields()).filter((f) => !f.args.length && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)))).map((f) => f.name).join(' ') || '__typename';

function operation(root: RootField, text: string, hostileIds: boolean, pick: number) {
  const variables = Object.fromEntries(root.field.args.map((arg) => [arg.name, valueFor(arg.type, arg.name, text, hostileIds, 0, pick)]));
  return { query: operationText('Hostile', root, root.field.args, scalarFields), variables };
}

/**
 * Signing out ends the caller's sessions (all of them, for revokeAllSessions): these run last, each
 * in a session of its own, and the owner signs in again after them.
 */
const ENDS_SESSION = new Set(['logout', 'revokeAllSessions']);
async function freshSession(): Promise<Caller> {
  // Started directly, not by signing in: the hostile passwords tried on changePassword count against sign-in.
  const session = await app.services.accounts.sessions.start({ id: owner.userId, agencyId: owner.agencyId } as User, { address: null, userAgent: 'hostile-text' });
  return { token: await app.gateway.tokens.issue({ userId: owner.userId, agencyId: owner.agencyId, sessionId: session.id }, session.expiresAt), tenantId: owner.tenantId };
}

describe('hostile text in every argument', () => {
  it('every query and mutation, with NUL bytes, broken UTF-16, injections and 100,000-character strings in its text (and then its ids): a clear error or success, never an internal error', async () => {
    const schema = await createSchema();
    // Destructive operations last, so the others run against a whole account; signing out after them.
    const destructive = /^(delete|remove|revoke)/;
    const order = (name: string) => (ENDS_SESSION.has(name) ? 2 : destructive.test(name) ? 1 : 0);
    const fields = rootFields(schema).sort((a, b) => order(a.field.name) - order(b.field.name));
    const internals: string[] = [];
    const codes = new Map<string, number>();
    let attempts = 0;
    for (const hostileIds of [false, true]) {
      const session = await freshSession();
      owner = { ...owner, token: session.token as string, caller: session };
      for (const root of fields) {
        const { field } = root;
        const results = await Promise.all(
          HOSTILE.map(async (text, pick) => {
            const op = operation(root, text, hostileIds, pick);
            const caller = ENDS_SESSION.has(field.name) ? await freshSession() : owner.caller;
            return { op, result: await app.gql(op.query, op.variables, caller) };
          }),
        );
        for (const { op, result } of results) {
          attempts += 1;
          for (const error of result.errors ?? []) codes.set(String(error.extensions?.code), (codes.get(String(error.extensions?.code)) ?? 0) + 1);
          if (result.status >= 500 || result.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
            internals.push(`${field.name} (${result.status}): ${JSON.stringify(op.variables).slice(0, 160)} -> ${JSON.stringify(result.errors).slice(0, 200)}`);
          }
        }
      }
    }
    const session = await freshSession();
    owner = { ...owner, token: session.token as string, caller: session };
    console.log(`hostile text: ${attempts} attempts over ${fields.length} operations, ${internals.length} failures; error codes ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(internals).toEqual([]);
    // Still answering, and still ready.
    expect((await app.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it('the HTTP endpoints: hostile text in a CSV cell is an issue of its row, in a file name or export filter a clear 400, in a webhook path the answer of a wrong secret (400 Stripe, 404 email); never a 500 or a cut-off download', async () => {
    const auth = { authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenantId };
    const dashes = '-'.repeat(36);
    const post = (path: string, body: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { method: 'POST', body, headers: { ...auth, 'content-type': 'text/csv', ...headers } });

    const csv = ['Company,Email,Notes', 'Good one,good@nul.in,fine', 'Bad one,bad@nul.in,x\u0000y', `${HOSTILE[4]},rtl@nul.in,"${HOSTILE[8]!.replaceAll('"', '""')}"`].join('\n');
    const imported = await post('/api/leads/import?filename=nul.csv', csv);
    const result = (await imported.json()) as { import: { rowsRead: number; imported: number; invalid: number; duplicates: number }; issues: Array<{ row: number; field: string; reason: string }> };
    expect(imported.status, JSON.stringify(result)).toBe(200);
    expect(result.import).toMatchObject({ rowsRead: 3, imported: 2, invalid: 1, duplicates: 0 });
    expect(result.issues).toEqual([expect.objectContaining({ row: 3, field: 'customFields', reason: 'must not contain NUL characters (U+0000)' })]);

    const cases: Array<[string, Promise<Response>, number]> = [
      ['a NUL in the file name', post('/api/leads/import?filename=%00', 'Company,Email\nA,a@nul.in\n'), 400],
      ['a NUL in an export filter', fetch(`${app.url}/api/leads/export.csv?search=%00`, { headers: auth }), 400],
      ['LIKE wildcards in an export filter', fetch(`${app.url}/api/leads/export.csv?search=%25_`, { headers: auth }), 200],
      ['a malformed import id', fetch(`${app.url}/api/imports/${dashes}/issues.csv`, { headers: auth }), 400],
      ['a malformed tenant in a Stripe webhook path', fetch(`${app.url}/webhooks/stripe/${dashes}`, { method: 'POST', body: '{}', headers: { 'stripe-signature': 't=1,v1=0' } }), 400],
      ['a malformed tenant in an inbound email path', fetch(`${app.url}/webhooks/email/${dashes}/${'a'.repeat(20)}`, { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=x' } }), 404],
    ];
    for (const [name, response, status] of cases) {
      const answer = await response;
      const body = await answer.text(); // a cut-off download would throw here
      expect({ name, status: answer.status }).toEqual({ name, status });
      // A webhook that does not verify answers as a bad signature does; everything else is bad input.
      if (status === 400) expect(JSON.parse(body).error.code).toBe(name.includes('Stripe') ? 'UNAUTHENTICATED' : 'VALIDATION');
    }
  });
});

