import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgImportStore } from '../../adapters/db/import.store.pg.ts';
import { LeadBatch } from '../../core/leads/lead-import.ts';
import { normalizeLead, type NormalizedLead } from '../../core/leads/lead-input.ts';
import { signup, type Account } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

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
