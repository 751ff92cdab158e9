import { PgBoss } from 'pg-boss';
import pg from 'pg';
import { benchDatabase, peakRss, signupOwner, startProduct } from './support/environment.ts';
import { report } from './support/report.ts';
import { inboundReply } from '../test/support/multipart.ts';

/**
 * NEW → CONTACTED for N leads with the autopilot on (offline AI, outbox channel), measured from
 * the import until every lead is CONTACTED; then a reply from each lead, measured from the start of
 * a worker process until every lead is INTERESTED — both versus pg-boss completing N trivial jobs
 * that each run one UPDATE, on the same database in the same run.
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
    // Its UPDATEs on as many connections as jobs run at once (one client would queue them).
    const updates = new pg.Pool({ connectionString: db.ownerUrl, max: 4 });
    await boss.work('bench.trivial', { batchSize: 10, perJobResults: true, localConcurrency: 4, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, burstWhenBatchFull: true }, async (jobs: Array<{ id: string; data: { id: number } }>) =>
      Promise.all(jobs.map(async (job) => {
        await updates.query('update bench_rows set done = true where id = $1', [job.data.id]);
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
    await updates.end();

    // The product: gateway and workers in one process, as `npm start` runs them.
    const product = await startProduct(db, 'all', { WORKER_CONCURRENCY: '4' });
    const rss: number[] = [];
    let contacted: { seconds: number; delivered: number; moves: number };
    let inboundPath: string;
    try {
      const owner = await signupOwner(product.url);
      const gql = (query: string) => fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` }, body: JSON.stringify({ query }) });
      await gql(`mutation { updateAutopilotSettings(input: { autopilot: false, dailySendLimit: ${options.leads} }) { autopilot } }`);
      const csv = ['Company,Contact,Email,City,Industry', ...Array.from({ length: options.leads }, (_, i) => `Bench Clinic ${i},Dr. Rao ${i},bench${i}@clinic.in,Jaipur,Dental`)].join('\n');
      await fetch(`${product.url}/api/leads/import`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' }, body: csv });
      const started = performance.now();
      await gql('mutation { updateAutopilotSettings(input: { autopilot: true }) { autopilot } }');
      await until(client, "select count(*)::int as n from leads where status = 'CONTACTED'", options.leads);
      const seconds = (performance.now() - started) / 1000;
      const checks = await client.query(`select (select count(*)::int from outbox) as delivered,
        (select count(*)::int from lead_events where kind = 'TRANSITION' and to_status = 'CONTACTED') as moves`);
      contacted = { seconds, delivered: checks.rows[0].delivered, moves: checks.rows[0].moves };
      // Proposals (the step after INTERESTED) stay off, so they do not share the machine with the step measured next.
      await gql('mutation { updateAutopilotSettings(input: { autopilot: false }) { autopilot } }');
      const settings = (await (await gql('{ autopilotSettings { inboundWebhookUrl } }')).json()) as { data: { autopilotSettings: { inboundWebhookUrl: string } } };
      inboundPath = new URL(settings.data.autopilotSettings.inboundWebhookUrl).pathname;
    } finally {
      rss.push(product.peakRssMb());
      await product.stop();
    }

    // Replies: every lead answers its outreach through the inbound webhook of a gateway process;
    // then a worker process classifies them, timed from its start until every lead is INTERESTED.
    const gateway = await startProduct(db, 'gateway');
    const { rows: sent } = await client.query<{ to_address: string; message_id: string }>('select to_address, message_id from outbox');
    const posted = performance.now();
    let refused = 0;
    try {
      let next = 0;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < sent.length) {
            const row = sent[next++] as { to_address: string; message_id: string };
            const post = inboundReply({ from: row.to_address, to: 'outreach@crm-autopilot.local', subject: 'Re: your note', text: 'Yes, I am interested. Please send me the pricing and next steps.', inReplyTo: row.message_id });
            const response = await fetch(`${gateway.url}${inboundPath}`, { method: 'POST', headers: { 'content-type': post.contentType }, body: post.body });
            if (!response.ok) refused += 1;
            await response.arrayBuffer();
          }
        }),
      );
    } finally {
      rss.push(gateway.peakRssMb());
      await gateway.stop();
    }
    const ingestSeconds = (performance.now() - posted) / 1000;
    const startedReplies = performance.now();
    const worker = await startProduct(db, 'worker', { WORKER_CONCURRENCY: '4' });
    let replySeconds: number;
    try {
      await until(client, "select count(*)::int as n from leads where status = 'INTERESTED'", options.leads);
      replySeconds = (performance.now() - startedReplies) / 1000;
    } finally {
      rss.push(worker.peakRssMb());
      await worker.stop();
    }
    const replyChecks = await client.query(`select (select count(*)::int from messages where direction = 'in' and classification is not null) as classified,
      (select count(*)::int from lead_events where kind = 'TRANSITION' and to_status = 'INTERESTED') as moves`);
    await report({
      name: 'autopilot',
      parameters: { leads: options.leads },
      figures: [
        { metric: 'NEW → CONTACTED per second', product: options.leads / contacted.seconds, baseline: options.leads / baseSeconds, unit: 'leads/s', higherIsBetter: true, goal: '≥ 0.3×' },
        { metric: 'reply → INTERESTED per second', product: options.leads / replySeconds, baseline: options.leads / baseSeconds, unit: 'leads/s', higherIsBetter: true, goal: '≥ 0.3×' },
      ],
      peakRssMb: Math.max(...rss),
      notes: [
        `outbox messages ${contacted.delivered}, CONTACTED transitions ${contacted.moves} (each should equal ${options.leads})`,
        `replies classified ${replyChecks.rows[0].classified}, INTERESTED transitions ${replyChecks.rows[0].moves} (each should equal ${options.leads})`,
        `replies received over HTTP (Inbound Parse multipart, 20 connections, workers off): ${Math.round(sent.length / ingestSeconds)}/s, refused ${refused}`,
        'reply → INTERESTED is timed from the start of a worker process (its boot included) with every reply stored',
        `peak RSS per process (all, gateway, worker): ${rss.join(', ')} MB; bench process ${peakRss('self')} MB`,
      ],
    });
  } finally {
    await client.end();
    await db.stop();
  }
}

async function until(client: pg.Client, query: string, expected: number): Promise<void> {
  for (;;) {
    const { rows } = await client.query(query);
    if (rows[0].n === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
