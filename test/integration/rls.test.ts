import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPipeline } from '../../core/lifecycle/lead-lifecycle.ts';
import { createLead, signup, type Account } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
let a: Account;
let b: Account;
let appSql: pg.Client;
const leadsOf: Record<string, string[]> = {};

beforeAll(async () => {
  app = await startTestGateway();
  a = await signup(app);
  b = await signup(app);
  for (const account of [a, b]) {
    leadsOf[account.tenantId] = [];
    for (let i = 0; i < 3; i += 1) leadsOf[account.tenantId]!.push((await createLead(app, account.caller)).id);
  }
  appSql = await app.database.appClient();
});
afterAll(() => app.close());

/** Runs statements as the app's role in one transaction with a tenant set, as the app does. */
async function asTenant<T>(tenantId: string | null, work: () => Promise<T>): Promise<T> {
  await appSql.query('begin');
  try {
    if (tenantId) await appSql.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
    return await work();
  } finally {
    await appSql.query('rollback');
  }
}

describe('row-level security, from raw SQL that bypasses the application', () => {
  it('the app role owns nothing, is no superuser and cannot bypass RLS', async () => {
    const { rows } = await appSql.query('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await appSql.query("select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = current_user");
    expect(owned.rows[0].n).toBe(0);
  });

  it('every table with a tenant_id has FORCE row-level security and a policy', async () => {
    const { rows } = await appSql.query(`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity, (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
       where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace order by c.relname`);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true, policies: 1 });
  });

  it('with one tenant set, SELECT sees that tenant\'s rows only; with none, nothing', async () => {
    const seen = await asTenant(a.tenantId, async () => (await appSql.query('select id, tenant_id from leads')).rows);
    expect(seen.map((row) => row.id).sort()).toEqual([...leadsOf[a.tenantId]!].sort());
    expect(new Set(seen.map((row) => row.tenant_id))).toEqual(new Set([a.tenantId]));
    expect(await asTenant(null, async () => (await appSql.query('select count(*)::int as n from leads')).rows[0].n)).toBe(0);
    const events = await asTenant(a.tenantId, async () => (await appSql.query('select distinct tenant_id from lead_events')).rows);
    expect(events).toEqual([{ tenant_id: a.tenantId }]);
    const byId = await asTenant(a.tenantId, async () => (await appSql.query('select id from leads where id = any($1)', [leadsOf[b.tenantId]])).rows);
    expect(byId).toEqual([]);
  });

  it('cannot change, delete or insert another tenant\'s rows', async () => {
    await asTenant(a.tenantId, async () => {
      const updated = await appSql.query("update leads set city = 'Hacked' where id = any($1)", [leadsOf[b.tenantId]]);
      expect(updated.rowCount).toBe(0);
      const deleted = await appSql.query('delete from leads where id = any($1)', [leadsOf[b.tenantId]]);
      expect(deleted.rowCount).toBe(0);
      await expect(appSql.query("insert into leads (tenant_id, business_name, email) values ($1, 'x', 'x@x.in')", [b.tenantId])).rejects.toThrow(/row-level security/);
    });
    const owner = await app.database.ownerClient();
    const { rows } = await owner.query("select count(*)::int as n from leads where city = 'Hacked'");
    expect(rows[0].n).toBe(0);
  });

  it('agency rows are filtered by agency the same way', async () => {
    await appSql.query('begin');
    await appSql.query("select set_config('app.agency_id', $1, true)", [a.agencyId]);
    const tenants = (await appSql.query('select agency_id from tenants')).rows;
    const users = (await appSql.query('select agency_id from users')).rows;
    await appSql.query('rollback');
    expect(new Set([...tenants, ...users].map((row) => row.agency_id))).toEqual(new Set([a.agencyId]));
  });
});

describe('the lifecycle, enforced by the database', () => {
  it('an illegal status UPDATE fails even from raw SQL; a legal one succeeds', async () => {
    const [first, second] = leadsOf[a.tenantId] as [string, string];
    await asTenant(a.tenantId, async () => {
      await expect(appSql.query("update leads set status = 'PAID' where id = $1", [first])).rejects.toThrow(/illegal lead status change from NEW to PAID/);
    });
    await asTenant(a.tenantId, async () => {
      await appSql.query("update leads set status = 'CONTACTED' where id = $1", [first]);
      await expect(appSql.query("update leads set status = 'NEW' where id = $1", [first])).rejects.toThrow(/from CONTACTED to NEW/);
    });
    const owner = await app.database.ownerClient();
    await expect(owner.query("update leads set status = 'PROPOSAL_SENT' where id = $1", [second])).rejects.toThrow(/illegal lead status change/);
    await expect(owner.query("update leads set status = 'CONTACTED' where id = any($1)", [leadsOf[b.tenantId]])).resolves.toMatchObject({ rowCount: 3 });
    await expect(owner.query("update leads set status = 'PAID' where id = any($1)", [leadsOf[b.tenantId]])).rejects.toThrow(/CONTACTED to PAID/);
    await expect(owner.query("update leads set status = 'BOGUS' where id = $1", [second])).rejects.toThrow();
  });

  it('a lost lead goes back only by a REOPENED move to the status it was lost from, for a close people may undo, even in raw SQL', async () => {
    const owner = await app.database.ownerClient();
    const lead = async (closer: string) => {
      const id = (await owner.query("insert into leads (tenant_id, business_name, email) values ($1, 'Raw SQL', $2) returning id", [a.tenantId, `raw-${closer.toLowerCase()}-${Math.random().toString(36).slice(2)}@x.in`])).rows[0].id;
      await owner.query("update leads set status = 'CONTACTED', status_trigger = 'OUTREACH_SENT' where id = $1", [id]);
      await owner.query("update leads set status = 'LOST', status_trigger = $2 where id = $1", [id, closer]);
      return id as string;
    };
    const byUser = await lead('CLOSED_BY_USER');
    // The database remembers where it came from, whatever the statement says.
    expect((await owner.query('select previous_status, status_trigger from leads where id = $1', [byUser])).rows[0]).toEqual({ previous_status: 'CONTACTED', status_trigger: 'CLOSED_BY_USER' });
    await expect(owner.query("update leads set status = 'CONTACTED' where id = $1", [byUser])).rejects.toThrow(/illegal lead status change from LOST to CONTACTED/);
    await expect(owner.query("update leads set status = 'NEW', status_trigger = 'REOPENED' where id = $1", [byUser])).rejects.toThrow(/from LOST to NEW/);
    await expect(owner.query("update leads set status = 'CONTACTED', status_trigger = 'MANUAL_OVERRIDE' where id = $1", [byUser])).rejects.toThrow(/from LOST to CONTACTED/);
    // Nor can where it came from, or how it was closed, be rewritten while it is lost.
    await expect(owner.query("update leads set previous_status = 'NEW' where id = $1", [byUser])).rejects.toThrow(/change only with its status/);
    const bounced = await lead('HARD_BOUNCE');
    await expect(owner.query("update leads set status_trigger = 'CLOSED_BY_USER' where id = $1", [bounced])).rejects.toThrow(/change only with its status/);
    await expect(owner.query("update leads set status = 'CONTACTED', status_trigger = 'REOPENED' where id = $1", [bounced])).rejects.toThrow(/from LOST to CONTACTED/);
    await expect(owner.query("update leads set status = 'CONTACTED', status_trigger = 'REOPENED' where id = $1", [await lead('UNSUBSCRIBED')])).rejects.toThrow(/from LOST to CONTACTED/);
    // A close with no trigger named (raw SQL) is never undone; a legal reopen succeeds.
    const unnamed = await lead('CLOSED_BY_USER');
    await owner.query("update leads set status = 'CONTACTED', status_trigger = 'REOPENED' where id = $1", [unnamed]);
    await owner.query("update leads set status = 'LOST' where id = $1", [unnamed]);
    expect((await owner.query('select status_trigger from leads where id = $1', [unnamed])).rows[0].status_trigger).toBeNull();
    await expect(owner.query("update leads set status = 'CONTACTED', status_trigger = 'REOPENED' where id = $1", [unnamed])).rejects.toThrow(/from LOST to CONTACTED/);
    await expect(owner.query("update leads set status = 'CONTACTED', status_trigger = 'REOPENED' where id = $1 returning status, previous_status", [byUser])).resolves.toMatchObject({ rows: [{ status: 'CONTACTED', previous_status: 'LOST' }] });
    // A forward move that names a trigger must name one of its own.
    await expect(owner.query("update leads set status = 'INTERESTED', status_trigger = 'PAYMENT_CONFIRMED' where id = $1", [byUser])).rejects.toThrow(/from CONTACTED to INTERESTED/);
  });

  it('a lead cannot be inserted in any state but the initial one', async () => {
    await asTenant(a.tenantId, async () => {
      await expect(appSql.query("insert into leads (tenant_id, business_name, email, status) values ($1, 'x', 'y@y.in', 'PAID')", [a.tenantId])).rejects.toThrow(/starts in the initial state/);
    });
  });

  it('the transition table in the database is the one in core/', async () => {
    const { rows } = await appSql.query("select from_state, to_state, triggers, reverses from lifecycle_transitions where pipeline = 'default' order by 1, 2");
    const fromCode = defaultPipeline.transitions
      .map((t) => ({ from_state: t.from, to_state: t.to, triggers: [...t.triggers], reverses: t.reverses ? [...t.reverses] : null }))
      .sort((x, y) => (x.from_state + x.to_state).localeCompare(y.from_state + y.to_state));
    expect(rows).toEqual(fromCode);
    const states = await appSql.query("select state, is_initial, is_terminal from lifecycle_states where pipeline = 'default' order by position");
    expect(states.rows).toEqual(defaultPipeline.states.map((s) => ({ state: s.state, is_initial: s.initial, is_terminal: s.terminal })));
  });
});
