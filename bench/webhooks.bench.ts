import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import Stripe from 'stripe';
import { benchDatabase, peakRss, signupOwner, startProduct, type BenchDatabase } from './support/environment.ts';
import { report } from './support/report.ts';

/** Stripe's default tolerance: the product and the baseline both refuse older signatures. */
const TOLERANCE_SECONDS = 300;
const BASELINE_FLAG = 'BENCH_WEBHOOKS_BASELINE';

interface PayableLead {
  leadId: string;
  proposalId: string;
  /** Minor units (paise). */
  amount: number;
  email: string;
}

/** One request to post: the lead it pays, and the exact bytes Stripe would send (signed when first posted). */
interface SignedEvent {
  lead: number;
  body: string;
  signature: () => string;
}

interface LoadResult {
  startedAt: number;
  lastResponseAt: number;
  latenciesMs: number[];
  /** Epoch ms of the first post carrying each lead's event. */
  firstPostAt: Float64Array;
  non2xx: number;
  errors: number;
  answeredDuplicate: number;
}

/**
 * Signed Stripe `checkout.session.completed` events for N leads in PROPOSAL_SENT, some sent twice,
 * posted at C connections: events/s and p99 until every lead is PAID — versus a bare node:http
 * server that verifies the same signatures and runs one SQL statement per event, on the same database.
 */
export async function webhooksBench(options: { leads: number; connections: number; duplicateRate: number }): Promise<void> {
  const db = await benchDatabase();
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const product = await startProduct(db, 'all');
  const secret = `whsec_bench_${randomBytes(16).toString('hex')}`;
  try {
    const account = await signupOwner(product.url);
    const gql = (query: string) => fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${account.token}` }, body: JSON.stringify({ query }) }).then((r) => r.json() as Promise<{ data?: Record<string, unknown> }>);
    await gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${secret}") }`);
    const settings = await gql('{ autopilotSettings { autopilot stripeWebhookUrl } }');
    const webhookUrl = (settings.data?.autopilotSettings as { stripeWebhookUrl: string }).stripeWebhookUrl;
    const csv = ['Company,Contact,Email,City,Industry', ...Array.from({ length: options.leads }, (_, i) => `Bench Clinic ${i},Dr. Rao ${i},pay${i}@clinic.in,Jaipur,Dental`)].join('\n');
    await fetch(`${product.url}/api/leads/import`, { method: 'POST', headers: { authorization: `Bearer ${account.token}`, 'content-type': 'text/csv' }, body: csv });
    const leads = await proposalsSent(owner, account.tenantId);
    if (leads.length !== options.leads) throw new Error(`setup: ${leads.length} leads in PROPOSAL_SENT, expected ${options.leads}`);
    await createBaselineTables(owner, db, account.tenantId);

    const postgres = await postgresPid(owner);
    const baseline = await startBaseline(db, secret);
    let base: LoadResult;
    let baselineRssMb: number;
    let baseCpu: { process: number; postgres: number };
    try {
      const before = { process: cpuMs(baseline.pid), postgres: clusterCpuMs(postgres) };
      base = await post(baseline.url, signedEvents(account.tenantId, leads, options.duplicateRate, secret), options.connections);
      baseCpu = { process: cpuMs(baseline.pid) - before.process, postgres: clusterCpuMs(postgres) - before.postgres };
      baselineRssMb = peakRss(baseline.pid);
    } finally {
      await baseline.stop();
    }
    const baseChecks = (await owner.query(`select (select count(*)::int from bench_webhook_leads where status = 'PAID') as paid,
      (select count(*)::int from bench_webhook_events) as events, (select max(extract(epoch from paid_at) * 1000)::float8 from bench_webhook_leads) as last_paid`)).rows[0];
    const basePaidAt = await paidTimes(owner, leads, `select id as lead_id, extract(epoch from paid_at) * 1000 as at from bench_webhook_leads where paid_at is not null`);

    const events = signedEvents(account.tenantId, leads, options.duplicateRate, secret);
    const before = { process: cpuMs(product.pid), postgres: clusterCpuMs(postgres) };
    const load = await post(webhookUrl, events, options.connections);
    const paid = await waitForPaid(owner, account.tenantId, options.leads);
    const cpu = { process: cpuMs(product.pid) - before.process, postgres: clusterCpuMs(postgres) - before.postgres };
    const productPaidAt = await paidTimes(owner, leads, `select lead_id, extract(epoch from created_at) * 1000 as at from lead_events where kind = 'TRANSITION' and to_status = 'PAID'`);
    const checks = await productChecks(owner);

    const seconds = (Math.max(load.lastResponseAt, ...finite(productPaidAt)) - load.startedAt) / 1000;
    const baseSeconds = (Math.max(base.lastResponseAt, baseChecks.last_paid ?? 0) - base.startedAt) / 1000;
    const duplicates = events.length - options.leads;
    await report({
      name: 'webhooks',
      parameters: { leads: options.leads, connections: options.connections, duplicateRate: options.duplicateRate, events: events.length },
      figures: [
        { metric: 'events/s until every lead is PAID', product: events.length / seconds, baseline: events.length / baseSeconds, unit: 'events/s', higherIsBetter: true },
        { metric: 'webhook HTTP p99 latency', product: percentile(load.latenciesMs, 0.99), baseline: percentile(base.latenciesMs, 0.99), unit: 'ms', higherIsBetter: false },
        { metric: 'post → PAID p99', product: percentile(sinceFirstPost(load, productPaidAt), 0.99), baseline: percentile(sinceFirstPost(base, basePaidAt), 0.99), unit: 'ms', higherIsBetter: false },
      ],
      peakRssMb: product.peakRssMb(),
      notes: [
        `product: ${events.length} events (${duplicates} duplicates) in ${seconds.toFixed(2)} s; posting alone took ${((load.lastResponseAt - load.startedAt) / 1000).toFixed(2)} s (${Math.round(events.length / ((load.lastResponseAt - load.startedAt) / 1000))} req/s); post → PAID p50 ${percentile(sinceFirstPost(load, productPaidAt), 0.5).toFixed(0)} ms`,
        `product: PAID leads ${paid}/${options.leads}; PAID transitions ${checks.moves} over ${checks.moved_leads} leads; PAYMENT timeline entries ${checks.payments}; FAILURE entries ${checks.failures}`,
        `product: payment_events ${checks.events} rows, ${checks.event_ids} distinct ids, outcomes ${JSON.stringify(checks.outcomes)}; answered duplicate:true ${load.answeredDuplicate} of ${duplicates} duplicates sent`,
        `product: non-2xx ${load.non2xx}, connection errors ${load.errors}`,
        `baseline: PAID ${baseChecks.paid}/${options.leads}, events stored ${baseChecks.events}, answered duplicate:true ${base.answeredDuplicate} of ${duplicates}; non-2xx ${base.non2xx}, connection errors ${base.errors}; ${baseSeconds.toFixed(2)} s; its process peak RSS ${baselineRssMb} MB`,
        `CPU per event (all ${events.length}): product process ${(cpu.process / events.length).toFixed(2)} ms + PostgreSQL ${perEvent(cpu.postgres, events.length)}; baseline process ${(baseCpu.process / events.length).toFixed(2)} ms + PostgreSQL ${perEvent(baseCpu.postgres, events.length)} (the product's continues with onboarding after PAID; counted until PAID)`,
        `bench process peak RSS ${peakRss('self')} MB`,
      ],
    });
  } finally {
    await product.stop();
    await owner.end();
    await db.stop();
  }
}

/** NEW → CONTACTED → INTERESTED → PROPOSAL_SENT along the lifecycle, with a sent proposal each: a few set-based statements. */
async function proposalsSent(owner: pg.Client, tenantId: string): Promise<PayableLead[]> {
  await owner.query('begin');
  try {
    await owner.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
    const steps = [['NEW', 'CONTACTED', 'OUTREACH_SENT'], ['CONTACTED', 'INTERESTED', 'REPLY_INTERESTED'], ['INTERESTED', 'PROPOSAL_SENT', 'PROPOSAL_SENT']];
    for (const [from, to, trigger] of steps) {
      await owner.query(`with moved as (update leads set status = $2, version = version + 1, updated_at = now() where tenant_id = $1 and status = $3 returning id)
        insert into lead_events (tenant_id, lead_id, kind, actor_type, actor_name, from_status, to_status, trigger)
        select $1, id, 'TRANSITION', 'system', 'bench', $3, $2, $4 from moved`, [tenantId, to, from, trigger]);
    }
    const { rows } = await owner.query<{ lead_id: string; id: string; total: string; email: string }>(
      `insert into proposals (tenant_id, lead_id, version, status, title, summary, line_items, currency, total, expected_results, valid_until, payment_provider, payment_url, payment_ref, sent_at)
       select tenant_id, id, 1, 'sent', 'Website redesign for ' || business_name, 'A fast, mobile-first website with online booking',
              jsonb_build_array(jsonb_build_object('serviceId', null, 'description', 'Website redesign', 'quantity', 1, 'unitAmount', amount)),
              'INR', amount, '["More bookings"]'::jsonb, current_date + 30, 'stripe',
              'https://checkout.stripe.com/c/pay/cs_test_' || replace(id::text, '-', ''), 'cs_test_' || replace(id::text, '-', ''), now()
         from (select tenant_id, id, business_name, 4500000 + (row_number() over (order by id) % 100) * 1000 as amount from leads where tenant_id = $1 and status = 'PROPOSAL_SENT') l
       returning lead_id, id, total, (select email from leads where tenant_id = $1 and id = lead_id)`,
      [tenantId],
    );
    await owner.query('commit');
    return rows.map((r) => ({ leadId: r.lead_id, proposalId: r.id, amount: Number(r.total), email: r.email }));
  } catch (error) {
    await owner.query('rollback');
    throw error;
  }
}

/** The baseline's bare tables: an event-id set and a copy of the leads with their amount. */
async function createBaselineTables(owner: pg.Client, db: BenchDatabase, tenantId: string): Promise<void> {
  const appRole = new URL(db.appUrl).username;
  await owner.query('create table bench_webhook_events (event_id text primary key)');
  await owner.query(`create table bench_webhook_leads as select l.id, l.status, p.total, null::timestamptz as paid_at
    from leads l join proposals p on p.tenant_id = l.tenant_id and p.lead_id = l.id where l.tenant_id = $1`, [tenantId]);
  await owner.query('alter table bench_webhook_leads add primary key (id)');
  await owner.query(`grant select, insert, update on bench_webhook_events, bench_webhook_leads to "${appRole}"`);
}

/**
 * Every lead's event (Stripe's shape, pretty-printed as Stripe sends it), a share of them twice, shuffled.
 * Each is signed when first posted (so a slow run does not outlive the 5-minute tolerance); a repeat is
 * the same object, so it carries the identical body and signature.
 */
function signedEvents(tenantId: string, leads: PayableLead[], duplicateRate: number, secret: string): SignedEvent[] {
  const random = mulberry32(0x5eed);
  const created = Math.floor(Date.now() / 1000);
  const originals = leads.map((lead, i): SignedEvent => {
    const body = JSON.stringify(checkoutCompleted(tenantId, lead, `evt_bench_${i}_${lead.leadId.slice(-12)}`, created), null, 2);
    let signature: string | undefined;
    return { lead: i, body, signature: () => (signature ??= Stripe.webhooks.generateTestHeaderString({ payload: body, secret })) };
  });
  const twice = shuffle([...originals], random).slice(0, Math.round(leads.length * duplicateRate));
  return shuffle([...originals, ...twice], random);
}

function checkoutCompleted(tenantId: string, lead: PayableLead, eventId: string, created: number) {
  const ref = lead.leadId.replace(/-/g, '');
  return {
    id: eventId,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    data: {
      object: {
        id: `cs_test_${ref}`, object: 'checkout.session', amount_subtotal: lead.amount, amount_total: lead.amount, client_reference_id: lead.proposalId, created,
        currency: 'inr', customer: null, customer_details: { email: lead.email, name: null, phone: null, address: null, tax_exempt: 'none', tax_ids: [] }, customer_email: lead.email,
        livemode: false, metadata: { tenantId, leadId: lead.leadId, proposalId: lead.proposalId }, mode: 'payment', payment_intent: `pi_${ref.slice(0, 24)}`, payment_link: null,
        payment_method_types: ['card'], payment_status: 'paid', status: 'complete', success_url: null, cancel_url: null, url: null,
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
  };
}

/** Posts every event once, in order, over `connections` keep-alive connections; each request's latency recorded. */
async function post(url: string, events: SignedEvent[], connections: number): Promise<LoadResult> {
  const result: LoadResult = { startedAt: Date.now(), lastResponseAt: 0, latenciesMs: [], firstPostAt: new Float64Array(events.length).fill(NaN), non2xx: 0, errors: 0, answeredDuplicate: 0 };
  let next = 0;
  type Slot = { sentAt: number };
  const finished = await autocannon({
    url,
    method: 'POST',
    connections,
    amount: events.length,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request, context) => {
          const event = events[next++ % events.length] as SignedEvent;
          (context as Slot).sentAt = performance.now();
          if (Number.isNaN(result.firstPostAt[event.lead])) result.firstPostAt[event.lead] = Date.now();
          return { ...request, body: event.body, headers: { ...request.headers, 'stripe-signature': event.signature() } };
        },
        onResponse: (status, body, context) => {
          result.latenciesMs.push(performance.now() - (context as Slot).sentAt);
          result.lastResponseAt = Date.now();
          if (status < 200 || status > 299) result.non2xx += 1;
          else if (/"duplicate":\s*true/.test(body)) result.answeredDuplicate += 1;
        },
      },
    ],
  });
  result.errors = finished.errors + finished.timeouts;
  return result;
}

async function waitForPaid(owner: pg.Client, tenantId: string, expected: number): Promise<number> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const { rows } = await owner.query("select count(*)::int as n from leads where tenant_id = $1 and status = 'PAID'", [tenantId]);
    const paid = rows[0].n as number;
    if (paid >= expected) return paid;
    if (paid !== last) [last, lastChange] = [paid, Date.now()];
    // No lead paid for a minute: report what there is rather than wait forever.
    if (Date.now() - lastChange > 60_000) return paid;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Epoch ms at which each lead (by index) became PAID; NaN where it did not. */
async function paidTimes(owner: pg.Client, leads: PayableLead[], query: string): Promise<Float64Array> {
  const index = new Map(leads.map((lead, i) => [lead.leadId, i]));
  const at = new Float64Array(leads.length).fill(NaN);
  for (const row of (await owner.query<{ lead_id: string; at: string }>(query)).rows) at[index.get(row.lead_id) as number] = Number(row.at);
  return at;
}

async function productChecks(owner: pg.Client) {
  const { rows } = await owner.query(`select
    (select count(*)::int from lead_events where kind = 'TRANSITION' and to_status = 'PAID') as moves,
    (select count(distinct lead_id)::int from lead_events where kind = 'TRANSITION' and to_status = 'PAID') as moved_leads,
    (select count(*)::int from lead_events where kind = 'PAYMENT') as payments,
    (select count(*)::int from lead_events where kind = 'FAILURE') as failures,
    (select count(*)::int from payment_events) as events,
    (select count(distinct event_id)::int from payment_events) as event_ids,
    (select coalesce(jsonb_object_agg(outcome, n), '{}') from (select coalesce(outcome, 'null') as outcome, count(*) as n from payment_events group by 1) o) as outcomes`);
  return rows[0] as { moves: number; moved_leads: number; payments: number; failures: number; events: number; event_ids: number; outcomes: Record<string, number> };
}

/** CPU time a process has used, in ms (utime + stime; with its reaped children's for the postmaster). */
function cpuMs(pid: number, withReapedChildren = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + (withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The postmaster of the bench database's server when it runs on this machine (the parent of our backend), else null. */
async function postgresPid(owner: pg.Client): Promise<number | null> {
  const backend = (await owner.query('select pg_backend_pid() as pid')).rows[0].pid as number;
  try {
    return Number(readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  } catch {
    return null;
  }
}

/** CPU used by the whole PostgreSQL server so far: the postmaster, its exited backends, and the live ones. */
function clusterCpuMs(postmaster: number | null): number {
  if (postmaster === null) return NaN;
  let total = cpuMs(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

const perEvent = (ms: number, events: number) => (Number.isNaN(ms) ? 'n/a' : `${(ms / events).toFixed(2)} ms`);
const finite = (values: Float64Array) => [...values].filter(Number.isFinite);
const sinceFirstPost = (load: LoadResult, paidAt: Float64Array) => finite(paidAt.map((at, i) => at - (load.firstPostAt[i] as number)));

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** The baseline in its own process (this file, run with BENCH_WEBHOOKS_BASELINE=1), so it does not share the load generator's event loop. */
async function startBaseline(db: BenchDatabase, secret: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, [BASELINE_FLAG]: '1', BENCH_BASELINE_DATABASE_URL: db.appUrl, BENCH_BASELINE_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the baseline exited (${code}) during start-up: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// What the product does per event, as a bare handler would: verify, store the event id once, and if new, mark the lead paid.
const BASELINE_SQL = `with fresh as (insert into bench_webhook_events (event_id) values ($1) on conflict do nothing returning event_id),
  paid as (update bench_webhook_leads set status = 'PAID', paid_at = clock_timestamp()
            where id = $2 and status = 'PROPOSAL_SENT' and total = $3 and exists (select 1 from fresh) returning id)
  select (select count(*) from fresh)::int as fresh, (select count(*) from paid)::int as paid`;

async function serveBaseline(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_BASELINE_DATABASE_URL, max: 10 });
  const secret = process.env.BENCH_BASELINE_SECRET as string;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const reply = (status: number, body: object) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      let event: Stripe.Event;
      try {
        event = Stripe.webhooks.constructEvent(Buffer.concat(chunks), req.headers['stripe-signature'] as string, secret, TOLERANCE_SECONDS);
      } catch (error) {
        return reply(400, { error: String(error) });
      }
      const session = event.data.object as Stripe.Checkout.Session;
      try {
        const { rows } = await pool.query(BASELINE_SQL, [event.id, session.metadata?.leadId, session.amount_total]);
        reply(200, { received: true, duplicate: rows[0].fresh === 0 });
      } catch (error) {
        reply(500, { error: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.once('SIGTERM', () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  });
  console.log(`baseline listening on ${(server.address() as AddressInfo).port}`);
}

if (process.env[BASELINE_FLAG] === '1' && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await serveBaseline();
