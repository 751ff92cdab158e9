import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSdl } from '../../gateway/graphql/schema.ts';
import { signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
});
afterAll(() => app.close());

describe('GraphQL limits', () => {
  it('rejects nesting deeper than GRAPHQL_MAX_DEPTH, directly or through fragments, with a clear error', async () => {
    const deepButAllowed = '{ leads(first: 5) { edges { node { timeline(first: 10) { entries { actor { name } } pageInfo { hasNextPage } } } } } }';
    expect((await app.gql(deepButAllowed, {}, owner.caller)).errors).toBeUndefined();
    const throughFragments = 'query { ...A } fragment A on Query { leads(first: 5) { edges { node { ...B } } } } fragment B on Lead { timeline(first: 10) { entries { actor { name } } } }';
    expect((await app.gql(throughFragments, {}, owner.caller)).errors).toBeUndefined();

    const limited = await startTestGateway({ GRAPHQL_MAX_DEPTH: '3' }, { workers: false });
    try {
      const account = await signup(limited);
      const rejected = await limited.gql('{ leads { edges { node { id } } } }', {}, account.caller);
      expect(errorCode(rejected)).toBe('VALIDATION');
      expect(rejected.errors?.[0]?.message).toContain('nested 4 levels deep; the limit is 3');
      const viaFragment = await limited.gql('query { ...A } fragment A on Query { leads { edges { node { id } } } }', {}, account.caller);
      expect(errorCode(viaFragment)).toBe('VALIDATION');
    } finally {
      await limited.close();
    }

    // Alias floods, costly pages and batches: test/reliability/graphql-abuse.test.ts.
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('refuses bodies over the limit and bodies that are not JSON', async () => {
    const huge = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ me { id } } #${'x'.repeat(7 * 1024 * 1024)}` }) });
    expect(huge.status).toBe(413);
    const garbage = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as any).error.code).toBe('VALIDATION');
  });
});

describe('errors', () => {
  it('a syntax error or unknown field is VALIDATION with the parser\'s message', async () => {
    const syntax = await app.gql('{ leads { ', {}, owner.caller);
    expect(errorCode(syntax)).toBe('VALIDATION');
    const unknown = await app.gql('{ leads { nodes { nope } } }', {}, owner.caller);
    expect(errorCode(unknown)).toBe('VALIDATION');
    expect(unknown.errors?.[0]?.message).toContain('nope');
  });

  it('an unexpected failure is masked and carries the request id that the logs carry', async () => {
    // The app's role loses a privilege it needs: a database failure no input of the caller explains.
    const owners = await app.database.ownerClient();
    await owners.query('revoke select on tenant_settings from crm_app');
    try {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}`, 'x-request-id': 'test-request-42' },
        body: JSON.stringify({ query: '{ autopilotSettings { autopilot } }' }),
      });
      const body = (await response.json()) as any;
      expect(response.headers.get('x-request-id')).toBe('test-request-42');
      expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'test-request-42' });
      expect(body.errors[0].message).not.toMatch(/permission|tenant_settings|postgres/i);
    } finally {
      await owners.query('grant select on tenant_settings to crm_app');
    }
  });

  it('a malformed id is the caller\'s mistake: VALIDATION naming the value', async () => {
    const result = await app.gql('{ lead(id: "not-a-uuid") { id } }', {}, owner.caller);
    expect(errorCode(result)).toBe('VALIDATION');
    expect(result.errors?.[0]?.message).toContain('not-a-uuid');
    // The field is named as documented, and nothing of the database's own wording leaks.
    expect(result.errors?.[0]?.extensions?.fields).toEqual([{ field: 'id', message: expect.stringContaining('not-a-uuid') }]);
    const nested = await app.gql('mutation($i: UpdateLeadInput!) { updateLead(id: "0190b1a2-0000-7000-8000-000000000000", input: $i) { id } }', { i: { assigneeId: 'nobody' } }, owner.caller);
    expect(nested.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.assigneeId', message: expect.stringContaining('nobody') }]);
    for (const answer of [result, nested]) expect(JSON.stringify(answer)).not.toMatch(/syntax|uuid:/i);
  });
});

describe('schema and health', () => {
  it('gateway/schema.graphql matches the code (run `npm run schema` after changing the API)', async () => {
    const committed = await readFile(new URL('../../gateway/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(await printSdl());
  });

  it('/healthz answers; /readyz checks the database and its migrations', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const owner = await app.database.ownerClient();
    await owner.query("delete from mikro_orm_migrations where name = 'Migration20261124000000_foundation'");
    const pending = await fetch(`${app.url}/readyz`);
    expect(pending.status).toBe(503);
    expect(((await pending.json()) as any).pending).toEqual(['Migration20261124000000_foundation']);
    expect((await fetch(`${app.url}/api/nowhere`)).status).toBe(404);
    expect((await fetch(`${app.url}/webhooks/nowhere`, { method: 'POST' })).status).toBe(404);
  });
});
