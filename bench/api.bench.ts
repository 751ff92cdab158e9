import autocannon from 'autocannon';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { benchDatabase, signupOwner, startProduct } from './support/environment.ts';
import { report, type Figure } from './support/report.ts';

const LIST = '{ leads(first: 50, filter: { status: [NEW] }) { nodes { id businessName contactName email phone city status createdAt } } }';
// What the product's list runs, as a bare handler would: one transaction with the tenant set for RLS.
const LIST_SQL = `select id, tenant_id, pipeline, status, business_name, contact_name, email, phone, website, industry, city, country, source,
  company_size, tags, custom_fields, assignee_id, score, version, import_id, created_at, updated_at, (created_at)::text as cursor_key
  from leads where status = $1 order by created_at desc, id desc limit 51`;

async function load(url: string, options: { seconds: number; connections: number; headers: Record<string, string>; body: string | ((i: number) => string) }) {
  let i = 0;
  const result = await autocannon(({
    url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(typeof options.body === 'string' ? { body: options.body } : { requests: [{ setupRequest: (request: object) => ({ ...request, body: (options.body as (i: number) => string)(i++) }) }] }),
  }) as autocannon.Options);
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export async function apiBench(options: { seconds: number; connections: number; leads: number }): Promise<void> {
  const db = await benchDatabase();
  const product = await startProduct(db, 'gateway', { WORKERS: 'false', DATABASE_POOL_MAX: '10' });
  const pool = new pg.Pool({ connectionString: db.appUrl, max: 10 });
  const baseline = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { create?: { email: string } };
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query("select set_config('app.tenant_id', $1, true), set_config('app.agency_id', '', true)", [tenantId]);
        let rows: unknown[];
        if (body.create) {
          const inserted = await client.query(`insert into leads (tenant_id, business_name, email) values ($1, 'Bench lead', $2) returning id`, [tenantId, body.create.email]);
          await client.query(`insert into lead_events (tenant_id, lead_id, kind, actor_type, actor_name) values ($1, $2, 'CREATED', 'user', 'bench')`, [tenantId, inserted.rows[0].id]);
          rows = inserted.rows;
        } else {
          rows = (await client.query(LIST_SQL, ['NEW'])).rows;
        }
        await client.query('commit');
        const text = JSON.stringify({ data: rows });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        res.writeHead(500);
        res.end(String(error));
      } finally {
        client.release();
      }
    });
  });
  let tenantId = '';
  try {
    const owner = await signupOwner(product.url);
    tenantId = owner.tenantId;
    const csv = ['Company,Email,City'];
    for (let i = 0; i < options.leads; i += 1) csv.push(`Bench Business ${i},lead${i}@bench.example.in,Jaipur`);
    await fetch(`${product.url}/api/leads/import`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' }, body: csv.join('\n') });
    await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
    const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`;
    const auth = { authorization: `Bearer ${owner.token}` };

    const listProduct = await load(`${product.url}/graphql`, { ...options, headers: auth, body: JSON.stringify({ query: LIST }) });
    const listBase = await load(baselineUrl, { ...options, headers: {}, body: '{}' });
    const create = (prefix: string) => (i: number) => JSON.stringify({ query: `mutation { createLead(input: { businessName: "Bench lead", email: "${prefix}${i}@new.example.in" }) { id } }`, create: { email: `${prefix}${i}@new.example.in` } });
    const createProduct = await load(`${product.url}/graphql`, { ...options, headers: auth, body: create('p') });
    const createBase = await load(baselineUrl, { ...options, headers: {}, body: create('b') });
    const figures: Figure[] = [
      { metric: 'leads(first: 50) requests/s', product: listProduct.rps, baseline: listBase.rps, unit: 'req/s', higherIsBetter: true, goal: '≥ 0.5×' },
      { metric: 'leads(first: 50) p99 latency', product: listProduct.p99, baseline: listBase.p99, unit: 'ms', higherIsBetter: false, goal: '≤ 2×' },
      { metric: 'createLead requests/s', product: createProduct.rps, baseline: createBase.rps, unit: 'req/s', higherIsBetter: true },
      { metric: 'createLead p99 latency', product: createProduct.p99, baseline: createBase.p99, unit: 'ms', higherIsBetter: false },
    ];
    await report({
      name: 'api',
      parameters: { connections: options.connections, seconds: options.seconds, leads: options.leads },
      figures,
      peakRssMb: product.peakRssMb(),
      notes: [`errors or non-2xx: product list ${listProduct.errors}, baseline list ${listBase.errors}, product create ${createProduct.errors}, baseline create ${createBase.errors}`],
    });
  } finally {
    baseline.close();
    await pool.end();
    await product.stop();
    await db.stop();
  }
}
