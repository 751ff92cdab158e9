import { PgBoss } from 'pg-boss';
import pg from 'pg';
import { benchDatabase, peakRss, signupOwner, startProduct } from './support/environment.ts';
import { report } from './support/report.ts';

/**
 * NEW → CONTACTED for N leads with the autopilot on (offline AI, outbox channel), measured from
 * the import until every lead is CONTACTED — versus pg-boss completing N trivial jobs that each
 * run one UPDATE, on the same database in the same run.
 */
export async function autopilotBench(options: { leads: number }): Promise<void> {
  const db = await benchDatabase();
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    // Baseline: N jobs, each one UPDATE, on a worker with the same concurrency as the product's.
    await client.query('create table bench_rows (id int primary key, done boolean not null default false)');
    await client.query('insert into bench_rows select g from generate_series(1, $1) g', [options.leads]);
    const boss = new PgBoss({ connectionString: db.ownerUrl, max: 6, useListenNotify: true });
    boss.on('error', () => {});
    await boss.start();
    await boss.createQueue('bench.trivial', { notify: true });
    const startedBase = performance.now();
    await boss.insert('bench.trivial', Array.from({ length: options.leads }, (_, i) => ({ data: { id: i + 1 } })));
    await boss.work('bench.trivial', { batchSize: 10, perJobResults: true, localConcurrency: 4, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, burstWhenBatchFull: true }, async (jobs: Array<{ id: string; data: { id: number } }>) =>
      Promise.all(jobs.map(async (job) => {
        await client.query('update bench_rows set done = true where id = $1', [job.data.id]);
        return { id: job.id, status: 'completed' as const };
      })),
    );
    for (;;) {
      const { rows } = await client.query('select count(*)::int as n from bench_rows where done');
      if (rows[0].n === options.leads) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const baseSeconds = (performance.now() - startedBase) / 1000;
    await boss.stop({ graceful: false, close: true });

    // The product: gateway and workers in one process, as `npm start` runs them.
    const product = await startProduct(db, 'all', { WORKER_CONCURRENCY: '4' });
    try {
      const owner = await signupOwner(product.url);
      const gql = (query: string) => fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` }, body: JSON.stringify({ query }) });
      await gql(`mutation { updateAutopilotSettings(input: { autopilot: false, dailySendLimit: ${options.leads} }) { autopilot } }`);
      const csv = ['Company,Contact,Email,City,Industry', ...Array.from({ length: options.leads }, (_, i) => `Bench Clinic ${i},Dr. Rao ${i},bench${i}@clinic.in,Jaipur,Dental`)].join('\n');
      await fetch(`${product.url}/api/leads/import`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' }, body: csv });
      const started = performance.now();
      await gql('mutation { updateAutopilotSettings(input: { autopilot: true }) { autopilot } }');
      for (;;) {
        const { rows } = await client.query("select count(*)::int as n from leads where status = 'CONTACTED'");
        if (rows[0].n === options.leads) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const seconds = (performance.now() - started) / 1000;
      const checks = await client.query(`select (select count(*)::int from outbox) as delivered,
        (select count(*)::int from lead_events where kind = 'TRANSITION' and to_status = 'CONTACTED') as moves`);
      await report({
        name: 'autopilot',
        parameters: { leads: options.leads },
        figures: [{ metric: 'NEW → CONTACTED per second', product: options.leads / seconds, baseline: options.leads / baseSeconds, unit: 'leads/s', higherIsBetter: true, goal: '≥ 0.3×' }],
        peakRssMb: product.peakRssMb(),
        notes: [`outbox messages ${checks.rows[0].delivered}, CONTACTED transitions ${checks.rows[0].moves} (each should equal ${options.leads})`, `bench process peak RSS ${peakRss('self')} MB`],
      });
    } finally {
      await product.stop();
    }
  } finally {
    await client.end();
    await db.stop();
  }
}
