import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureAppLogin } from '../../adapters/db/app-role.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../adapters/db/embedded-postgres.ts';
import { migrate } from '../../adapters/db/orm.ts';
import { grantQueueAccess, installQueues } from '../../adapters/queue/pg-boss.ts';
import { startProduct, signupOwner, type Product } from '../../bench/support/environment.ts';
import { createDatabaseIfMissing } from '../../gateway/runtime/database.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

// Its own PostgreSQL: this test stops and restarts it, which the shared test server must not see.
const dataDir = join(tmpdir(), `crm-restart-${randomBytes(4).toString('hex')}`);
let server: EmbeddedPostgresHandle;
let product: Product;
let port: number;

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir, persistent: true });
  port = server.port;
  await createDatabaseIfMissing(server.superuserUrl('postgres'), 'crm');
  const ownerUrl = server.superuserUrl('crm');
  await migrate(ownerUrl);
  await installQueues(ownerUrl);
  await grantQueueAccess(ownerUrl);
  const appUrl = `postgres://crm_restart_app:${randomBytes(8).toString('hex')}@127.0.0.1:${port}/crm`;
  await ensureAppLogin(ownerUrl, appUrl);
  product = await startProduct({ ownerUrl, appUrl, stop: async () => {} }, 'all', { WORKER_CONCURRENCY: '2' });
});
afterAll(async () => {
  await product?.stop();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function gql(token: string, query: string) {
  const response = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: any; errors?: any[] };
}

describe('database restart', () => {
  it('the gateway reports the outage, then it and the workers reconnect; queued work is finished, nothing lost', async () => {
    const owner = await signupOwner(product.url);
    await gql(owner.token, 'mutation { setServiceCatalog(services: [{ name: "Website", priceMin: 100000, currency: "INR" }]) { id } }');
    await gql(owner.token, 'mutation { updateAutopilotSettings(input: { autopilot: true }) { autopilot } }');
    const create = async (i: number) => (await gql(owner.token, `mutation { createLead(input: { businessName: "Restart ${i}", email: "restart${i}@clinic.in" }) { id } }`)).data?.createLead.id as string;
    const before = await Promise.all(Array.from({ length: 10 }, (_, i) => create(i)));
    const contacted = async (ids: string[]) => {
      const { data } = await gql(owner.token, '{ leads(first: 200, filter: { status: [CONTACTED] }) { nodes { id } } }');
      const seen = new Set((data?.leads.nodes ?? []).map((n: { id: string }) => n.id));
      return ids.every((id) => seen.has(id));
    };
    await eventually(() => contacted(before), 60_000, 'the first leads to be contacted');

    await server.stop();
    await eventually(async () => (await fetch(`${product.url}/readyz`)).status === 503, 20_000, '/readyz to report the outage');
    expect((await fetch(`${product.url}/healthz`)).status).toBe(200);

    server = await startEmbeddedPostgres({ dataDir, persistent: true, preferredPort: port });
    expect(server.port).toBe(port);
    await eventually(async () => (await fetch(`${product.url}/readyz`)).status === 200, 60_000, '/readyz to recover');
    const after = await eventually(async () => {
      const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => create(100 + i)));
      return ids.every(Boolean) ? ids : null;
    }, 60_000, 'new leads to be accepted again');
    await eventually(() => contacted(after), 90_000, 'the workers to contact the new leads');
    const { data } = await gql(owner.token, '{ outbox(first: 200) { nodes { toAddress } } }');
    const delivered = (data?.outbox?.nodes ?? []).map((m: { toAddress: string }) => m.toAddress);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toHaveLength(20);
    console.log('database restart: 1 outage, 20 leads, 0 lost, 0 duplicates');
  });
});
