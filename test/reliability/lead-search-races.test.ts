import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { periodKey, nextPeriodStart } from '../../core/leadgen/schedule.ts';
import { signup, type Account } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { startLocalSources, type LocalSources } from '../support/lead-sources.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

/**
 * Lead searches run by two gateways' workers against one database: a scheduled search runs once
 * per period however often its job is delivered, and businesses found by two runs at the same
 * moment become one lead each, decided by the database.
 */
const ROUNDS = 4;
const PER_ROUND = 10;
let a: TestGateway;
let b: TestGateway;
let sources: LocalSources;
let owner: Account;

const business = (round: number, n: number) => ({ type: 'node', id: round * 100 + n, lat: 25.2, lon: 75.8, tags: { amenity: 'dentist', name: `Kota Dental ${round}-${n}`, phone: `+91 744 240 ${String(round * 100 + n).padStart(4, '0')}` } });

beforeAll(async () => {
  const overpass: Record<string, unknown[]> = { Udaipur: [business(0, 1), business(0, 2)] };
  for (let round = 1; round <= ROUNDS; round += 1) overpass[`Kota ${round}`] = Array.from({ length: PER_ROUND }, (_, n) => business(round, n + 1));
  sources = await startLocalSources({ overpass }, {});
  a = await startTestGateway(sources.env);
  b = await startTestGateway(sources.env, { sameDeploymentAs: a });
  owner = await signup(a);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await sources?.stop();
});

async function settled(jobIds: string[]): Promise<void> {
  const client = await a.database.ownerClient();
  await eventually(async () => {
    const { rows } = await client.query(`select count(*)::int as n from pgboss.job where id = any($1::uuid[]) and state in ('completed', 'failed')`, [jobIds]);
    return rows[0].n === jobIds.length;
  }, 60_000, 'the schedule jobs to be done');
}

describe('lead searches across two workers', () => {
  it('a daily search runs once in its period however often, and wherever, its schedule job runs; one job waits for the next period', async () => {
    const created = await a.gql('mutation { createLeadSearch(input: { category: "dentist", area: { placeName: "Udaipur" }, schedule: DAILY, timeZone: "Asia/Kolkata" }) { id nextRunAt } }', {}, owner.caller);
    const searchId = created.data?.createLeadSearch.id;
    const client = await a.database.ownerClient();
    const runs = async () => (await client.query('select run_key, status, created from lead_search_runs where search_id = $1', [searchId])).rows;
    await eventually(async () => (await runs()).some((run) => run.status === 'done'), 30_000, 'the first run');
    // The same period's job delivered again and again, to both processes, at once.
    const period = periodKey('daily', new Date(), 'Asia/Kolkata');
    const sent = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).services.boss.send('leadsearch.schedule', { tenantId: owner.tenantId, searchId, period }, { singletonKey: `${searchId}/${period}/again-${i}` })));
    expect(sent.every((id) => id !== null)).toBe(true);
    await settled(sent as string[]);
    expect(await runs()).toEqual([{ run_key: period, status: 'done', created: 2 }]);
    const next = nextPeriodStart('daily', new Date(), 'Asia/Kolkata')!;
    const waiting = await client.query(`select singleton_key, start_after from pgboss.job where name = 'leadsearch.schedule' and state = 'created' and data->>'searchId' = $1`, [searchId]);
    expect(waiting.rows).toEqual([{ singleton_key: `${searchId}/${periodKey('daily', next, 'Asia/Kolkata')}`, start_after: next }]);
    expect(created.data?.createLeadSearch.nextRunAt).toBe(next.toISOString());
  });

  it('a search has one run at a time: running it twice at once answers the same run', async () => {
    const created = await a.gql('mutation { createLeadSearch(input: { category: "dentist", area: { placeName: "Udaipur" }, enabled: false }) { id } }', {}, owner.caller);
    const id = created.data?.createLeadSearch.id;
    const [first, second] = await Promise.all([a, b].map((app) => app.gql(`mutation { runLeadSearch(id: "${id}") { id } }`, {}, owner.caller)));
    expect(first!.data?.runLeadSearch.id).toBe(second!.data?.runLeadSearch.id);
  });

  it('two searches finding the same businesses at the same moment, on two workers, make each one lead once', async () => {
    for (let round = 1; round <= ROUNDS; round += 1) {
      const input = (name: string) => `{ name: "${name}", category: "dentist", area: { placeName: "Kota ${round}" } }`;
      const ids = (await Promise.all([a.gql(`mutation { createLeadSearch(input: ${input(`Kota dentists ${round}`)}) { id } }`, {}, owner.caller), b.gql(`mutation { createLeadSearch(input: ${input(`Dentists of Kota ${round}`)}) { id } }`, {}, owner.caller)]))
        .map((result) => result.data?.createLeadSearch.id as string);
      const client = await a.database.ownerClient();
      const finished = await eventually(async () => {
        const { rows } = await client.query(`select created, duplicates, found from lead_search_runs where search_id = any($1::uuid[]) and status = 'done'`, [ids]);
        return rows.length === 2 ? rows : null;
      }, 60_000, `round ${round}`);
      expect(finished.reduce((sum, run) => sum + run.created, 0)).toBe(PER_ROUND);
      expect(finished.reduce((sum, run) => sum + run.duplicates, 0)).toBe(PER_ROUND);
    }
    const client = await a.database.ownerClient();
    const { rows } = await client.query(`select phone, count(*)::int as n from leads where tenant_id = $1 group by phone having count(*) > 1`, [owner.tenantId]);
    expect(rows).toEqual([]);
    expect((await client.query('select count(*)::int as n from leads where tenant_id = $1', [owner.tenantId])).rows[0].n).toBe(2 + ROUNDS * PER_ROUND);
  });
});
