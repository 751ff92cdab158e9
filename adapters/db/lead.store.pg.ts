import type { NormalizedLead } from '../../core/leads/lead-input.ts';
import type { LeadStore } from '../../core/leads/lead.store.ts';
import type { Lead, LeadCursor, LeadFilter, LeadOrder, LeadInList, NewTimelineEntry, TimelineEntry } from '../../core/leads/lead.types.ts';
import type { LeadStatus, TransitionTrigger } from '../../core/lifecycle/lead-lifecycle.ts';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import { pgError, sql, type Sql } from './database.ts';
import { leadColumns, leadFieldColumns, toLead, toTimelineEntry, type LeadRow, type TimelineRow } from './lead-rows.ts';
import type { PageSlice } from '../../core/paging.ts';

const columns = sql.raw(leadColumns);

/** Sort expressions; the same expression orders the page and compares the cursor. */
const orderExpressions: Record<LeadOrder['field'], { expr: string; type: string }> = {
  CREATED_AT: { expr: 'created_at', type: 'timestamptz' },
  UPDATED_AT: { expr: 'updated_at', type: 'timestamptz' },
  BUSINESS_NAME: { expr: 'lower(business_name)', type: 'text' },
  CITY: { expr: "coalesce(lower(city), '')", type: 'text' },
  SCORE: { expr: 'coalesce(score, -1)', type: 'integer' },
};

/** LeadStore on PostgreSQL; the transaction's RLS settings scope every statement to one tenant. */
export class PgLeadStore implements LeadStore {
  constructor(private readonly db: Sql) {}

  async insert(lead: NormalizedLead, meta: { importId?: string | null }) {
    const { rows } = await sql<LeadRow>`
      insert into leads (tenant_id, business_name, contact_name, email, phone, website, industry, city, country,
                         source, company_size, tags, custom_fields, assignee_id, import_id)
      values (app_current_tenant(), ${lead.businessName}, ${lead.contactName}, ${lead.email}, ${lead.phone}, ${lead.website},
              ${lead.industry}, ${lead.city}, ${lead.country}, ${lead.source}, ${lead.companySize}, ${lead.tags},
              ${JSON.stringify(lead.customFields)}::jsonb, ${lead.assigneeId}, ${meta.importId ?? null})
      on conflict (tenant_id, email) where email is not null do nothing
      returning ${columns}`.execute(this.db);
    if (rows[0]) return { inserted: rows[0].id, lead: toLead(rows[0]) };
    return { duplicateOf: await this.idByEmail(lead.email) };
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Lead | null> {
    // "No key update" serialises status changes without waiting on inserts that only reference the
    // lead (the timeline's foreign-key checks), which is how two replies of one lead used to deadlock.
    const lock = options.forUpdate ? sql`for no key update` : sql``;
    const { rows } = await sql<LeadRow>`select ${columns} from leads where id = ${id} ${lock}`.execute(this.db);
    return rows[0] ? toLead(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<Lead | null> {
    const { rows } = await sql<LeadRow>`select ${columns} from leads where email = ${email.toLowerCase()}`.execute(this.db);
    return rows[0] ? toLead(rows[0]) : null;
  }

  async findByPhone(phone: string): Promise<Lead | null> {
    const { rows } = await sql<LeadRow>`select ${columns} from leads where phone = ${phone} order by id desc limit 1`.execute(this.db);
    return rows[0] ? toLead(rows[0]) : null;
  }

  async findByIds(ids: readonly string[], options: { forUpdate?: boolean } = {}): Promise<Lead[]> {
    if (ids.length === 0) return [];
    const lock = options.forUpdate ? sql`order by id for no key update` : sql``;
    const { rows } = await sql<LeadRow>`select ${columns} from leads where id = any(${[...ids]}::uuid[]) ${lock}`.execute(this.db);
    return rows.map(toLead);
  }

  async page(query: { slice: PageSlice<LeadCursor>; filter: LeadFilter; orderBy: LeadOrder }): Promise<LeadInList[]> {
    const { slice } = query;
    const order = orderExpressions[query.orderBy.field];
    const expr = sql.raw(order.expr);
    // Going backward reads the list's order reversed from the cursor (the page puts it right again).
    const desc = (query.orderBy.direction === 'DESC') !== (slice.direction === 'backward');
    const where = filterConditions(query.filter);
    if (slice.cursor) {
      where.push(sql`(${sql.raw(order.expr)}, id) ${sql.raw(desc ? '<' : '>')} (${slice.cursor.key}::${sql.raw(order.type)}, ${slice.cursor.id}::uuid)`);
    }
    const direction = sql.raw(desc ? 'desc' : 'asc');
    const { rows } = await sql<LeadRow & { cursor_key: string }>`
      select ${columns}, (${expr})::text as cursor_key from leads
       where ${sql.join(where, sql` and `)}
       order by ${expr} ${direction}, id ${direction}
       limit ${slice.size + 1}`.execute(this.db);
    return rows.map((row) => ({ ...toLead(row), cursor: { key: row.cursor_key, id: row.id } }));
  }

  async count(filter: LeadFilter): Promise<number> {
    const { rows } = await sql<{ n: string }>`select count(*) as n from leads where ${sql.join(filterConditions(filter), sql` and `)}`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  async update(id: string, patch: Partial<NormalizedLead>, expectedVersion: number): Promise<Lead | null> {
    const sets = Object.entries(patch).map(([field, value]) => {
      const column = sql.raw(leadFieldColumns[field] as string);
      return field === 'customFields' ? sql`${column} = ${JSON.stringify(value)}::jsonb` : sql`${column} = ${value}`;
    });
    // A savepoint keeps the transaction usable after a unique violation, to name the other lead.
    await sql`savepoint lead_update`.execute(this.db);
    try {
      const { rows } = await sql<LeadRow>`
        update leads set ${sql.join(sets, sql`, `)}, version = version + 1, updated_at = now()
         where id = ${id} and version = ${expectedVersion} returning ${columns}`.execute(this.db);
      await sql`release savepoint lead_update`.execute(this.db);
      return rows[0] ? toLead(rows[0]) : null;
    } catch (error) {
      await sql`rollback to savepoint lead_update`.execute(this.db);
      if (pgError(error).constraint === 'leads_tenant_email_key' && patch.email) {
        throw new DomainError(ErrorCode.CONFLICT, 'duplicate email', { existingLeadId: await this.idByEmail(patch.email) });
      }
      throw error;
    }
  }

  async delete(id: string, statuses: readonly LeadStatus[]): Promise<boolean> {
    const { rows } = await sql`delete from leads where id = ${id} and status = any(${[...statuses]}::text[]) returning id`.execute(this.db);
    return rows.length === 1;
  }

  async moveStatus(id: string, from: LeadStatus, to: LeadStatus, trigger: TransitionTrigger): Promise<Lead | null> {
    // previous_status is the database's to write (a trigger), so what a reopen returns to cannot be forged.
    const { rows } = await sql<LeadRow>`
      update leads set status = ${to}, status_trigger = ${trigger}, version = version + 1, updated_at = now()
       where id = ${id} and status = ${from} returning ${columns}`.execute(this.db);
    return rows[0] ? toLead(rows[0]) : null;
  }

  async moveStatuses(moves: ReadonlyArray<{ id: string; from: LeadStatus; to: LeadStatus; trigger: TransitionTrigger }>): Promise<Lead[]> {
    if (moves.length === 0) return [];
    // The id list doubles as a plain restriction, so the leads are found by index whatever the statistics say.
    const { rows } = await sql<LeadRow>`
      update leads l set status = m.to_status, status_trigger = m.trigger, version = l.version + 1, updated_at = now()
        from unnest(${moves.map((m) => m.id)}::uuid[], ${moves.map((m) => m.from)}::text[], ${moves.map((m) => m.to)}::text[], ${moves.map((m) => m.trigger)}::text[])
             as m(id, from_status, to_status, trigger)
       where l.id = m.id and l.id = any(${moves.map((m) => m.id)}::uuid[]) and l.status = m.from_status
      returning ${sql.raw(leadColumns.split(',').map((c) => `l.${c.trim()}`).join(', '))}`.execute(this.db);
    return rows.map(toLead);
  }

  async lastMovesInto(leadIds: readonly string[], status: LeadStatus): Promise<Map<string, TimelineEntry>> {
    if (leadIds.length === 0) return new Map();
    const { rows } = await sql<TimelineRow>`
      select distinct on (lead_id) id, lead_id, kind, actor_type, actor_id, actor_name, from_status, to_status, trigger, reason, data, created_at
        from lead_events where lead_id = any(${[...leadIds]}::uuid[]) and kind = 'TRANSITION' and to_status = ${status}
       order by lead_id, id desc`.execute(this.db);
    return new Map(rows.map((row) => [row.lead_id, toTimelineEntry(row)]));
  }

  async appendTimeline(entries: NewTimelineEntry[]): Promise<TimelineEntry[]> {
    if (entries.length === 0) return [];
    const batch = JSON.stringify(
      entries.map((entry) => ({
        lead_id: entry.leadId,
        kind: entry.kind,
        actor_type: entry.actor.type,
        actor_id: entry.actor.id,
        actor_name: entry.actor.name,
        from_status: entry.fromStatus ?? null,
        to_status: entry.toStatus ?? null,
        trigger: entry.trigger ?? null,
        reason: entry.reason ?? null,
        data: entry.data ?? {},
      })),
    );
    const { rows } = await sql<TimelineRow>`
      insert into lead_events (tenant_id, lead_id, kind, actor_type, actor_id, actor_name, from_status, to_status, trigger, reason, data)
      select app_current_tenant(), lead_id, kind, actor_type, actor_id, actor_name, from_status, to_status, trigger, reason, coalesce(data, '{}')
        from jsonb_to_recordset(${batch}::jsonb) as t(lead_id uuid, kind text, actor_type text, actor_id text, actor_name text,
             from_status text, to_status text, trigger text, reason text, data jsonb)
      returning id, lead_id, kind, actor_type, actor_id, actor_name, from_status, to_status, trigger, reason, data, created_at`.execute(this.db);
    return rows.map(toTimelineEntry);
  }

  async timelineEntry(leadId: string, entryId: string): Promise<TimelineEntry | null> {
    const { rows } = await sql<TimelineRow>`
      select id, lead_id, kind, actor_type, actor_id, actor_name, from_status, to_status, trigger, reason, data, created_at
        from lead_events where lead_id = ${leadId} and id = ${entryId}`.execute(this.db);
    return rows[0] ? toTimelineEntry(rows[0]) : null;
  }

  async timelineEntries(ids: readonly string[]): Promise<TimelineEntry[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql<TimelineRow>`
      select id, lead_id, kind, actor_type, actor_id, actor_name, from_status, to_status, trigger, reason, data, created_at
        from lead_events where tenant_id = app_current_tenant() and id = any(${[...ids]}::uuid[]) order by id`.execute(this.db);
    return rows.map(toTimelineEntry);
  }

  async timeline(leadId: string, slice: PageSlice): Promise<TimelineEntry[]> {
    const forward = slice.direction === 'forward';
    const from = slice.cursor ? sql`where id ${sql.raw(forward ? '>' : '<')} ${slice.cursor}::uuid` : sql``;
    // uuidv7 ids are time-ordered (and monotonic per session), so the id is the chronological cursor.
    // An imported lead's "created" entry is the lead row itself (its id precedes every event's).
    const { rows } = await sql<TimelineRow>`
      select * from (
        select id, lead_id, kind, actor_type, actor_id, actor_name, from_status, to_status, trigger, reason, data, created_at
          from lead_events where lead_id = ${leadId}
        union all
        select l.id, l.id, 'CREATED', i.actor_type, i.actor_id, i.actor_name, null, null, null, null,
               jsonb_build_object('via', 'import', 'importId', l.import_id, 'filename', i.filename), l.created_at
          from leads l join lead_imports i on i.tenant_id = l.tenant_id and i.id = l.import_id
         where l.id = ${leadId}
      ) timeline ${from}
       order by id ${sql.raw(forward ? 'asc' : 'desc')} limit ${slice.size + 1}`.execute(this.db);
    return rows.map(toTimelineEntry);
  }

  async autopilotOn(): Promise<boolean> {
    const { rows } = await sql<{ autopilot: boolean }>`select autopilot from tenant_settings where tenant_id = app_current_tenant() for share`.execute(this.db);
    return rows[0]?.autopilot ?? false;
  }

  async isAssignable(userId: string): Promise<boolean> {
    const { rows } = await sql`
      select 1 from users u
       where u.id = ${userId}
         and (u.role in ('owner', 'admin')
              or exists (select 1 from tenant_memberships m where m.user_id = u.id and m.tenant_id = app_current_tenant()))`.execute(this.db);
    return rows.length > 0;
  }

  private async idByEmail(email: string | null): Promise<string> {
    return (await this.idsByEmail(email ? [email] : [])).get(email ?? '') ?? '';
  }

  private async idsByEmail(emails: string[]): Promise<Map<string, string>> {
    const { rows } = await sql<{ id: string; email: string }>`select id, email from leads where email = any(${emails}::text[])`.execute(this.db);
    return new Map(rows.map((row) => [row.email, row.id]));
  }
}

function filterConditions(filter: LeadFilter) {
  const where = [sql`true`];
  // One status is an equality, so the (tenant, status, created_at) index also gives the order.
  if (filter.status?.length === 1) where.push(sql`status = ${filter.status[0]}`);
  else if (filter.status?.length) where.push(sql`status = any(${filter.status}::text[])`);
  if (filter.search?.trim()) where.push(sql`search_text like ${`%${escapeLike(filter.search.trim().toLowerCase())}%`}`);
  if (filter.industry) where.push(sql`lower(industry) = lower(${filter.industry})`);
  if (filter.city) where.push(sql`lower(city) = lower(${filter.city})`);
  if (filter.source) where.push(sql`lower(source) = lower(${filter.source})`);
  if (filter.tag) where.push(sql`tags @> array[${filter.tag}]::text[]`);
  if (filter.assigneeId) where.push(sql`assignee_id = ${filter.assigneeId}::uuid`);
  if (filter.unassigned) where.push(sql`assignee_id is null`);
  return where;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
