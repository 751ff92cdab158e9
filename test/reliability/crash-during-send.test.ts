import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signup, type Account } from '../support/factories.ts';
import { setUpAutopilot } from '../support/funnel.ts';
import { authHeaders, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';
import { exited, spawnWorker } from '../support/processes.ts';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const LEADS = Number(process.env.CRASH_TEST_LEADS ?? 200);
const KILLS = Number(process.env.CRASH_TEST_KILLS ?? 20);

let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  // This process serves HTTP only; the jobs run in worker processes that get killed.
  app = await startTestGateway({}, { workers: false });
  owner = await signup(app);
  await setUpAutopilot(app, owner, true);
});
afterAll(() => app.close());

describe('crash during send', () => {
  it(`${KILLS} workers killed with SIGKILL at random points while sending to ${LEADS} leads: each lead gets exactly one message and one move`, async () => {
    const csv = ['Company,Contact,Email', ...Array.from({ length: LEADS }, (_, i) => `Crash Clinic ${i},Dr. ${i},crash${i}@clinic.in`)].join('\n');
    const imported = await fetch(`${app.url}/api/leads/import`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(owner.caller) }, body: csv });
    expect(((await imported.json()) as any).import.imported).toBe(LEADS);

    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < KILLS; round += 1) {
      const worker = spawnWorker(app);
      await worker.ready;
      await new Promise((resolve) => setTimeout(resolve, 50 + random() * 900));
      worker.child.kill('SIGKILL');
      await exited(worker.child);
    }

    const db = await app.database.ownerClient();
    const survivor = spawnWorker(app);
    await survivor.ready;
    try {
      await eventually(async () => {
        const { rows } = await db.query("select count(*)::int as n from leads where status = 'CONTACTED'");
        return rows[0].n === LEADS;
      }, 240_000, `all ${LEADS} leads to be CONTACTED`);
    } finally {
      survivor.child.kill('SIGINT');
      await exited(survivor.child);
    }

    const perLead = await db.query(`
      select l.id,
             (select count(*)::int from outbox o join messages m on m.tenant_id = o.tenant_id and m.rfc_message_id = o.message_id where m.lead_id = l.id) as delivered,
             (select count(*)::int from messages m where m.lead_id = l.id and m.direction = 'out') as messages,
             (select count(*)::int from lead_events e where e.lead_id = l.id and e.kind = 'TRANSITION' and e.to_status = 'CONTACTED') as moves
        from leads l`);
    expect(perLead.rows).toHaveLength(LEADS);
    const wrong = perLead.rows.filter((r) => r.delivered !== 1 || r.messages !== 1 || r.moves !== 1);
    expect(wrong).toEqual([]);
    console.log(`crash during send: ${KILLS} kills, ${LEADS} leads, 0 duplicates, 0 lost`);
  });
});
