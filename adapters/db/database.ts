import { type Kysely, sql } from 'kysely';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import type { Orm } from './orm.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- repositories speak SQL, not a typed schema
export type Sql = Kysely<any>;

/** Which rows a transaction may see: row-level security reads these two settings. */
export interface Scope {
  agencyId: string | null;
  tenantId: string | null;
}

/** The scope's ids go into the transaction's first message as literals: only UUIDs (or none) may. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function scopeLiteral(id: string | null): string {
  if (id === null) return "''";
  if (!UUID.test(id)) throw new DomainError(ErrorCode.VALIDATION, 'A tenant or agency id is not a UUID.');
  return `'${id}'`;
}

/**
 * The one way to reach the database: every unit of work is a transaction with the agency and
 * tenant set for row-level security, so a query that forgets its tenant sees nothing.
 */
export class Database {
  private readonly pool: Sql;

  constructor(readonly orm: Orm) {
    this.pool = orm.em.getKysely();
  }

  /**
   * Runs `work` in one transaction on one pooled connection. BEGIN and the scope travel as one
   * simple-protocol message (a round trip fewer per unit of work than BEGIN, then SET), which is
   * why the ids are checked to be UUIDs and written as literals.
   */
  transaction<T>(scope: Scope, work: (db: Sql) => Promise<T>): Promise<T> {
    return this.pool
      .connection()
      .execute(async (db) => {
        await sql.raw(`begin; select set_config('app.agency_id', ${scopeLiteral(scope.agencyId)}, true), set_config('app.tenant_id', ${scopeLiteral(scope.tenantId)}, true)`).execute(db);
        try {
          const result = await work(db);
          await sql`commit`.execute(db);
          return result;
        } catch (error) {
          // A connection whose rollback fails is broken; the pool's error handling drops it.
          await sql`rollback`.execute(db).catch(() => undefined);
          throw error;
        }
      })
      .catch((error: unknown) => {
        throw translateDatabaseError(error);
      });
  }

  /** A unit of work with no tenant: only SECURITY DEFINER lookups and public data are visible. */
  unscoped<T>(work: (db: Sql) => Promise<T>): Promise<T> {
    return this.transaction({ agencyId: null, tenantId: null }, work);
  }

  async ping(): Promise<void> {
    await this.orm.em.fork().execute('select 1');
  }

  close(): Promise<void> {
    return this.orm.close(true);
  }
}

/** PostgreSQL error fields, wherever the driver or the ORM put them. */
export function pgError(error: unknown): { code?: string; constraint?: string; message?: string; detail?: string } {
  const candidate = error as { code?: unknown; cause?: unknown } | null;
  if (candidate && typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
    return candidate as { code: string };
  }
  return candidate?.cause ? pgError(candidate.cause) : {};
}

/** The lifecycle trigger's error becomes the typed ILLEGAL_TRANSITION, unreadable values VALIDATION; everything else passes through. */
function translateDatabaseError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const pg = pgError(error);
  if (pg.code === 'CRM01') return new DomainError(ErrorCode.ILLEGAL_TRANSITION, pg.message ?? 'illegal lead status change');
  // A value PostgreSQL cannot read as its column's type (an id that is not a UUID, a malformed
  // date) is the caller's mistake, not a server fault: say which value.
  if (pg.code === '22P02' || pg.code === '22007' || pg.code === '22008') {
    // PostgreSQL's wording names its internals, not the caller's field: keep it for the logs only.
    return new DomainError(ErrorCode.VALIDATION, 'A value is not in the expected format (an id, a number or a date); check the values sent.', { fields: [] });
  }
  // A NUL character (U+0000) in text or JSON: PostgreSQL cannot store it, whatever the field.
  if (pg.code === '22021' || pg.code === '22P05') {
    return new DomainError(ErrorCode.VALIDATION, 'A text value contains a NUL character (U+0000), which cannot be stored; remove it and try again.');
  }
  return error;
}

export { sql };
