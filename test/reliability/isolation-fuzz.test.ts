import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSchema } from '../../gateway/graphql/schema.ts';
import { addUser, createLead, linkTokenFor, signup, type Account } from '../support/factories.ts';
import { operationText, rootFields, type RootField } from '../support/schema-operations.ts';
import { setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type Caller, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const ATTEMPTS = Number(process.env.ISOLATION_FUZZ_ATTEMPTS ?? 10_000);
const MARKER = 'victimsecret';

let app: TestGateway;
let victim: Account;
let attacker: Account;
const victimIds: string[] = [];
const victimCursors: string[] = [];
let checksum: () => Promise<string>;

beforeAll(async () => {
  app = await startTestGateway();
  victim = await signup(app, { agencyName: `Victim ${MARKER} Agency` });
  attacker = await signup(app, { agencyName: 'Attacker Agency' });
  await setUpAutopilot(app, victim, true);
  await setUpAutopilot(app, attacker, true);
  // The victim's agency gets something of every kind: leads in several states, messages, a proposal, a key, a user, an import.
  const leads = [];
  for (let i = 0; i < 3; i += 1) leads.push(await createLead(app, victim.caller, { businessName: `${MARKER} clinic ${i}`, email: `${MARKER}${i}@victim.in` }));
  for (const lead of leads) await waitForStatus(app, victim, lead.id, 'CONTACTED');
  await app.gql(`mutation { simulateInboundReply(leadId: "${leads[0]!.id}", body: "Interested, price?") { id } }`, {}, victim.caller);
  await waitForStatus(app, victim, leads[0]!.id, 'PROPOSAL_SENT');
  await app.gql(`mutation { createApiKey(input: { name: "${MARKER} key", role: ADMIN }) { key } }`, {}, victim.caller);
  await addUser(app, victim, { role: 'MEMBER', tenantIds: [victim.tenantId], email: `member-${MARKER}@victim.in`, name: `${MARKER} member` });
  await app.gql(`mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }`, { i: { email: `invited-${MARKER}@victim.in`, name: `${MARKER} invitee`, role: 'VIEWER', tenantIds: [victim.tenantId] } }, { token: victim.token });
  await linkTokenFor(app, victim, `invited-${MARKER}@victim.in`, 'INVITATION');
  await app.gql(`mutation($csv: String!) { importLeadsCsv(csv: $csv) { import { id } } }`, { csv: `Company,Email\n${MARKER} imported,${MARKER}imp@victim.in\n` }, victim.caller);
  const owner = await app.database.ownerClient();
  // Let the victim's autopilot finish what it started, so only an attacker could change its data.
  await eventually(async () => {
    const { rows } = await owner.query(`
      select (select count(*)::int from leads where tenant_id = $1 and status = 'NEW') +
             (select count(*)::int from messages where tenant_id = $1 and status in ('composing', 'queued', 'sending')) +
             (select count(*)::int from pgboss.job where data->>'tenantId' = $1::text and state in ('created', 'retry', 'active')) as busy`, [victim.tenantId]);
    return rows[0].busy === 0;
  }, 60_000, 'the victim\'s autopilot to settle');
  const agencyTables = ['users', 'tenants', 'sessions', 'invitations', 'account_outbox'];
  for (const table of ['leads', 'messages', 'proposals', 'api_keys', 'lead_imports', 'lead_events', 'tasks', 'ai_decisions', 'outbox', ...agencyTables]) {
    const column = table === 'outbox' || table === 'account_outbox' ? 'message_id' : 'id';
    const scope = agencyTables.includes(table) ? `agency_id = '${victim.agencyId}'` : `tenant_id = '${victim.tenantId}'`;
    const { rows } = await owner.query(`select ${column} as id from ${table} where ${scope}`);
    victimIds.push(...rows.map((row) => String(row.id)));
  }
  victimIds.push(victim.tenantId, victim.agencyId, victim.userId);
  const page = await app.gql('{ leads(first: 1) { pageInfo { endCursor } } }', {}, victim.caller);
  victimCursors.push(page.data?.leads.pageInfo.endCursor);
  await eventually(async () => (await app.gql('{ inbox { nodes { id } } }', {}, victim.caller)).data?.inbox.nodes.length > 0, 20_000, 'the victim\'s reply');
  checksum = async () => {
    const { rows } = await owner.query(`
      select md5(string_agg(t, ',' order by t)) as sum from (
        select l::text as t from leads l where tenant_id = $1 union all select m::text from messages m where tenant_id = $1
        union all select p::text from proposals p where tenant_id = $1 union all select k::text from api_keys k where tenant_id = $1
        union all select u::text from users u where agency_id = $2 union all select s::text from tenant_settings s where tenant_id = $1
        union all select i::text from invitations i where agency_id = $2
        union all select (s.id, s.user_id, s.revoked_at, s.expires_at)::text from sessions s where agency_id = $2) x`, [victim.tenantId, victim.agencyId]);
    return rows[0].sum;
  };
});
afterAll(() => app.close());

/** Deterministic pseudo-random choices, so a failure can be replayed. */
function rng(seed: number) {
  let state = seed;
  return {
    next: () => (state = (state * 48271) % 2147483647) / 2147483647,
    pick<T>(items: T[]): T {
      return items[Math.floor(this.next() * items.length)] as T;
    },
  };
}

function valueFor(type: GraphQLInputType, name: string, random: ReturnType<typeof rng>, depth = 0, writes = false): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, name, random, depth, writes);
  if (isListType(type)) return [valueFor(type.ofType, name, random, depth, writes)];
  const named = getNamedType(type);
  if (isEnumType(named)) return random.pick([...named.getValues()]).value;
  if (isInputObjectType(named)) {
    if (depth > 3) return null;
    return Object.fromEntries(Object.values(named.getFields()).map((field) => [field.name, valueFor(field.type, field.name, random, depth + 1, writes)]));
  }
  switch (named.name) {
    case 'ID':
      return random.pick(victimIds);
    case 'Int':
      return random.pick([1, 2, 5, 50]);
    case 'Float':
      return 0.5;
    case 'Boolean':
      return random.next() > 0.5;
    case 'JSONObject':
    case 'JSON':
      return { note: 'probe' };
    default:
      if (/after|cursor/i.test(name)) return random.pick(victimCursors);
      if (/id$/i.test(name)) return random.pick(victimIds);
      // Writes never carry the victim's marker, so the marker in any answer is the victim's own data;
      // reads search for the victim's names and emails.
      if (writes) return /email/i.test(name) ? 'probe@attacker.in' : random.pick(['attacker probe', 'Company,Email\nProbe,probe@attacker.in']);
      if (/email/i.test(name)) return `${MARKER}0@victim.in`;
      return random.pick([MARKER, `${MARKER} clinic 0`, `${MARKER}0@victim.in`]);
  }
}

/** A selection of every scalar field, one level into objects: enough to leak anything returned. */
function selection(type: ReturnType<typeof getNamedType>, depth = 0): string {
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type)));
  const parts = fields.map((field) => {
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) return field.name;
    return depth < 2 ? `${field.name} { ${selection(named, depth + 1) || '__typename'} }` : '';
  });
  return parts.filter(Boolean).join(' ') || '__typename';
}

/** Operations that answer from the caller's own input alone and read nothing stored: they echo what they were sent. */
const ECHOES_INPUT = new Set(['previewLeadImport']);

/** True when an answer holds the victim's data (an error may only name what the caller asked for). */
function leaks_in(result: { data?: unknown; errors?: Array<{ message: string }> }, variables: Record<string, unknown>, caller: Caller, name = ''): boolean {
  // An echo of the caller's input is not a leak, so its data holds nothing to look for; its errors still are checked.
  const data = ECHOES_INPUT.has(name) ? 'null' : JSON.stringify(result.data ?? null);
  let errors = JSON.stringify(result.errors?.map((e) => e.message) ?? []);
  const asked = [JSON.stringify(variables), caller.tenantId ?? ''].join(' ');
  for (const id of victimIds) if (asked.includes(id)) errors = errors.split(id).join('');
  return data.includes(MARKER) || errors.includes(MARKER) || victimIds.some((id) => data.includes(id) || errors.includes(id));
}

function operation(root: RootField, random: ReturnType<typeof rng>) {
  const args = root.field.args.filter((arg: GraphQLArgument) => isNonNullType(arg.type) || random.next() > 0.4);
  const variables = Object.fromEntries(args.map((arg) => [arg.name, valueFor(arg.type, arg.name, random, 0, root.kind === 'mutation')]));
  return { query: operationText('Fuzz', root, args, (type) => selection(type)), variables };
}

describe('tenant isolation fuzz', () => {
  it(`${ATTEMPTS} generated attempts over every query and mutation: nothing of the other agency is returned or changed`, async () => {
    const schema: GraphQLSchema = await createSchema();
    // Signing in and out only concern the attacker's own sessions (and would end the fuzz's own token).
    const fields = rootFields(schema).filter(({ kind, field }) => kind === 'query' || !['signup', 'login', 'logout', 'revokeAllSessions'].includes(field.name));
    const keys = await Promise.all(['ADMIN', 'VIEWER'].map(async (role) => (await app.gql(`mutation { createApiKey(input: { name: "fuzz", role: ${role} }) { key } }`, {}, attacker.caller)).data?.createApiKey.key));
    const callers: Caller[] = [
      attacker.caller,
      { token: attacker.token, tenantId: victim.tenantId },
      { token: keys[0] },
      { token: keys[1] },
      { token: keys[0], tenantId: victim.tenantId },
    ];
    const before = await checksum();
    const random = rng(20261124);
    const leaks: string[] = [];
    // The detector itself: the victim reading its own leads must count as "the victim's data".
    const control = await app.gql('{ leads { nodes { id businessName } } }', {}, victim.caller);
    expect(leaks_in(control, {}, victim.caller)).toBe(true);
    const perField = new Map<string, number>();
    const internals: string[] = [];
    let attempts = 0;
    while (attempts < ATTEMPTS) {
      const batch = Array.from({ length: 20 }, () => {
        const root = random.pick(fields);
        const { field } = root;
        perField.set(field.name, (perField.get(field.name) ?? 0) + 1);
        return { op: operation(root, random), caller: random.pick(callers), name: field.name };
      });
      const results = await Promise.all(batch.map(({ op, caller }) => app.gql(op.query, op.variables, caller)));
      results.forEach((result, i) => {
        const { op, caller } = batch[i]!;
        if (leaks_in(result, op.variables, caller, batch[i]!.name)) leaks.push(`${batch[i]!.name}: ${op.query} ${JSON.stringify(op.variables)} -> ${JSON.stringify(result).slice(0, 300)}`);
        // A wrong id, cursor or value is the caller's mistake: it gets a clear error, never an internal one.
        if (result.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) internals.push(`${batch[i]!.name}: ${op.query} ${JSON.stringify(op.variables).slice(0, 200)}`);
      });
      attempts += batch.length;
    }
    expect(leaks).toEqual([]);
    expect(internals.slice(0, 5)).toEqual([]);
    expect(await checksum()).toBe(before);
    expect(perField.size).toBe(fields.length);
    console.log(`tenant isolation fuzz: ${attempts} attempts over ${fields.length} operations, ${leaks.length} failures, ${internals.length} internal errors`);
  });
});
