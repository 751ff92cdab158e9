import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgImportStore } from '../../adapters/db/import.store.pg.ts';
import { LeadBatch } from '../../core/leads/lead-import.ts';
import { normalizeLead, type NormalizedLead } from '../../core/leads/lead-input.ts';
import { signup, type Account } from '../support/factories.ts';
import { authHeaders, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
let account: Account;
beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  account = await signup(app);
});
afterAll(() => app.close());

function batchOf(emails: string[]): LeadBatch {
  const batch = new LeadBatch(emails.length, 1024 * 1024);
  emails.forEach((email, i) => {
    const lead = normalizeLead({ businessName: `Crossed ${email}`, email }, { defaultCountry: 'IN' });
    if (!lead.ok) throw new Error(JSON.stringify(lead.errors));
    batch.add(i + 2, lead.value as NormalizedLead);
  });
  return batch;
}

describe('import batches written at once', () => {
  it('two batches holding the same emails in opposite orders, in two open transactions: no deadlock, each email stored once, the rest reported as existing', async () => {
    const scope = { agencyId: account.agencyId, tenantId: account.tenantId };
    const db = app.database.db;
    const created = await db.transaction(scope, (tx) => new PgImportStore(tx).create({ filename: 'crossed.csv', actor: { type: 'user', id: account.userId, name: 'Test' } }));
    const emails = Array.from({ length: 400 }, (_, i) => `crossed${String(i).padStart(3, '0')}@clinic.in`);
    const batches = [batchOf(emails), batchOf([...emails].reverse())];
    const skipped = await Promise.all(batches.map((batch) => db.transaction(scope, (tx) => new PgImportStore(tx).insertLeads(created.id, batch))));
    expect(skipped[0]!.length + skipped[1]!.length).toBe(emails.length);
    // Whichever batch lost an email names the lead the other one stored.
    for (const lead of skipped.flat()) expect(lead.existingLeadId).toMatch(/^[0-9a-f-]{36}$/);
    const owner = await app.database.ownerClient();
    const { rows } = await owner.query<{ n: number; distinct_emails: number }>(
      'select count(*)::int as n, count(distinct email)::int as distinct_emails from leads where tenant_id = $1 and import_id = $2', [account.tenantId, created.id]);
    expect(rows[0]).toEqual({ n: emails.length, distinct_emails: emails.length });
  });
});

describe('the first row of a file always wins', () => {
  it('a repeat in the next batch loses to its earlier row even when the earlier batch commits last (past the remembered emails)', async () => {
    const account = await signup(app);
    const owner = await app.database.ownerClient();
    // Makes the batch holding the earlier row slow to commit, as load sometimes does: the batch after
    // it (written at the same time) then reaches the shared email first.
    await owner.query(`
      create or replace function test_slow_import_row() returns trigger language plpgsql as $$
      begin if new.business_name like 'Slow first %' then perform pg_sleep(1.5); end if; return new; end $$;
      create trigger test_slow_import_row before insert on leads for each row execute function test_slow_import_row();`);
    try {
      // Rows 2..100,001 fill the memory the import used to keep; batch 51 holds rows 100,002..102,001.
      const lines = ['Company,Email'];
      for (let i = 0; i < 100_000; i += 1) lines.push(`Filler ${i},filler${i}@first.in`);
      const pairs = [5, 500, 1500];
      for (let i = 0; i < 2000; i += 1) {
        if (i === 0) lines.push(`Slow first ${i},aaaa-slow@first.in`); // inserted first (email order) and slow
        else if (pairs.includes(i)) lines.push(`Original ${i},zz-pair${i}@first.in`);
        else lines.push(`Batch 51 ${i},b51-${i}@first.in`);
      }
      for (let i = 0; i < 2000; i += 1) lines.push(pairs.includes(i) ? `Repeat ${i},zz-pair${i}@first.in` : `Batch 52 ${i},b52-${i}@first.in`);
      const response = await fetch(`${app.url}/api/leads/import?filename=first.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(account.caller) }, body: lines.join('\n') });
      const { import: summary } = (await response.json()) as { import: { id: string; duplicates: number; imported: number } };
      expect(summary).toMatchObject({ imported: 104_000 - pairs.length, duplicates: pairs.length });
      const { rows } = await owner.query<{ business_name: string }>(
        `select business_name from leads where tenant_id = $1 and email like 'zz-pair%' order by email`, [account.tenantId]);
      expect(rows.map((r) => r.business_name).sort()).toEqual(pairs.map((i) => `Original ${i}`).sort());
      const issues = await app.gql(`{ leadImportIssues(importId: "${summary.id}") { nodes { row field kind reason } } }`, {}, account.caller);
      // Row numbers: the header is row 1, batch 51 starts at row 100,002 and batch 52 at row 102,002.
      expect(issues.data?.leadImportIssues.nodes).toEqual(pairs.map((i) => ({ row: 102_002 + i, field: 'email', kind: 'DUPLICATE', reason: `same email as row ${100_002 + i} of this file` })));
    } finally {
      await owner.query('drop trigger test_slow_import_row on leads; drop function test_slow_import_row()');
    }
  }, 120_000);
});
