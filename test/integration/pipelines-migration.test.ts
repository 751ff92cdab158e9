import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createOrm } from '../../adapters/db/orm.ts';
import { createDatabaseIfMissing } from '../../gateway/runtime/database.ts';
import { withDatabase } from '../support/global-setup.ts';

/**
 * The pipelines migration on a database that already has tenants and leads (an upgrade, not a fresh
 * start): every tenant gets the seed's pipelines and lost reasons, and the leads keep their
 * lifecycle (the lead trigger is replaced by one through the pipeline engine).
 */
const { superuserUrl } = inject('pg');
const name = `crm_upgrade_${randomBytes(6).toString('hex')}`;
const url = withDatabase(superuserUrl, name);

afterAll(async () => {
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('upgrading to pipelines', () => {
  it('tenants that existed before get Sales, Backlink outreach and lost reasons; their leads keep their lifecycle', async () => {
    await createDatabaseIfMissing(superuserUrl, name);
    const orm = await createOrm({ url, poolMax: 2 });
    try {
      await orm.migrator.up({ to: 'Migration20261203700000_keyset_indexes' });
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const agency = (await db.query("insert into agencies (name) values ('Before') returning id")).rows[0].id;
        const tenants = [];
        for (const tenant of ['Old one', 'Old two']) tenants.push((await db.query('insert into tenants (agency_id, name) values ($1, $2) returning id', [agency, tenant])).rows[0].id as string);
        const lead = (await db.query("insert into leads (tenant_id, business_name, email) values ($1, 'Old lead', 'old@lead.in') returning id", [tenants[0]])).rows[0].id;
        await db.query("update leads set status = 'CONTACTED', status_trigger = 'OUTREACH_SENT' where id = $1", [lead]);

        // Every later migration runs over the old data, the pipelines one among them.
        expect((await orm.migrator.up()).map((m) => m.name)).toContain('Migration20261203760000_pipelines');

        const { rows } = await db.query(`
          select t.name as tenant, array_agg(p.name order by p.name) as pipelines, (select count(*)::int from deal_lost_reasons r where r.tenant_id = t.id) as reasons
            from tenants t join pipelines p on p.tenant_id = t.id group by t.id order by t.name`);
        expect(rows).toEqual([
          { tenant: 'Old one', pipelines: ['Backlink outreach', 'Sales'], reasons: 6 },
          { tenant: 'Old two', pipelines: ['Backlink outreach', 'Sales'], reasons: 6 },
        ]);
        // A tenant created inside a transaction scoped to another: seeded, and the transaction's scope is as it was.
        await db.query('begin');
        await db.query("select set_config('app.tenant_id', $1, true)", [tenants[1]]);
        const third = (await db.query("insert into tenants (agency_id, name) values ($1, 'New one') returning id", [agency])).rows[0].id;
        expect((await db.query("select current_setting('app.tenant_id', true) as t")).rows[0].t).toBe(tenants[1]);
        await db.query('commit');
        expect((await db.query('select count(*)::int as n from pipelines where tenant_id = $1', [third])).rows[0].n).toBe(2);
        await expect(db.query("update leads set status = 'PAID' where id = $1", [lead])).rejects.toThrow(/illegal lead status change from CONTACTED to PAID/);
        await db.query("update leads set status = 'INTERESTED', status_trigger = 'REPLY_INTERESTED' where id = $1", [lead]);
        await db.query("update leads set status = 'LOST', status_trigger = 'CLOSED_BY_USER' where id = $1", [lead]);
        await expect(db.query("update leads set status = 'NEW', status_trigger = 'REOPENED' where id = $1", [lead])).rejects.toThrow(/from LOST to NEW/);
        await db.query("update leads set status = 'INTERESTED', status_trigger = 'REOPENED' where id = $1", [lead]);
      } finally {
        await db.end();
      }
    } finally {
      await orm.close(true);
    }
  });
});
