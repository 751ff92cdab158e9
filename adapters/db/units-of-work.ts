import type { TenantContext } from '../../core/context.ts';
import type { ImportStore } from '../../core/leads/lead-import.ts';
import type { ImportUnitOfWork } from '../../core/leads/lead-import.service.ts';
import type { LeadStore, LeadUnitOfWork } from '../../core/leads/lead.store.ts';
import type { TenancyScope, TenancyStore, TenancyUnitOfWork } from '../../core/tenancy/tenancy.ports.ts';
import type { LoginRecord } from '../../core/tenancy/tenancy.types.ts';
import { sql, type Database } from './database.ts';
import { PgImportStore } from './import.store.pg.ts';
import { PgLeadStore } from './lead.store.pg.ts';
import { PgTenancyStore } from './tenancy.store.pg.ts';

/** Lead work for one caller: each run is one transaction in the caller's tenant. */
export function leadUnitOfWork(db: Database, ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): LeadUnitOfWork {
  return {
    run: <T>(work: (store: LeadStore) => Promise<T>) =>
      db.transaction({ agencyId: ctx.agencyId, tenantId: ctx.tenantId }, (tx) => work(new PgLeadStore(tx))),
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
  };
}

/** Import work for one caller: each batch is one transaction in the caller's tenant. */
export function importUnitOfWork(db: Database, ctx: Pick<TenantContext, 'agencyId' | 'tenantId'>): ImportUnitOfWork {
  return {
    run: <T>(work: (leads: LeadStore, imports: ImportStore) => Promise<T>) =>
      db.transaction({ agencyId: ctx.agencyId, tenantId: ctx.tenantId }, (tx) => work(new PgLeadStore(tx), new PgImportStore(tx))),
  };
}
