import type { PasswordResetStore } from '../../core/accounts/account.ports.ts';
import type { PasswordReset } from '../../core/accounts/account.types.ts';
import { sql, type Sql } from './database.ts';
import { toDate, toDateOrNull } from './values.ts';

interface ResetRow {
  agency_id: string; id: string; user_id: string; token_hash: Buffer; expires_at: Date | string;
  created_at: Date | string; emailed_at: Date | string | null; used_at: Date | string | null;
}

const cols = sql.raw('agency_id, id, user_id, token_hash, expires_at, created_at, emailed_at, used_at');
const toReset = (r: ResetRow): PasswordReset => ({
  id: r.id, agencyId: r.agency_id, userId: r.user_id, tokenHash: r.token_hash, expiresAt: toDate(r.expires_at),
  createdAt: toDate(r.created_at), emailedAt: toDateOrNull(r.emailed_at), usedAt: toDateOrNull(r.used_at),
});
const here = sql.raw('agency_id = app_current_agency()');

/** PasswordResetStore on PostgreSQL; RLS limits every statement to the transaction's agency. */
export class PgPasswordResetStore implements PasswordResetStore {
  constructor(private readonly db: Sql) {}

  async create(reset: { id: string; userId: string; requestKey: string; tokenHash: Buffer; expiresAt: Date }): Promise<PasswordReset | null> {
    const { rows } = await sql<ResetRow>`
      insert into password_resets (agency_id, id, user_id, request_key, token_hash, expires_at)
      values (app_current_agency(), ${reset.id}, ${reset.userId}, ${reset.requestKey}, ${reset.tokenHash}, ${reset.expiresAt})
      on conflict (agency_id, request_key) do nothing
      returning ${cols}`.execute(this.db);
    return rows[0] ? toReset(rows[0]) : null;
  }

  async find(id: string, options: { forUpdate?: boolean } = {}): Promise<PasswordReset | null> {
    const lock = options.forUpdate ? sql`for update` : sql``;
    const { rows } = await sql<ResetRow>`select ${cols} from password_resets where ${here} and id = ${id} ${lock}`.execute(this.db);
    return rows[0] ? toReset(rows[0]) : null;
  }

  async markSent(id: string): Promise<void> {
    await sql`update password_resets set emailed_at = coalesce(emailed_at, now()) where ${here} and id = ${id}`.execute(this.db);
  }

  async useAll(userId: string): Promise<void> {
    await sql`update password_resets set used_at = now() where ${here} and user_id = ${userId} and used_at is null`.execute(this.db);
  }
}
