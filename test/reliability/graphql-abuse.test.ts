import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { MAX_SUBSCRIPTIONS_PER_CALLER } from '../../gateway/live/caller-subscriptions.ts';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../gateway/live/subscriptions.ts';
import { signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type GqlResult, type TestGateway } from '../support/gateway.ts';

vi.setConfig({ testTimeout: 120_000 });

/**
 * Abusive GraphQL: deep nesting, alias floods, huge pages, batched operations, oversized bodies.
 * Each is refused by the limits with a clear VALIDATION error, and the server keeps answering.
 */
let app: TestGateway;
let owner: Account;
const tally = { attempts: 0, failures: 0 };
beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  owner = await signup(app);
});
afterAll(async () => {
  console.log(`graphql abuse: ${tally.attempts} attempts, ${tally.failures} failures`);
  await app.close();
});

/** Counts the attempt; a failure is an abusive request that was not refused with the expected message. */
function refused(result: GqlResult, message: RegExp): void {
  tally.attempts += 1;
  // Refused as the client's mistake: 400, never a server error.
  const ok = errorCode(result) === 'VALIDATION' && result.status === 400 && message.test(result.errors?.[0]?.message ?? '') && !result.data;
  if (!ok) tally.failures += 1;
  expect(ok, JSON.stringify(result.errors ?? result.data).slice(0, 300)).toBe(true);
}

const nested = (depth: number) => `{ ${'leads { nodes { assignee { '.repeat(1)}${Array.from({ length: depth }, () => 'timeline { entries { actor { ').join('')}name${' } } }'.repeat(depth)} } } } }`;

describe('abusive operations are refused with a clear error', () => {
  it('deep nesting, directly and through fragments, over the depth limit (10)', async () => {
    refused(await app.gql(nested(4), {}, owner.caller), /nested \d+ levels deep; the limit is 10/);
    const fragments = 'query { ...A } fragment A on Query { leads(first: 5) { nodes { ...B } } } fragment B on Lead { timeline(first: 10) { entries { ...C } } } fragment C on TimelineEntry { actor { ...D } } fragment D on Actor { name }';
    expect((await app.gql(fragments, {}, owner.caller)).errors).toBeUndefined();
    const cycle = 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }';
    refused(await app.gql(cycle, {}, owner.caller), /cycle|Cannot spread fragment/i);
  });

  it('alias floods of 31, 1,000 and 10,000 aliases', async () => {
    for (const n of [31, 1_000, 10_000]) {
      const aliases = Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ');
      refused(await app.gql(`{ ${aliases} }`, {}, owner.caller), /more than 30 aliases/);
    }
  });

  it('huge pages and costly shapes, in the query or through variables', async () => {
    refused(await app.gql('{ leads(first: 200) { nodes { id timeline(first: 500) { entries { id actor { name } } } } } }', {}, owner.caller), /too complex \(cost \d+, limit 5000\)/);
    refused(await app.gql('query($n: Int) { leads(first: $n) { nodes { id timeline(first: 500) { entries { id } } } } }', { n: 200 }, owner.caller), /too complex/);
    refused(await app.gql('{ leads(first: 100000) { nodes { id } } }', {}, owner.caller), /too complex|at most|first/);
    // However the size is asked for: last, a default page, or lists without paging inside each item.
    refused(await app.gql('{ leads(last: 200) { nodes { id timeline(last: 500) { entries { id actor { name } } } } } }', {}, owner.caller), /too complex/);
    refused(await app.gql('{ leads { nodes { id timeline { entries { id actor { name } } } } } }', {}, owner.caller), /too complex/);
    refused(await app.gql('{ leads(first: 200) { nodes { id messages { nodes { id text subject } } tasks { nodes { id title } } aiDecisions { nodes { id reasoning } } } } }', {}, owner.caller), /too complex/);
    // An export or import costs what it does: a request holds at most two.
    refused(await app.gql('{ a: exportLeadsCsv b: exportLeadsCsv c: exportLeadsCsv }', {}, owner.caller), /too complex/);
    refused(await app.gql('query($n: Int) { leads(first: $n) { nodes { id } } }', { n: 'many' }, owner.caller), /\$n/);
  });

  it('batched operations and bodies over the limit are refused before anything runs', async () => {
    const batch = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ me { id } }' }))),
    });
    tally.attempts += 1;
    const batchText = await batch.text();
    if (batch.status !== 400 || !/batch/i.test(batchText)) tally.failures += 1;
    expect(batch.status).toBe(400);
    expect(batchText).toMatch(/batch/i);
    const huge = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ me { id } } #${'x'.repeat(7 * 1024 * 1024)}` }) });
    tally.attempts += 1;
    if (huge.status !== 413) tally.failures += 1;
    expect(huge.status).toBe(413);
  });

  it('JSON nested thousands of levels deep, in a POST body or a GET query string, is refused before anything walks it', async () => {
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const post = (body: string) => fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` }, body });
    const attempts = [
      post(`{"query":"{ me { id } }","variables":{"x":${deep(200_000)}}}`),
      post(`{"query":"mutation($f: JSON) { createLead(input: { businessName: \\"Deep\\", customFields: $f }) { id } }","variables":{"f":{"a":${deep(100)}}}}`),
      post(`{"query":"{ me { id } }","extensions":${deep(1_000)}}`),
      fetch(`${app.url}/graphql?query=${encodeURIComponent('{ me { id } }')}&variables=${encodeURIComponent(`{"x":${deep(1_000)}}`)}`, { headers: { authorization: `Bearer ${owner.token}`, 'apollo-require-preflight': 'true' } }),
    ];
    for (const response of await Promise.all(attempts)) {
      tally.attempts += 1;
      const body = (await response.json()) as { error?: { code: string; message: string } };
      const ok = response.status === 400 && body.error?.code === 'VALIDATION' && /more than 64 levels deep/.test(body.error.message);
      if (!ok) tally.failures += 1;
      expect(ok, JSON.stringify(body).slice(0, 300)).toBe(true);
    }
    // Up to the limit is fine: a custom field nested 20 levels deep is stored.
    const fine = await app.gql('mutation($f: JSONObject) { createLead(input: { businessName: "Nested fields", email: "nested@fields.in", customFields: $f }) { id } }', { f: { a: JSON.parse(deep(20)) } }, owner.caller);
    expect(fine.errors, JSON.stringify(fine.errors)).toBeUndefined();
  });

  it('a subscription whose variables nest thousands of levels deep closes its socket as a bad request; the server goes on', async () => {
    const socket = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${owner.token}` } })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type !== 'connection_ack') return;
      socket.send(`{"id":"1","type":"subscribe","payload":{"query":"subscription { leadChanged { id } }","variables":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`);
    });
    const { code, reason } = await closed;
    tally.attempts += 1;
    if (code !== 4400) tally.failures += 1;
    expect({ code, reason }).toEqual({ code: 4400, reason: 'Messages may nest JSON at most 64 levels deep' });
    expect((await app.gql('{ me { id } }', {}, owner.caller)).data?.me.id).toBe(owner.userId);
  });

  it('one connection opening hundreds of subscriptions gets the first hundred; past that each is refused until one completes', async () => {
    const socket = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const errors = new Map<string, string>();
    let acked: () => void;
    const ack = new Promise<void>((resolve) => (acked = resolve));
    const waiters = new Map<string, () => void>();
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id?: string; payload?: Array<{ message: string }> };
      if (message.type === 'connection_ack') acked();
      if (message.type === 'error' && message.id) {
        errors.set(message.id, message.payload?.[0]?.message ?? '');
        waiters.get(message.id)?.();
      }
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${owner.token}` } })));
    await ack;
    const subscribe = (id: string) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { leadChanged { id } }' } }));
    const refusedOne = (id: string) => new Promise<void>((resolve) => waiters.set(id, resolve));
    const attempts = 3 * MAX_SUBSCRIPTIONS_PER_CONNECTION;
    const last = refusedOne(`s${attempts - 1}`);
    for (let i = 0; i < attempts; i += 1) subscribe(`s${i}`);
    await Promise.race([last, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    tally.attempts += attempts;
    const refusedIds = [...errors.keys()];
    if (refusedIds.length !== attempts - MAX_SUBSCRIPTIONS_PER_CONNECTION) tally.failures += Math.abs(refusedIds.length - (attempts - MAX_SUBSCRIPTIONS_PER_CONNECTION));
    expect(refusedIds).toHaveLength(attempts - MAX_SUBSCRIPTIONS_PER_CONNECTION);
    expect(errors.get(`s${attempts - 1}`)).toBe(`A connection may have at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions open; complete one first.`);
    // Completing one makes room for one more.
    socket.send(JSON.stringify({ id: 's0', type: 'complete' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = refusedOne('again');
    subscribe('again');
    const outcome = await Promise.race([again.then(() => 'refused'), new Promise((resolve) => setTimeout(() => resolve('open'), 500))]);
    expect(outcome).toBe('open');
    socket.close();
    expect((await app.gql('{ me { id } }', {}, owner.caller)).data?.me.id).toBe(owner.userId);
  });

  it('one caller opening many connections is held to one number of subscriptions across them; another caller is not affected', async () => {
    // Across the caller's workspaces too: an owner reaching two tenants gets one allowance.
    const second = (await app.gql('mutation { createTenant(input: { name: "Second workspace" }) { id } }', {}, { token: owner.token })).data?.createTenant.id as string;
    const open = async (token: string, tenantId?: string) => {
      const socket = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      const refused = new Set<string>();
      const acked = new Promise<void>((resolve) =>
        socket.on('message', (data) => {
          const message = JSON.parse(String(data)) as { type: string; id?: string };
          if (message.type === 'connection_ack') resolve();
          if (message.type === 'error' && message.id) refused.add(message.id);
        }),
      );
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}`, ...(tenantId ? { tenantId } : {}) } })));
      await acked;
      return { socket, refused, subscribe: (id: string) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { leadChanged { id } }' } })) };
    };
    const connections = await Promise.all(Array.from({ length: 6 }, (_, i) => open(owner.token, i % 2 ? second : owner.tenantId)));
    for (const [c, connection] of connections.entries()) for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i += 1) connection.subscribe(`c${c}-${i}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const refusedCount = connections.reduce((n, c) => n + c.refused.size, 0);
    tally.attempts += 6 * MAX_SUBSCRIPTIONS_PER_CONNECTION;
    if (refusedCount !== 6 * MAX_SUBSCRIPTIONS_PER_CONNECTION - MAX_SUBSCRIPTIONS_PER_CALLER) tally.failures += 1;
    expect(refusedCount).toBe(6 * MAX_SUBSCRIPTIONS_PER_CONNECTION - MAX_SUBSCRIPTIONS_PER_CALLER);
    const stranger = await signup(app);
    const theirs = await open(stranger.token);
    theirs.subscribe('theirs');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(theirs.refused.size).toBe(0);
    for (const connection of [...connections, theirs]) connection.socket.close();
  });

  it("persisted queries: an unknown hash keeps Apollo's protocol code; a hash that does not match its query is bad input", async () => {
    const post = (body: unknown) => fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` }, body: JSON.stringify(body) }).then(async (r) => ({ ...((await r.json()) as GqlResult), status: r.status }));
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    tally.attempts += 1;
    if (errorCode(unknown) !== 'PERSISTED_QUERY_NOT_FOUND') tally.failures += 1;
    expect(errorCode(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
    refused(await post({ query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }), /provided sha does not match query/);
  });

  it('a storm of 200 concurrent abusive requests leaves the server answering normal ones', async () => {
    const abusive = [
      () => app.gql(`{ ${Array.from({ length: 2_000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`, {}, owner.caller),
      () => app.gql(nested(20), {}, owner.caller),
      () => app.gql('{ leads(first: 5000) { nodes { id timeline(first: 500) { entries { id } } } } }', {}, owner.caller),
    ];
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (abusive[i % abusive.length] as () => Promise<GqlResult>)()));
    for (const result of results) {
      tally.attempts += 1;
      if (errorCode(result) !== 'VALIDATION') tally.failures += 1;
    }
    expect(results.every((r) => errorCode(r) === 'VALIDATION')).toBe(true);
    const normal = await app.gql('{ me { id } leads(first: 5) { nodes { id } } }', {}, owner.caller);
    expect(normal.errors).toBeUndefined();
    expect(normal.data?.me.id).toBe(owner.userId);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });
});
