import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket from 'ws';
import { benchDatabase, peakRss, signupOwner, startProduct, type BenchDatabase, type Product } from './support/environment.ts';
import { report } from './support/report.ts';

/**
 * Live updates: `subscribers` graphql-ws clients spread evenly over `tenants` tenants (of two
 * agencies) and two gateway processes; a worker process moves `changes` leads NEW → CONTACTED
 * (the autopilot, offline AI, outbox); each move is one `leadChanged` event. Latency runs from the
 * commit to the client's receipt: the commit is the transaction's commit timestamp (the bench's
 * database records them; on a BENCH_DATABASE_URL without track_commit_timestamp, the transition's
 * timeline row, the transaction's last statement). Before the moves, a warm-up of field edits runs
 * the same path unmeasured, as in a gateway that has been up a while. The baseline, on the same
 * database in the same run: two processes that each LISTEN with a plain pg client and forward every
 * notification over a bare `ws` server to the same number of plain ws clients, while a pg connection
 * replays the product's commit schedule as `update` + `pg_notify` statements.
 */
export async function liveBench(options: { subscribers: number; changes: number; tenants: number }): Promise<void> {
  const db = await benchDatabase();
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  owner.on('error', () => undefined);
  await owner.connect();
  try {
    const product = await runProduct(db, owner, options);
    const baseline = await runBaseline(db, owner, options, product.schedule);
    const p = summary(product.latencies);
    const b = summary(baseline.latencies);
    const isolation = product.foreign === 0 && product.errors === 0;
    const complete = product.missing === 0 && product.transitions === options.changes;
    await report({
      name: 'live',
      parameters: { ...options, gateways: 2, agencies: product.agencies },
      figures: [
        { metric: 'leadChanged commit → client p50', product: p.p50, baseline: b.p50, unit: 'ms', higherIsBetter: false },
        { metric: 'leadChanged commit → client p99', product: p.p99, baseline: b.p99, unit: 'ms', higherIsBetter: false, goal: '< 100 ms' },
      ],
      peakRssMb: Math.max(...product.gatewayRssMb),
      notes: [
        `deliveries: ${product.delivered} of ${product.expected} expected (subscribers × CONTACTED moves of their tenant; ${product.transitions} of ${options.changes} moves made) — ${complete ? 'complete' : `INCOMPLETE: ${product.missing} missing`}; duplicates ${product.duplicates}`,
        `tenant isolation: ${isolation ? 'OK' : 'FAILED'} — ${product.foreign} deliveries of another tenant's lead, ${product.errors} subscription errors; ${product.otherStatus} other deliveries (status ≠ CONTACTED, after the start)`,
        `product p50/p99 by gateway: ${product.byGateway.map((g, i) => `#${i + 1} ${fmt(g.p50)}/${fmt(g.p99)} ms`).join(', ')}; max ${fmt(p.max)} ms; mean ${fmt(p.mean)} ms`,
        `conservative, from the transaction's start (lead.updatedAt = now()): p50 ${fmt(product.fromStart.p50)} ms, p99 ${fmt(product.fromStart.p99)} ms`,
        `breakdown at a plain LISTEN in the bench process — commit → NOTIFY: product p50 ${fmt(product.notify.p50)} ms, p99 ${fmt(product.notify.p99)} ms, baseline p50 ${fmt(baseline.notify.p50)} ms, p99 ${fmt(baseline.notify.p99)} ms; NOTIFY → client: product p50 ${fmt(product.fromNotify.p50)} ms, p99 ${fmt(product.fromNotify.p99)} ms, baseline p50 ${fmt(baseline.fromNotify.p50)} ms, p99 ${fmt(baseline.fromNotify.p99)} ms`,
        `latency from each transaction's commit (${product.commitClock}); before the moves, ${product.warmUp} field edits per tenant warmed the path up, unmeasured`,
        `the worker made the ${product.transitions} moves in ${product.seconds.toFixed(1)} s (${Math.round(product.transitions / product.seconds)}/s); the baseline replays the same commit schedule (${baseline.delivered} of ${baseline.expected} deliveries, max ${fmt(b.max)} ms)`,
        `peak RSS: gateways ${product.gatewayRssMb.join(' MB, ')} MB; worker ${product.workerRssMb} MB; baseline forwarders ${baseline.rssMb.join(' MB, ')} MB; bench process ${peakRss('self')} MB`,
        `time and CPU: product ${product.cpu}; baseline ${baseline.cpu}`,
        `bench process event-loop delay p99 (clients' receipt times lag by it): product run ${fmt(product.loopDelayP99)} ms, baseline run ${fmt(baseline.loopDelayP99)} ms`,
      ],
    });
  } finally {
    await owner.end();
    await db.stop();
  }
}

interface Latencies {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

function summary(values: number[]): Latencies {
  if (!values.length) return { p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] as number, mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

/** CPU seconds (user + system) a process has used so far; Linux, like peakRss. */
function cpuSeconds(pid: number | 'self'): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** CPU seconds of this machine's PostgreSQL server processes (0 when the database is elsewhere). */
function databaseCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) total += cpuSeconds(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
/** Wall-clock milliseconds with sub-millisecond precision (PostgreSQL's clock_timestamp() is the same clock). */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The SQL for a row's commit time: its transaction's commit timestamp when the server records them
 * (track_commit_timestamp, on in the bench's own database), else `fallback`.
 */
async function commitTime(db: pg.Client, fallback: string): Promise<string> {
  const { rows } = await db.query<{ on: boolean }>("select current_setting('track_commit_timestamp') = 'on' as on");
  return rows[0]?.on ? `coalesce(pg_xact_commit_timestamp(xmin), ${fallback})` : fallback;
}

/** Subscriber j belongs to tenant j mod T and to gateway ⌊j / T⌋ mod 2: even over both. */
const placement = (j: number, tenants: number) => ({ tenant: j % tenants, gateway: Math.floor(j / tenants) % 2 });

/** Splits `changes` over `tenants` as evenly as possible. */
const shares = (changes: number, tenants: number) => Array.from({ length: tenants }, (_, i) => Math.floor(changes / tenants) + (i < changes % tenants ? 1 : 0));

async function gql<T>(url: string, token: string, tenantId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(tenantId ? { 'x-tenant-id': tenantId } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Waits until `done()` or until `stallMs` pass without `progress()` changing; false on a stall. */
async function waitFor(done: () => Promise<boolean> | boolean, progress: () => Promise<number> | number, stallMs: number, everyMs = 100): Promise<boolean> {
  let last = await progress();
  let lastAt = Date.now();
  for (;;) {
    if (await done()) return true;
    await sleep(everyMs);
    const current = await progress();
    if (current !== last) {
      last = current;
      lastAt = Date.now();
    } else if (Date.now() - lastAt > stallMs) return false;
  }
}

interface Delivery {
  id: string;
  status: string;
  at: number;
  updatedAt: number;
}

interface ProductRun {
  agencies: number;
  /** Where commit times came from, and the warm-up edits per tenant. */
  commitClock: string;
  warmUp: number;
  latencies: number[];
  byGateway: Latencies[];
  fromStart: Latencies;
  notify: Latencies;
  fromNotify: Latencies;
  /** The commits in order: tenant and milliseconds after the first, for the baseline to replay. */
  schedule: Array<{ tenant: number; offsetMs: number }>;
  transitions: number;
  expected: number;
  delivered: number;
  missing: number;
  duplicates: number;
  foreign: number;
  otherStatus: number;
  errors: number;
  seconds: number;
  gatewayRssMb: number[];
  workerRssMb: number;
  loopDelayP99: number;
  cpu: string;
}

async function runProduct(db: BenchDatabase, owner: pg.Client, options: { subscribers: number; changes: number; tenants: number }): Promise<ProductRun> {
  const started: Product[] = [];
  const clients: WebSocket[] = [];
  const listener = new pg.Client({ connectionString: db.ownerUrl });
  listener.on('error', () => undefined);
  // Should this process die, its children must not outlive it.
  const killStarted = () =>
    started.forEach((p) => {
      try {
        process.kill(p.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    });
  process.once('exit', killStarted);
  try {
    // One deployment: every process signs and checks sessions with the same secret (else each makes its own in its DATA_DIR).
    const deployment = { JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    const processes = await Promise.all([startProduct(db, 'gateway', deployment), startProduct(db, 'gateway', deployment), startProduct(db, 'worker', deployment)].map((p) => p.then((product) => (started.push(product), product))));
    const [gatewayA, gatewayB, worker] = processes as [Product, Product, Product];
    const gateways = [gatewayA, gatewayB];

    // Tenants of two agencies (so "none of another" crosses agencies too), each with its NEW leads.
    const agencies = Math.min(2, options.tenants);
    const owners = await Promise.all(Array.from({ length: agencies }, () => signupOwner(gatewayA.url)));
    const tenants: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < options.tenants; i += 1) {
      const agency = owners[i % agencies]!;
      const id = i < agencies ? agency.tenantId : (await gql<{ createTenant: { id: string } }>(gatewayA.url, agency.token, null, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { name: `Bench Tenant ${i + 1}`, defaultCountry: 'IN' } })).createTenant.id;
      tenants.push({ id, token: agency.token });
    }
    const counts = shares(options.changes, options.tenants);
    for (const [i, tenant] of tenants.entries()) {
      await gql(gatewayA.url, tenant.token, tenant.id, `mutation { updateAutopilotSettings(input: { autopilot: false, dailySendLimit: ${options.changes} }) { autopilot } }`);
      const csv = ['Company,Contact,Email,City,Industry', ...Array.from({ length: counts[i]! }, (_, k) => `Live Clinic ${i}-${k},Dr. Rao ${k},live${i}x${k}@clinic.in,Jaipur,Dental`)].join('\n');
      const response = await fetch(`${gatewayA.url}/api/leads/import`, { method: 'POST', headers: { authorization: `Bearer ${tenant.token}`, 'x-tenant-id': tenant.id, 'content-type': 'text/csv' }, body: csv });
      const result = (await response.json()) as { import?: { imported: number } };
      if (result.import?.imported !== counts[i]) throw new Error(`tenant ${i + 1}: imported ${result.import?.imported} of ${counts[i]} leads: ${JSON.stringify(result).slice(0, 500)}`);
    }
    const tenantIndex = new Map(tenants.map((t, i) => [t.id, i]));
    const leadTenant = new Map<string, number>();
    for (const row of (await owner.query<{ id: string; tenant_id: string }>('select id, tenant_id from leads')).rows) leadTenant.set(row.id, tenantIndex.get(row.tenant_id) ?? -1);

    // A plain LISTEN in this process: when each NOTIFY arrives (a breakdown, not the figure).
    const notified = new Map<string, number>();
    await listener.connect();
    listener.on('notification', (message) => {
      const event = JSON.parse(message.payload ?? '{}') as { kind?: string; id?: string; status?: string };
      if (event.kind === 'lead' && event.status === 'CONTACTED' && event.id && !notified.has(event.id)) notified.set(event.id, now());
    });
    await listener.query('LISTEN crm_events');

    // The subscribers, authenticated as their agency's owner in their tenant.
    const subscribers = Array.from({ length: options.subscribers }, (_, j) => ({ ...placement(j, options.tenants), received: [] as Delivery[], errors: 0 }));
    const query = 'subscription { leadChanged { id status version updatedAt } }';
    await Promise.all(
      subscribers.map(async (subscriber) => {
        const tenant = tenants[subscriber.tenant]!;
        let connected!: () => void;
        let failed!: (error: unknown) => void;
        const ready = new Promise<void>((resolve, reject) => ((connected = resolve), (failed = reject)));
        // The graphql-transport-ws protocol spoken directly over `ws` (as the baseline's clients
        // use bare `ws`): the measuring process spends on each message what the baseline's does.
        const socket = new WebSocket(`${gateways[subscriber.gateway]!.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
        clients.push(socket);
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${tenant.token}`, tenantId: tenant.id } })));
        socket.on('close', (code, reason) => failed(new Error(`a subscriber's connection closed: ${code} ${reason.toString()}`)));
        socket.on('error', (error) => failed(error));
        socket.on('message', (data) => {
          const at = now();
          const message = JSON.parse(data.toString()) as { type: string; payload?: { data?: { leadChanged: { id: string; status: string; updatedAt: string } }; errors?: unknown[] } };
          if (message.type === 'connection_ack') {
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
            return connected();
          }
          if (message.type === 'next') {
            const lead = message.payload?.data?.leadChanged;
            if (message.payload?.errors?.length || !lead) return void (subscriber.errors += 1);
            subscriber.received.push({ id: lead.id, status: lead.status, at, updatedAt: Date.parse(lead.updatedAt) });
          } else if (message.type === 'error') {
            subscriber.errors += 1;
            failed(new Error(`subscription error: ${JSON.stringify(message.payload)}`));
          }
        });
        await ready;
      }),
    );
    // Subscriptions start after connection_ack: probe (a field edit, status stays NEW) until every one has seen its tenant's probe.
    const probeLeads: string[] = [];
    for (const t of tenants) probeLeads.push((await owner.query<{ id: string }>('select id from leads where tenant_id = $1 limit 1', [t.id])).rows[0]!.id);
    const deadline = Date.now() + 60_000;
    for (let round = 1; subscribers.some((s) => !s.received.length); round += 1) {
      if (Date.now() > deadline) throw new Error(`${subscribers.filter((s) => !s.received.length).length} subscribers never received their tenant's probe`);
      await Promise.all(tenants.map((t, i) => gql(gatewayA.url, t.token, t.id, 'mutation($id: ID!, $city: String) { updateLead(id: $id, input: { city: $city }) { id } }', { id: probeLeads[i], city: `Probe ${round}` })));
      await sleep(500);
    }
    // Warm-up, not measured: a long-running gateway has its hot paths compiled; these are cold
    // after start-up. Field edits (the status stays NEW) of 50 leads per statement, as the moves will
    // come, run the same notice → read → fan-out path until every subscriber has seen them all.
    const warmRounds = Math.max(1, Math.round(options.changes / options.tenants / 50));
    const receivedSoFar = () => subscribers.reduce((sum, s) => sum + s.received.length, 0);
    const warmFrom = receivedSoFar();
    let warmExpected = 0;
    for (let round = 0; round < warmRounds; round += 1) {
      for (const [i, t] of tenants.entries()) {
        const { rowCount } = await owner.query("update leads set city = 'Warm-up ' || $2::int, version = version + 1, updated_at = now() where id in (select id from leads where tenant_id = $1 order by id limit 50)", [t.id, round]);
        warmExpected += (rowCount ?? 0) * subscribers.filter((s) => s.tenant === i).length;
      }
      await sleep(100);
    }
    if (!(await waitFor(() => receivedSoFar() - warmFrom >= warmExpected, receivedSoFar, 20_000))) throw new Error(`the warm-up stalled: ${receivedSoFar() - warmFrom} of ${warmExpected} deliveries`);
    await sleep(500);
    const firstAfterProbe = subscribers.map((s) => s.received.length);
    const errorsBefore = subscribers.map((s) => s.errors);

    // Go: the autopilot of every tenant; the worker composes, sends and moves each lead.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const pids = [gatewayA.pid, gatewayB.pid, worker.pid, 'self'] as const;
    const cpuBefore = pids.map(cpuSeconds);
    const databaseCpuBefore = databaseCpuSeconds();
    const startedAt = performance.now();
    for (const tenant of tenants) await gql(gatewayA.url, tenant.token, tenant.id, `mutation { updateAutopilotSettings(input: { autopilot: true, dailySendLimit: ${options.changes} }) { autopilot } }`);
    const moves = async () => (await owner.query<{ n: number }>("select count(*)::int as n from lead_events where kind = 'TRANSITION' and to_status = 'CONTACTED'")).rows[0]!.n;
    await waitFor(async () => (await moves()) >= options.changes, moves, 60_000, 200);
    const seconds = (performance.now() - startedAt) / 1000;
    const commitClock = await commitTime(owner, 'created_at');
    const commits = (
      await owner.query<{ lead_id: string; tenant_id: string; at: number }>(
        `select lead_id, tenant_id, extract(epoch from ${commitClock})::float8 * 1000 as at from lead_events where kind = 'TRANSITION' and to_status = 'CONTACTED' order by at`,
      )
    ).rows;
    const commitAt = new Map(commits.map((c) => [c.lead_id, c.at]));
    const perTenant = Array.from({ length: options.tenants }, (_, i) => commits.filter((c) => tenantIndex.get(c.tenant_id) === i).length);
    const expected = subscribers.reduce((sum, s) => sum + perTenant[s.tenant]!, 0);
    const deliveredOf = (s: (typeof subscribers)[number]) => new Set(s.received.slice(firstAfterProbe[subscribers.indexOf(s)]).filter((d) => d.status === 'CONTACTED' && leadTenant.get(d.id) === s.tenant).map((d) => d.id)).size;
    const delivered = () => subscribers.reduce((sum, s) => sum + deliveredOf(s), 0);
    await waitFor(() => delivered() >= expected, delivered, 20_000);
    await sleep(1_000); // late duplicates or strays
    loop.disable();
    const cpu = pids.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!);
    const databaseCpu = databaseCpuSeconds() - databaseCpuBefore;
    const wall = (performance.now() - startedAt) / 1000;

    const latencies: number[] = [];
    const byGateway: number[][] = [[], []];
    const fromStart: number[] = [];
    const fromNotify: number[] = [];
    let duplicates = 0;
    let foreign = 0;
    let otherStatus = 0;
    let errors = 0;
    let received = 0;
    for (const [j, s] of subscribers.entries()) {
      errors += s.errors - errorsBefore[j]!;
      const seen = new Set<string>();
      for (const d of s.received.slice(firstAfterProbe[j])) {
        if (leadTenant.get(d.id) !== s.tenant) foreign += 1;
        else if (d.status !== 'CONTACTED') otherStatus += 1;
        else if (seen.has(d.id)) duplicates += 1;
        else {
          seen.add(d.id);
          received += 1;
          const commit = commitAt.get(d.id);
          if (commit === undefined) continue;
          latencies.push(d.at - commit);
          byGateway[s.gateway]!.push(d.at - commit);
          fromStart.push(d.at - d.updatedAt);
          if (notified.has(d.id)) fromNotify.push(d.at - notified.get(d.id)!);
        }
      }
    }
    const first = commits[0]?.at ?? 0;
    return {
      agencies,
      commitClock: commitClock === 'created_at' ? "the transition's timeline row" : 'commit timestamps',
      warmUp: warmRounds * 50,
      latencies,
      byGateway: byGateway.map(summary),
      fromStart: summary(fromStart),
      fromNotify: summary(fromNotify),
      notify: summary([...notified].flatMap(([id, at]) => (commitAt.has(id) ? [at - commitAt.get(id)!] : []))),
      schedule: commits.map((c) => ({ tenant: tenantIndex.get(c.tenant_id)!, offsetMs: c.at - first })),
      transitions: commits.length,
      expected,
      delivered: received,
      missing: expected - received,
      duplicates,
      foreign,
      otherStatus,
      errors,
      seconds,
      gatewayRssMb: gateways.map((g) => g.peakRssMb()),
      workerRssMb: worker.peakRssMb(),
      loopDelayP99: loop.percentile(99) / 1e6,
      cpu: `${wall.toFixed(1)} s from autopilot on to the last delivery; CPU s: gateways ${cpu[0]!.toFixed(1)} + ${cpu[1]!.toFixed(1)}, worker ${cpu[2]!.toFixed(1)}, bench process ${cpu[3]!.toFixed(1)}, PostgreSQL ${databaseCpu.toFixed(1)}`,
    };
  } finally {
    process.off('exit', killStarted);
    await Promise.all(started.map((p) => p.stop()));
    for (const client of clients) client.terminate();
    await listener.end().catch(() => undefined);
  }
}

/** The raw forwarder: LISTEN with a plain pg client, fan out by tenant over a bare ws server. */
const FORWARDER = `
import pg from 'pg';
import { WebSocketServer } from 'ws';
const byTenant = new Map();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (socket, request) => {
  const tenant = new URL(request.url, 'http://localhost').searchParams.get('tenant');
  const set = byTenant.get(tenant) ?? new Set();
  set.add(socket);
  byTenant.set(tenant, set);
  socket.on('close', () => set.delete(socket));
});
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
client.on('notification', (message) => {
  const event = JSON.parse(message.payload);
  for (const socket of byTenant.get(String(event.tenant)) ?? []) socket.send(JSON.stringify({ data: { changed: event } }));
});
await client.query('LISTEN bench_live');
await new Promise((resolve) => (wss.address() ? resolve() : wss.once('listening', resolve)));
console.log('port ' + wss.address().port);
process.once('SIGTERM', () => process.exit(0));
`;

async function startForwarder(url: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', FORWARDER], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /port (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`the baseline forwarder exited:\n${output}`)));
  });
  return { port, child };
}

async function runBaseline(db: BenchDatabase, owner: pg.Client, options: { subscribers: number; tenants: number }, schedule: ProductRun['schedule']) {
  await owner.query('create table bench_live (id int primary key, tenant int not null, version int not null default 1, updated_at timestamptz not null default now())');
  await owner.query('insert into bench_live (id, tenant) select i, t from unnest($1::int[]) with ordinality as s(t, i)', [schedule.map((s) => s.tenant)]);
  const forwarders: Array<{ port: number; child: ChildProcess }> = [];
  const killForwarders = () => forwarders.forEach((f) => f.child.kill('SIGTERM'));
  process.once('exit', killForwarders);
  const sockets: WebSocket[] = [];
  const listener = new pg.Client({ connectionString: db.ownerUrl });
  listener.on('error', () => undefined);
  const pool = new pg.Pool({ connectionString: db.ownerUrl, max: 4 });
  pool.on('error', () => undefined);
  try {
    await Promise.all([startForwarder(db.ownerUrl), startForwarder(db.ownerUrl)].map((f) => f.then((forwarder) => void forwarders.push(forwarder))));
    const notified = new Map<number, number>();
    const committed = new Map<number, number>();
    await listener.connect();
    listener.on('notification', (message) => {
      const event = JSON.parse(message.payload ?? '{}') as { id: number; at: number };
      notified.set(event.id, now());
      committed.set(event.id, event.at);
    });
    await listener.query('LISTEN bench_live');
    const subscribers = Array.from({ length: options.subscribers }, (_, j) => ({ ...placement(j, options.tenants), received: [] as Array<{ id: number; tenant: number; at: number; commit: number }> }));
    await Promise.all(
      subscribers.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(`ws://127.0.0.1:${forwarders[s.gateway]!.port}/?tenant=${s.tenant}`);
            sockets.push(socket);
            socket.on('message', (data) => {
              const at = now();
              const event = (JSON.parse(String(data)) as { data: { changed: { id: number; tenant: number; at: number } } }).data.changed;
              s.received.push({ id: event.id, tenant: event.tenant, at, commit: event.at });
            });
            socket.once('open', () => resolve());
            socket.once('error', reject);
          }),
      ),
    );
    await Promise.all(Array.from({ length: 10 }, () => pool.query('select 1'))); // warm connections

    // The product's commits, replayed on the same schedule: one statement (update + notify, one transaction) each.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const pids = [...forwarders.map((f) => f.child.pid as number), 'self' as const];
    const cpuBefore = pids.map(cpuSeconds);
    const databaseCpuBefore = databaseCpuSeconds();
    const start = now();
    const sends: Array<Promise<unknown>> = [];
    for (const [k, change] of schedule.entries()) {
      const wait = start + change.offsetMs - now();
      if (wait > 1) await sleep(wait);
      sends.push(
        pool.query(
          `with moved as (update bench_live set version = version + 1, updated_at = now() where id = $1 returning id, tenant, version)
           select pg_notify('bench_live', json_build_object('id', id, 'tenant', tenant, 'version', version, 'at', extract(epoch from clock_timestamp())::float8 * 1000)::text) from moved`,
          [k + 1],
        ),
      );
    }
    await Promise.all(sends);
    const perTenant = Array.from({ length: options.tenants }, (_, i) => schedule.filter((c) => c.tenant === i).length);
    const expected = subscribers.reduce((sum, s) => sum + perTenant[s.tenant]!, 0);
    const delivered = () => subscribers.reduce((sum, s) => sum + s.received.length, 0);
    await waitFor(() => delivered() >= expected, delivered, 20_000);
    loop.disable();
    const cpu = pids.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!);
    const databaseCpu = databaseCpuSeconds() - databaseCpuBefore;
    const wall = (now() - start) / 1000;
    // The commits themselves, when the server records them (else the statement's clock, just before).
    const commits = new Map((await owner.query<{ id: number; at: number }>(`select id, extract(epoch from ${await commitTime(owner, 'null::timestamptz')})::float8 * 1000 as at from bench_live`)).rows.map((r) => [r.id, r.at]));
    for (const s of subscribers) for (const d of s.received) d.commit = commits.get(d.id) ?? d.commit;
    for (const [id, at] of commits) if (at !== null) committed.set(id, at);
    const mine = subscribers.flatMap((s) => s.received.filter((d) => d.tenant === s.tenant));
    return {
      latencies: mine.map((d) => d.at - d.commit),
      fromNotify: summary(mine.flatMap((d) => (notified.has(d.id) ? [d.at - notified.get(d.id)!] : []))),
      expected,
      delivered: delivered(),
      notify: summary([...notified].map(([id, at]) => at - committed.get(id)!)),
      rssMb: forwarders.map((f) => peakRss(f.child.pid as number)),
      cpu: `${wall.toFixed(1)} s; CPU s: forwarders ${cpu[0]!.toFixed(1)} + ${cpu[1]!.toFixed(1)}, bench process ${cpu[2]!.toFixed(1)}, PostgreSQL ${databaseCpu.toFixed(1)}`,
      loopDelayP99: loop.percentile(99) / 1e6,
    };
  } finally {
    process.off('exit', killForwarders);
    for (const socket of sockets) socket.terminate();
    await listener.end().catch(() => undefined);
    await pool.end();
    await Promise.all(forwarders.map((f) => new Promise<void>((resolve) => (f.child.exitCode !== null ? resolve() : (f.child.once('exit', () => resolve()), f.child.kill('SIGTERM'))))));
  }
}
