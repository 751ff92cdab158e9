import type { Role } from '../../core/access.ts';
import type { InvitationStore } from '../../core/accounts/account.ports.ts';
import type { Invitation } from '../../core/accounts/account.types.ts';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import type { PageSlice } from '../../core/paging.ts';
import { pgError, sql, type Sql } from './database.ts';
import { keysetByTime } from './keyset.ts';
import { toDate, toDateOrNull } from './values.ts';

interface InvitationRow {
  agency_id: string; id: string; email: string; name: string; role: Role; tenant_ids: string[];
  invited_by: string | null; invited_by_name: string | null; version: number; token_hash: Buffer;
  expires_at: Date | string; emailed_version: number; last_sent_at: Date | string | null;
  created_at: Date | string; accepted_at: Date | string | null; revoked_at: Date | string | null;
}

const cols = sql.raw(`agency_id, id, email, name, role, tenant_ids, invited_by, invited_by_name, version, token_hash,
  expires_at, emailed_version, last_sent_at, created_at, accepted_at, revoked_at`);
const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id, agencyId: r.agency_id, email: r.email, name: r.name, role: r.role, tenantIds: r.tenant_ids ?? [],
  invitedBy: r.invited_by_name ? { id: r.invited_by, name: r.invited_by_name } : null,
  version: r.version, tokenHash: r.token_hash, expiresAt: toDate(r.expires_at), emailedVersion: r.emailed_version,
  lastSentAt: toDateOrNull(r.last_sent_at), createdAt: toDate(r.created_at), acceptedAt: toDateOrNull(r.accepted_at), revokedAt: toDateOrNull(r.revoked_at),
});
const here = sql.raw('agency_id = app_current_agency()');
const pending = sql.raw('accepted_at is null and revoked_at is null');

/** InvitationStore on PostgreSQL; RLS limits every statement to the transaction's agency. */
export class PgInvitationStore implements InvitationStore {
  constructor(private readonly db: Sql) {}

  async create(invitation: Pick<Invitation, 'id' | 'email' | 'name' | 'role' | 'tenantIds' | 'invitedBy' | 'tokenHash' | 'expiresAt'>): Promise<Invitation> {
    try {
      const { rows } = await sql<InvitationRow>`
        insert into invitations (agency_id, id, email, name, role, tenant_ids, invited_by, invited_by_name, token_hash, expires_at)
        values (app_current_agency(), ${invitation.id}, ${invitation.email}, ${invitation.name}, ${invitation.role}, ${invitation.tenantIds}::uuid[],
                ${invitation.invitedBy?.id ?? null}, ${invitation.invitedBy?.name ?? null}, ${invitation.tokenHash}, ${invitation.expiresAt})
        returning ${cols}`.execute(this.db);
      return toInvitation(rows[0]!);
    } catch (error) {
      if (pgError(error).constraint === 'invitations_pending_email') {
        throw new DomainError(ErrorCode.CONFLICT, `${invitation.email} already has a pending invitation; resend it instead.`, { field: 'email' });
      }
      throw error;
    }
  }

  async find(id: string, options: { forUpdate?: boolean } = {}): Promise<Invitation | null> {
    const lock = options.forUpdate ? sql`for update` : sql``;
    const { rows } = await sql<InvitationRow>`select ${cols} from invitations where ${here} and id = ${id} ${lock}`.execute(this.db);
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async pagePending(slice: PageSlice): Promise<Invitation[]> {
    const page = keysetByTime(slice, { table: 'invitations', time: 'created_at', key: 'id', keyType: 'uuid', scope: sql`${here}` }, { newestFirst: true });
    const { rows } = await sql<InvitationRow>`select ${cols} from invitations where ${here} and ${pending} and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map(toInvitation);
  }

  async renew(id: string, link: { version: number; tokenHash: Buffer; expiresAt: Date; invitedBy: { id: string; name: string } }): Promise<Invitation | null> {
    const { rows } = await sql<InvitationRow>`
      update invitations set version = ${link.version}, token_hash = ${link.tokenHash}, expires_at = ${link.expiresAt},
             invited_by = ${link.invitedBy.id}, invited_by_name = ${link.invitedBy.name}
       where ${here} and id = ${id} and ${pending}
      returning ${cols}`.execute(this.db);
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async revoke(id: string): Promise<Invitation | null> {
    const { rows } = await sql<InvitationRow>`update invitations set revoked_at = now() where ${here} and id = ${id} and ${pending} returning ${cols}`.execute(this.db);
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async markAccepted(id: string, userId: string): Promise<void> {
    await sql`update invitations set accepted_at = now(), accepted_user_id = ${userId} where ${here} and id = ${id}`.execute(this.db);
  }

  async markSent(id: string, version: number): Promise<void> {
    await sql`
      update invitations set emailed_version = greatest(emailed_version, ${version}), last_sent_at = now()
       where ${here} and id = ${id}`.execute(this.db);
  }
}
