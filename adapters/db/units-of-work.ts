import type { PgBoss } from 'pg-boss';
import type { AccountUnitOfWork } from '../../core/accounts/account.ports.ts';
import type { TenantTx, TenantUnitOfWork } from '../../core/autopilot/autopilot.ports.ts';
import type { TenantContext } from '../../core/context.ts';
import type { LeadSearchUnitOfWork } from '../../core/leadgen/lead-search.ports.ts';
import type { ImportStore } from '../../core/leads/lead-import.ts';
import type { ImportUnitOfWork } from '../../core/leads/lead-import.service.ts';
import type { LeadUnitOfWork } from '../../core/leads/lead.store.ts';
import type { PipelineUnitOfWork } from '../../core/pipelines/pipeline.ports.ts';
import type { TenancyScope, TenancyStore, TenancyUnitOfWork } from '../../core/tenancy/tenancy.ports.ts';
import type { LoginRecord } from '../../core/tenancy/tenancy.types.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { PgBossQueue } from '../queue/pg-boss.ts';
import { sql, type Database } from './database.ts';
import { PgAccountOutboxStore } from './account-outbox.store.pg.ts';
import { PgImportStore } from './import.store.pg.ts';
import { PgInvitationStore } from './invitation.store.pg.ts';
import { PgLeadSearchStore } from './lead-search.store.pg.ts';
import { PgDealStore } from './deal.store.pg.ts';
import { PgLeadStore } from './lead.store.pg.ts';
import { PgMessageStore } from './message.store.pg.ts';
import { PgPasswordResetStore } from './password-reset.store.pg.ts';
import { PgPipelineStatsReader } from './pipeline-stats.pg.ts';
import { PgPipelineStore } from './pipeline.store.pg.ts';
import { PgRecordStore } from './record.store.pg.ts';
import { PgSessionStore } from './session.store.pg.ts';
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

/** Lead search work in one tenant: searches, runs, found businesses and the leads they become, jobs included. */
export function leadSearchUnitOfWork(db: Database, boss: PgBoss, scope: Scope): LeadSearchUnitOfWork {
  return {
    run: (work) => db.transaction({ agencyId: scope.agencyId, tenantId: scope.tenantId }, (tx) => work({ searches: new PgLeadSearchStore(tx), leads: new PgLeadStore(tx), jobs: new PgBossQueue(boss, tx) })),
  };
}

/** Pipeline and deal work for one caller: each run is one transaction in the caller's tenant. */
export function pipelineUnitOfWork(db: Database, scope: Scope): PipelineUnitOfWork {
  return {
    run: (work) =>
      db.transaction({ agencyId: scope.agencyId, tenantId: scope.tenantId }, (tx) =>
        work({ pipelines: new PgPipelineStore(tx), deals: new PgDealStore(tx), leads: new PgLeadStore(tx), stats: new PgPipelineStatsReader(tx) }),
      ),
  };
}

/** Import work for one caller: each batch is one transaction in the caller's tenant. */
export function importUnitOfWork(db: Database, boss: PgBoss, scope: Scope): ImportUnitOfWork {
  return {
    run: (work) => db.transaction({ agencyId: scope.agencyId, tenantId: scope.tenantId }, (tx) => work(new PgLeadStore(tx), new PgImportStore(tx) as ImportStore, new PgBossQueue(boss, tx))),
  };
}

/** An account by email, before its agency is known (a SECURITY DEFINER lookup). */
function findLogin(db: Database, email: string): Promise<LoginRecord | null> {
  return db.unscoped(async (tx) => {
    const { rows } = await sql<{ user_id: string; agency_id: string; password_hash: string }>`
      select user_id, agency_id, password_hash from auth_login_lookup(${email})`.execute(tx);
    const row = rows[0];
    return row ? { userId: row.user_id, agencyId: row.agency_id, passwordHash: row.password_hash } : null;
  });
}

/** Account work (sessions, invitations, password resets) in one agency: each run is one transaction, jobs included. */
export function accountUnitOfWork(db: Database, boss: PgBoss): AccountUnitOfWork {
  return {
    run: (agencyId, work) =>
      db.transaction({ agencyId, tenantId: null }, (tx) =>
        work({
          users: new PgTenancyStore(tx),
          sessions: new PgSessionStore(tx),
          invitations: new PgInvitationStore(tx),
          resets: new PgPasswordResetStore(tx),
          outbox: new PgAccountOutboxStore(tx),
          jobs: new PgBossQueue(boss, tx),
        }),
      ),
    findLogin: (email) => findLogin(db, email),
  };
}

export function tenancyUnitOfWork(db: Database): TenancyUnitOfWork {
  return {
    run: <T>(scope: TenancyScope, work: (store: TenancyStore) => Promise<T>) => db.transaction(scope, (tx) => work(new PgTenancyStore(tx))),
    findLogin: (email: string) => findLogin(db, email),
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
