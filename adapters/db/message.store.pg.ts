import type { MessageStore } from '../../core/autopilot/autopilot.ports.ts';
import type { Message, MessageStatus, NewMessage, OutboxEntry } from '../../core/autopilot/autopilot.types.ts';
import type { Lead } from '../../core/leads/lead.types.ts';
import type { PageSlice } from '../../core/paging.ts';
import { sql, type Sql } from './database.ts';
import { keysetById, keysetByTime } from './keyset.ts';
import { leadColumns, toLead, type LeadRow } from './lead-rows.ts';
import { toDate, toDateOrNull } from './values.ts';

const messageColumns = `id, lead_id, direction, channel, purpose, step, status, subject, text_body, html_body, from_address, to_address,
  rfc_message_id, in_reply_to, reference_ids, provider, provider_message_id, proposal_id, classification, error, created_at, sent_at`;
const cols = sql.raw(messageColumns);
/** The same columns qualified, for statements that join another relation. */
const qualifiedCols = sql.raw(messageColumns.split(',').map((c) => `m.${c.trim()}`).join(', '));

interface MessageRow {
  id: string; lead_id: string | null; direction: Message['direction']; channel: Message['channel']; purpose: Message['purpose']; step: number;
  status: MessageStatus; subject: string | null; text_body: string | null; html_body: string | null; from_address: string | null;
  to_address: string | null; rfc_message_id: string | null; in_reply_to: string | null; reference_ids: string[]; provider: string | null;
  provider_message_id: string | null; proposal_id: string | null; classification: Message['classification']; error: string | null;
  created_at: Date | string; sent_at: Date | string | null;
}

const toMessage = (r: MessageRow): Message => ({
  id: r.id, leadId: r.lead_id, direction: r.direction, channel: r.channel, purpose: r.purpose, step: r.step, status: r.status,
  subject: r.subject, text: r.text_body, html: r.html_body, fromAddress: r.from_address, toAddress: r.to_address,
  rfcMessageId: r.rfc_message_id, inReplyTo: r.in_reply_to, references: r.reference_ids, provider: r.provider,
  providerMessageId: r.provider_message_id, proposalId: r.proposal_id, classification: r.classification, error: r.error,
  createdAt: toDate(r.created_at), sentAt: toDateOrNull(r.sent_at),
});

const patchColumns: Record<string, string> = {
  status: 'status', subject: 'subject', text: 'text_body', html: 'html_body', fromAddress: 'from_address', toAddress: 'to_address',
  rfcMessageId: 'rfc_message_id', provider: 'provider', providerMessageId: 'provider_message_id', error: 'error', sentAt: 'sent_at',
  proposalId: 'proposal_id',
};

/** Messages in and out, and the offline outbox. */
export class PgMessageStore implements MessageStore {
  constructor(private readonly db: Sql) {}

  async create(messages: NewMessage[]): Promise<Message[]> {
    if (!messages.length) return [];
    const batch = JSON.stringify(messages.map((m) => ({
      lead_id: m.leadId, direction: m.direction, channel: m.channel ?? 'email', purpose: m.purpose, step: m.step, status: m.status, subject: m.subject ?? null,
      text_body: m.text ?? null, html_body: m.html ?? null, from_address: m.fromAddress ?? null, to_address: m.toAddress ?? null,
      rfc_message_id: m.rfcMessageId ?? null, in_reply_to: m.inReplyTo ?? null, reference_ids: m.references ?? [], proposal_id: m.proposalId ?? null,
      provider: m.provider ?? null,
    })));
    await sql`
      insert into messages (tenant_id, lead_id, direction, channel, purpose, step, status, subject, text_body, html_body, from_address, to_address,
                            rfc_message_id, in_reply_to, reference_ids, proposal_id, provider)
      select app_current_tenant(), lead_id, direction, channel, purpose, step, status, subject, text_body, html_body, from_address, to_address,
             rfc_message_id, in_reply_to, coalesce(reference_ids, '{}'), proposal_id, provider
        from jsonb_to_recordset(${batch}::jsonb) as t(lead_id uuid, direction text, channel text, purpose text, step int, status text, subject text,
             text_body text, html_body text, from_address text, to_address text, rfc_message_id text, in_reply_to text,
             reference_ids text[], proposal_id uuid, provider text)
      on conflict do nothing`.execute(this.db);
    // Read back by the keys that make each message unique, whether it was inserted now or before.
    // Plain restrictions on indexed columns: a join against the batch would be planned from table
    // statistics, and right after a burst of inserts those say "empty" (then the plan scans them all).
    const leadIds = [...new Set(messages.flatMap((m) => (m.direction === 'out' && m.leadId ? [m.leadId] : [])))];
    const rfcIds = messages.flatMap((m) => (m.rfcMessageId ? [m.rfcMessageId] : []));
    const { rows } = await sql<MessageRow>`
      select ${cols} from messages where direction = 'out' and lead_id = any(${leadIds}::uuid[])
      union all
      select ${cols} from messages where rfc_message_id is not null and rfc_message_id = any(${rfcIds}::text[])`.execute(this.db);
    const wanted = new Set(messages.filter((m) => m.direction === 'out').map((m) => `${m.leadId}/${m.purpose}/${m.step}`));
    const rfcSet = new Set(rfcIds);
    const isAsked = (r: MessageRow) => (r.rfc_message_id !== null && rfcSet.has(r.rfc_message_id)) || (r.direction === 'out' && wanted.has(`${r.lead_id}/${r.purpose}/${r.step}`));
    const found = new Map(rows.filter(isAsked).map((r) => [r.id, r]));
    return [...found.values()].map(toMessage);
  }

  async createInbound(m: NewMessage & { rfcMessageId: string }): Promise<{ message: Message; inserted: boolean }> {
    const { rows } = await sql<MessageRow>`
      insert into messages (tenant_id, lead_id, direction, purpose, step, status, subject, text_body, html_body, from_address, to_address,
                            rfc_message_id, in_reply_to, reference_ids, provider)
      values (app_current_tenant(), ${m.leadId}, 'in', 'reply', 0, 'received', ${m.subject ?? null}, ${m.text ?? null}, ${m.html ?? null},
              ${m.fromAddress ?? null}, ${m.toAddress ?? null}, ${m.rfcMessageId}, ${m.inReplyTo ?? null}, ${m.references ?? []}, ${m.provider ?? null})
      on conflict do nothing returning ${cols}`.execute(this.db);
    if (rows[0]) return { message: toMessage(rows[0]), inserted: true };
    return { message: (await this.findByRfcId(m.rfcMessageId)) as Message, inserted: false };
  }

  async createInboundText(m: NewMessage & { channel: 'sms' | 'whatsapp'; provider: string; providerMessageId: string }): Promise<{ message: Message; inserted: boolean }> {
    const { rows } = await sql<MessageRow>`
      insert into messages (tenant_id, lead_id, direction, channel, purpose, step, status, text_body, from_address, to_address, provider, provider_message_id)
      values (app_current_tenant(), ${m.leadId}, 'in', ${m.channel}, 'reply', 0, 'received', ${m.text ?? null}, ${m.fromAddress ?? null}, ${m.toAddress ?? null},
              ${m.provider}, ${m.providerMessageId})
      on conflict do nothing returning ${cols}`.execute(this.db);
    if (rows[0]) return { message: toMessage(rows[0]), inserted: true };
    const found = await sql<MessageRow>`
      select ${cols} from messages where provider_message_id = ${m.providerMessageId} and provider = ${m.provider} and direction = 'in'`.execute(this.db);
    return { message: toMessage(found.rows[0] as MessageRow), inserted: false };
  }

  async findSentByProviderId(provider: string, providerMessageId: string, options: { forUpdate?: boolean } = {}): Promise<Message | null> {
    const lock = options.forUpdate ? sql`for no key update` : sql``;
    const { rows } = await sql<MessageRow>`
      select ${cols} from messages where provider_message_id = ${providerMessageId} and provider = ${provider} and direction = 'out' ${lock}`.execute(this.db);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async lastInboundAt(leadIds: readonly string[], channel: Message['channel']): Promise<Map<string, Date>> {
    if (!leadIds.length) return new Map();
    const { rows } = await sql<{ lead_id: string; at: Date | string }>`
      select owner.lead as lead_id, last.created_at as at from unnest(${[...leadIds]}::uuid[]) as owner(lead)
       cross join lateral (select created_at from messages where tenant_id = app_current_tenant() and lead_id = owner.lead
                            and direction = 'in' and channel = ${channel} order by id desc limit 1) last`.execute(this.db);
    return new Map(rows.map((r) => [r.lead_id, toDate(r.at)]));
  }

  async lastTextThread(address: string): Promise<string | null> {
    const { rows } = await sql<{ lead_id: string | null }>`
      select lead_id from messages where tenant_id = app_current_tenant() and to_address = ${address} and direction = 'out' and channel <> 'email'
         and status in ('sent', 'delivered', 'read')
       order by id desc limit 1`.execute(this.db);
    return rows[0]?.lead_id ?? null;
  }

  async find(id: string, options: { forUpdate?: boolean } = {}): Promise<Message | null> {
    const lock = options.forUpdate ? sql`for no key update` : sql``;
    const { rows } = await sql<MessageRow>`select ${cols} from messages where id = ${id} ${lock}`.execute(this.db);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async findMany(ids: readonly string[], options: { forUpdate?: boolean } = {}): Promise<Message[]> {
    if (!ids.length) return [];
    const lock = options.forUpdate ? sql`order by id for no key update` : sql``;
    const { rows } = await sql<MessageRow>`select ${cols} from messages where id = any(${[...ids]}::uuid[]) ${lock}`.execute(this.db);
    return rows.map(toMessage);
  }

  async findOutbound(leadId: string, purpose: Message['purpose'], step: number): Promise<Message | null> {
    const { rows } = await sql<MessageRow>`
      select ${cols} from messages where direction = 'out' and lead_id = ${leadId} and purpose = ${purpose} and step = ${step}`.execute(this.db);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async update(id: string, from: MessageStatus[], patch: Partial<Message>): Promise<Message | null> {
    const sets = Object.entries(patch)
      .filter(([key]) => key in patchColumns)
      .map(([key, value]) => sql`${sql.raw(patchColumns[key] as string)} = ${value instanceof Date ? value.toISOString() : value}`);
    if (patch.classification !== undefined) sets.push(sql`classification = ${JSON.stringify(patch.classification)}::jsonb, classified_at = now()`);
    const { rows } = await sql<MessageRow>`
      update messages set ${sql.join(sets, sql`, `)}, updated_at = now()
       where id = ${id} and status = any(${from}::text[]) returning ${cols}`.execute(this.db);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async updateMany(from: MessageStatus[], patches: Array<{ id: string } & Partial<Message>>): Promise<Message[]> {
    if (!patches.length) return [];
    const fields = Object.keys(patches[0] as object).filter((key) => key in patchColumns || key === 'classification');
    // One recordset carries every message's values; each column is set from its field. The id list
    // is repeated as a plain restriction so the rows are found by index whatever the statistics say.
    const batch = JSON.stringify(patches.map((p) => Object.fromEntries([['id', p.id], ...fields.map((f) => [f, (p as Record<string, unknown>)[f] ?? null])])));
    const types: Record<string, string> = { sentAt: 'timestamptz', proposalId: 'uuid', classification: 'jsonb' };
    const recordType = sql.raw(['id uuid', ...fields.map((f) => `"${f}" ${types[f] ?? 'text'}`)].join(', '));
    const sets = fields.map((f) => sql.raw(f === 'classification' ? 'classification = t."classification", classified_at = now()' : `${patchColumns[f]} = t."${f}"`));
    const { rows } = await sql<MessageRow>`
      update messages m set ${sql.join([...sets, sql`updated_at = now()`], sql`, `)}
        from jsonb_to_recordset(${batch}::jsonb) as t(${recordType})
       where m.id = t.id and m.id = any(${patches.map((p) => p.id)}::uuid[]) and m.status = any(${from}::text[])
      returning ${qualifiedCols}`.execute(this.db);
    return rows.map(toMessage);
  }

  async reserveSends(day: string, wanted: number, limit: number): Promise<number> {
    if (wanted <= 0) return 0;
    // One statement: the day's row is created or bumped; PostgreSQL 18 returns it before and after,
    // and the difference is what this call was granted.
    const { rows } = await sql<{ granted: number }>`
      insert into send_counters as c (tenant_id, day, sent) values (app_current_tenant(), ${day}::date, least(${wanted}::int, greatest(${limit}::int, 0)))
      on conflict (tenant_id, day) do update set sent = c.sent + least(${wanted}::int, greatest(${limit}::int - c.sent, 0))
      returning new.sent - coalesce(old.sent, 0) as granted`.execute(this.db);
    return rows[0]?.granted ?? 0;
  }

  async leadsAwaitingOutreach(limit: number): Promise<Lead[]> {
    const { rows } = await sql<LeadRow>`
      select ${sql.raw(leadColumns)} from leads l
       where l.status = 'NEW'
         -- "offset 0" keeps this a per-lead index probe: as an anti-join it would be planned from table
         -- statistics, which right after a burst of inserts say "empty" (and the plan scans them all).
         and not exists (select 1 from messages m where m.tenant_id = l.tenant_id and m.lead_id = l.id and m.direction = 'out' and m.purpose = 'outreach' and m.step = 0 offset 0)
       order by l.created_at limit ${limit}`.execute(this.db);
    return rows.map(toLead);
  }

  async conversation(leadId: string, limit: number): Promise<Message[]> {
    const { rows } = await sql<MessageRow>`
      select * from (select ${cols} from messages where lead_id = ${leadId} and status in ('sent', 'delivered', 'read', 'received') order by created_at desc limit ${limit}) recent
       order by created_at`.execute(this.db);
    return rows.map(toMessage);
  }

  async findByRfcIds(ids: string[]): Promise<Message | null> {
    if (!ids.length) return null;
    // Only the Message-ID index's own columns in the condition (direction and order are applied
    // here): with other columns, stale statistics can steer the planner to a scan of the tenant.
    const { rows } = await sql<MessageRow>`
      select ${cols} from messages where rfc_message_id is not null and rfc_message_id = any(${ids}::text[])`.execute(this.db);
    const outbound = rows.filter((row) => row.direction === 'out').sort((a, b) => ids.indexOf(a.rfc_message_id as string) - ids.indexOf(b.rfc_message_id as string));
    return outbound[0] ? toMessage(outbound[0]) : null;
  }

  async findByRfcId(id: string): Promise<Message | null> {
    const { rows } = await sql<MessageRow>`select ${cols} from messages where rfc_message_id is not null and rfc_message_id = ${id}`.execute(this.db);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async listForLead(leadId: string): Promise<Message[]> {
    const { rows } = await sql<MessageRow>`select ${cols} from messages where lead_id = ${leadId} order by created_at, id`.execute(this.db);
    return rows.map(toMessage);
  }

  async pageForLeads(leadIds: string[], slice: PageSlice): Promise<Message[]> {
    if (!leadIds.length) return [];
    const page = keysetById(slice, 'id', { newestFirst: false });
    // One statement for every lead of a request: each lead's page is an index range of its own.
    const { rows } = await sql<MessageRow>`
      select m.* from unnest(${leadIds}::uuid[]) as owner(lead)
       cross join lateral (select ${cols} from messages where tenant_id = app_current_tenant() and lead_id = owner.lead and ${page.after} ${page.order} ${page.limit}) m`.execute(this.db);
    return rows.map(toMessage);
  }

  async inbox(slice: PageSlice): Promise<Message[]> {
    const page = keysetById(slice, 'id', { newestFirst: true });
    const { rows } = await sql<MessageRow>`
      select ${cols} from messages where tenant_id = app_current_tenant() and direction = 'in' and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map(toMessage);
  }

  async deliverToOutbox(entries: Array<Omit<OutboxEntry, 'deliveredAt'>>): Promise<void> {
    if (!entries.length) return;
    const batch = JSON.stringify(entries.map((e) => ({
      message_id: e.messageId, lead_id: e.leadId, channel: e.channel, to_address: e.toAddress, from_address: e.fromAddress, subject: e.subject, text_body: e.text, html_body: e.html, headers: e.headers,
    })));
    await sql`
      insert into outbox (tenant_id, message_id, lead_id, channel, to_address, from_address, subject, text_body, html_body, headers)
      select app_current_tenant(), message_id, lead_id, channel, to_address, from_address, subject, text_body, html_body, headers
        from jsonb_to_recordset(${batch}::jsonb) as t(message_id text, lead_id uuid, channel text, to_address text, from_address text, subject text,
             text_body text, html_body text, headers jsonb)
      on conflict do nothing`.execute(this.db);
  }

  async outbox(slice: PageSlice): Promise<OutboxEntry[]> {
    const page = keysetByTime(slice, { table: 'outbox', time: 'delivered_at', key: 'message_id', keyType: 'text', scope: sql`tenant_id = app_current_tenant()` }, { newestFirst: true });
    const { rows } = await sql<{ message_id: string; lead_id: string | null; channel: OutboxEntry['channel']; to_address: string | null; from_address: string | null; subject: string | null; text_body: string; html_body: string | null; headers: Record<string, string>; delivered_at: Date | string }>`
      select message_id, lead_id, channel, to_address, from_address, subject, text_body, html_body, headers, delivered_at from outbox
       where tenant_id = app_current_tenant() and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map((r) => ({ messageId: r.message_id, leadId: r.lead_id, channel: r.channel, toAddress: r.to_address, fromAddress: r.from_address, subject: r.subject, text: r.text_body, html: r.html_body, headers: r.headers, deliveredAt: toDate(r.delivered_at) }));
  }
}
