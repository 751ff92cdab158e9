import type { SessionStore } from '../../core/accounts/account.ports.ts';
import type { Session } from '../../core/accounts/account.types.ts';
import type { PageSlice } from '../../core/paging.ts';
import { sql, type Sql } from './database.ts';
import { keysetByTime } from './keyset.ts';
import { toDate, toDateOrNull } from './values.ts';

interface SessionRow {
  agency_id: string; id: string; user_id: string; created_at: Date | string; last_seen_at: Date | string;
  expires_at: Date | string; revoked_at: Date | string | null; user_agent: string | null; address: string | null;
}

const cols = sql.raw('agency_id, id, user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent, address');
const toSession = (r: SessionRow): Session => ({
  id: r.id, agencyId: r.agency_id, userId: r.user_id, createdAt: toDate(r.created_at), lastSeenAt: toDate(r.last_seen_at),
  expiresAt: toDate(r.expires_at), revokedAt: toDateOrNull(r.revoked_at), userAgent: r.user_agent, address: r.address,
});
const live = sql.raw('revoked_at is null and expires_at > now()');

/** SessionStore on PostgreSQL; RLS limits every statement to the transaction's agency. */
export class PgSessionStore implements SessionStore {
  constructor(private readonly db: Sql) {}

  async create(session: { id: string; userId: string; expiresAt: Date; userAgent: string | null; address: string | null }): Promise<Session> {
    const { rows } = await sql<SessionRow>`
      insert into sessions (agency_id, id, user_id, expires_at, user_agent, address)
      values (app_current_agency(), ${session.id}, ${session.userId}, ${session.expiresAt}, ${session.userAgent}, ${session.address})
      returning ${cols}`.execute(this.db);
    return toSession(rows[0]!);
  }

  async pageActive(userId: string, slice: PageSlice): Promise<Session[]> {
    const page = keysetByTime(slice, { table: 'sessions', time: 'created_at', key: 'id', keyType: 'uuid', scope: sql`agency_id = app_current_agency()` }, { newestFirst: true });
    const { rows } = await sql<SessionRow>`
      select ${cols} from sessions where agency_id = app_current_agency() and user_id = ${userId} and ${live} and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map(toSession);
  }

  async revoke(userId: string, id: string): Promise<Session | null> {
    const { rows } = await sql<SessionRow>`
      update sessions set revoked_at = now()
       where agency_id = app_current_agency() and id = ${id} and user_id = ${userId} and ${live}
      returning ${cols}`.execute(this.db);
    return rows[0] ? toSession(rows[0]) : null;
  }

  async revokeAll(userId: string, keep: string | null = null): Promise<number> {
    const { rows } = await sql`
      update sessions set revoked_at = now()
       where agency_id = app_current_agency() and user_id = ${userId} and ${live} and id is distinct from ${keep}::uuid
      returning id`.execute(this.db);
    return rows.length;
  }

  async sweep(userId: string): Promise<void> {
    await sql`
      delete from sessions
       where agency_id = app_current_agency() and user_id = ${userId}
         and least(expires_at, coalesce(revoked_at, expires_at)) < now() - interval '30 days'`.execute(this.db);
  }
}
