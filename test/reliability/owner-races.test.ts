import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addUser, type Account } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

vi.setConfig({ testTimeout: 300_000 });

/** An agency always keeps an owner, however its owners' changes interleave. */
let app: TestGateway;
const tally = { runs: 0, zeroOwners: 0 };

beforeAll(async () => {
  // Each run signs up an agency of its own: from an address of its own (behind a trusted proxy), under the signup limit.
  app = await startTestGateway({ TRUST_PROXY: 'true' });
});

async function signup(): Promise<Account> {
  const n = tally.runs + 1;
  const email = `owner-${n}-${Date.now()}@race.test`;
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${n >> 8}.${n & 255}` },
    body: JSON.stringify({ query: 'mutation($i: SignupInput!) { signup(input: $i) { token user { id } agency { id } tenants { nodes { id } } } }', variables: { i: { agencyName: `Race ${n}`, tenantName: 'First', name: 'Owner', email, password: 'correct horse battery' } } }),
  });
  const { data, errors } = (await response.json()) as { data?: { signup: { token: string; user: { id: string }; agency: { id: string }; tenants: { nodes: Array<{ id: string }> } } }; errors?: unknown };
  if (!data) throw new Error(`signup failed: ${JSON.stringify(errors)}`);
  const { token, user, agency, tenants } = data.signup;
  return { token, agencyId: agency.id, tenantId: tenants.nodes[0]!.id, userId: user.id, email, password: 'correct horse battery', caller: { token, tenantId: tenants.nodes[0]!.id } };
}
afterAll(async () => {
  console.log(`owner races: ${tally.runs} runs, ${tally.zeroOwners} agencies left without an owner`);
  await app.close();
});

const demote = (by: Account, user: Account) => app.gql(`mutation { updateUser(id: "${user.userId}", input: { role: ADMIN }) { role } }`, {}, { token: by.token });
const remove = (by: Account, user: Account) => app.gql(`mutation { removeUser(id: "${user.userId}") }`, {}, { token: by.token });

type Change = typeof demote;

/** Two owners, each changing the other at the same moment, `runs` times over: exactly one change wins each time. */
async function race(first: Change, second: Change, runs: number): Promise<void> {
  for (let run = 0; run < runs; run += 1) {
    const a = await signup();
    const b = await addUser(app, a, { role: 'OWNER' });
    const [ab, ba] = await Promise.all([first(a, b), second(b, a)]);
    const owners = await app.database.ownerClient().then((db) => db.query("select count(*)::int as n from users where agency_id = $1 and role = 'owner'", [a.agencyId]));
    tally.runs += 1;
    if (owners.rows[0].n === 0) tally.zeroOwners += 1;
    expect(owners.rows[0].n, `run ${run}: ${JSON.stringify([ab, ba])}`).toBe(1);
    const refused = [ab, ba].filter((result) => result.errors);
    expect(refused, JSON.stringify([ab, ba])).toHaveLength(1);
    // The loser is refused because the agency would have no owner left, or because its caller is no longer
    // an owner (FORBIDDEN) or no longer exists (UNAUTHENTICATED), depending on how far the winner had got.
    expect(refused[0]?.errors?.[0]?.extensions?.code).toMatch(/^(CONFLICT|FORBIDDEN|UNAUTHENTICATED)$/);
    if (refused[0]?.errors?.[0]?.extensions?.code === 'CONFLICT') expect(refused[0].errors[0].message).toMatch(/at least one owner/);
  }
}

describe('the last owner, under concurrent changes', () => {
  it('two owners demoting each other at the same moment: one succeeds, the other is refused, the agency keeps an owner', () => race(demote, demote, 8));
  it('two owners removing each other at the same moment: one succeeds, the agency keeps an owner', () => race(remove, remove, 8));
  it('one demoting while the other removes: the agency keeps an owner', () => race(demote, remove, 8));
});
