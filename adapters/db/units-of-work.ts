import type { PgBoss } from 'pg-boss';
import type { TenantTx, TenantUnitOfWork } from '../../core/autopilot/autopilot.ports.ts';
import type { TenantContext } from '../../core/context.ts';
import type { ImportStore } from '../../core/leads/lead-import.ts';
import type { ImportUnitOfWork } from '../../core/leads/lead-import.service.ts';
import type { LeadUnitOfWork } from '../../core/leads/lead.store.ts';
import type { TenancyScope, TenancyStore, TenancyUnitOfWork } from '../../core/tenancy/tenancy.ports.ts';
import type { LoginRecord } from '../../core/tenancy/tenancy.types.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { PgBossQueue } from '../queue/pg-boss.ts';
import { sql, type Database } from './database.ts';
import { PgImportStore } from './import.store.pg.ts';
import { PgLeadStore } from './lead.store.pg.ts';
import { PgMessageStore } from './message.store.pg.ts';
import { PgRecordStore } from './record.store.pg.ts';
import { PgSettingsStore } from './settings.store.pg.ts';
import { PgTenancyStore } from './tenancy.store.pg.ts';

type Scope = Pick<TenantContext, 'agencyId' | 'tenantId'> | { agencyId: string | null; tenantId: string };

/** Everything a tenant's unit of work reaches, bound to one transaction (jobs included). */
export function tenantUnitOfWork(db: Database, boss: PgBoss, box: SecretBox, scope: Scope): TenantUnitOfWork {
  return {
    run: <T>(work: (tx: TenantTx) => Promise<T>) =>
      db.transaction({ agencyId: scope.agencyId, tenantId: scope.tenantId }, (tx) =>
        work({
          leads: new PgLeadStore(tx),
          settings: new PgSettingsStore(tx, box),
          messages: new PgMessageStore(tx),
          records: new PgRecordStore(tx),
          jobs: new PgBossQueue(boss, tx),
        }),
      ),
  };
}

/** Lead work for one caller: each run is one transaction in the caller's tenant. */
export function leadUnitOfWork(db: Database, boss: PgBoss, scope: Scope): LeadUnitOfWork {
  return {
    run: (work) => db.transaction({ agencyId: scope.agencyId, tenantId: scope.tenantId }, (tx) => work(new PgLeadStore(tx), new PgBossQueue(boss, tx), new PgRecordStore(tx))),
  };
}

/** Import work for one caller: each batch is one transaction in the caller's tenant. */
export function importUnitOfWork(db: Database, boss: PgBoss, scope: Scope): ImportUnitOfWork {
  return {
    run: (work) => db.transaction({ agencyId: scope.agencyId, tenantId: scope.tenantId }, (tx) => work(new PgLeadStore(tx), new PgImportStore(tx) as ImportStore, new PgBossQueue(boss, tx))),
  };
}

export function tenancyUnitOfWork(db: Database): TenancyUnitOfWork {
  return {
    run: <T>(scope: TenancyScope, work: (store: TenancyStore) => Promise<T>) => db.transaction(scope, (tx) => work(new PgTenancyStore(tx))),
    findLogin: (email: string) =>
      db.unscoped(async (tx): Promise<LoginRecord | null> => {
        const { rows } = await sql<{ user_id: string; agency_id: string; password_hash: string }>`
          select user_id, agency_id, password_hash from auth_login_lookup(${email})`.execute(tx);
        const row = rows[0];
        return row ? { userId: row.user_id, agencyId: row.agency_id, passwordHash: row.password_hash } : null;
      }),
    countLoginAttempts: (keys: string[], windowStart: Date) =>
      db.unscoped(async (tx) => {
        const { rows } = await sql<{ key: string; attempts: number; window_start: Date }>`
          select key, attempts, window_start from auth_count_login_attempts(${keys}::text[], ${windowStart}::timestamptz)`.execute(tx);
        return rows.map((row) => ({ key: row.key, attempts: row.attempts, windowStart: new Date(row.window_start) }));
      }),
    clearLoginAttempts: (keys: string[]) =>
      db.unscoped(async (tx) => {
        await sql`select auth_clear_login_attempts(${keys}::text[])`.execute(tx);
      }),
  };
}

/** The tenant of an offline checkout token (the one lookup that starts without a tenant). */
export async function checkoutTenant(db: Database, token: string): Promise<string | null> {
  return db.unscoped(async (tx) => {
    // RLS shows a token's row only to the transaction that names the token.
    await sql`select set_config('app.checkout_token', ${token}, true)`.execute(tx);
    return (await sql<{ tenant_id: string }>`select tenant_id from checkout_tokens where token = ${token}`.execute(tx)).rows[0]?.tenant_id ?? null;
  });
}
