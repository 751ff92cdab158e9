import type { NodeKind, RecordStore } from '../../core/autopilot/autopilot.ports.ts';
import type { Suppression, SuppressionReason } from '../../core/channels/suppressions.ts';
import type { AiDecision, Client, Proposal, ProposalLineItem, Task, TaskStatus } from '../../core/autopilot/autopilot.types.ts';
import { bigintAsString, money, type Money } from '../../core/money/money.ts';
import type { PageSlice } from '../../core/paging.ts';
import { sql, type Sql } from './database.ts';
import { keysetById } from './keyset.ts';
import { leadColumns, toLead, type LeadRow } from './lead-rows.ts';
import { toDate, toDateOrNull } from './values.ts';

// total as text: a bigint inside to_jsonb() would come back through JSON.parse as an inexact number.
const proposalCols = sql.raw(`id, lead_id, version, status, title, summary, line_items, currency, total::text as total, expected_results, valid_until::text,
  payment_provider, payment_url, payment_ref, created_at, sent_at, paid_at`);
interface ProposalRow {
  id: string; lead_id: string; version: number; status: Proposal['status']; title: string; summary: string; line_items: StoredLineItem[];
  currency: string; total: string; expected_results: string[]; valid_until: string; payment_provider: string | null; payment_url: string | null;
  payment_ref: string | null; created_at: Date | string; sent_at: Date | string | null; paid_at: Date | string | null;
}
/** Line items in jsonb keep their unit amount as a string of digits; rows written before did as a (safe) number. */
type StoredLineItem = Omit<ProposalLineItem, 'unitAmount'> & { unitAmount: string | number };
const toLineItem = (l: StoredLineItem): ProposalLineItem => ({ serviceId: l.serviceId, description: l.description, quantity: l.quantity, unitAmount: BigInt(l.unitAmount) });
const lineItemsJson = (lines: ProposalLineItem[]) => JSON.stringify(lines, bigintAsString);
const toProposal = (r: ProposalRow): Proposal => ({
  id: r.id, leadId: r.lead_id, version: r.version, status: r.status, title: r.title, summary: r.summary, lineItems: r.line_items.map(toLineItem),
  currency: r.currency, total: BigInt(r.total), expectedResults: r.expected_results, validUntil: r.valid_until,
  paymentProvider: r.payment_provider, paymentUrl: r.payment_url, paymentRef: r.payment_ref,
  createdAt: toDate(r.created_at), sentAt: toDateOrNull(r.sent_at), paidAt: toDateOrNull(r.paid_at),
});
const proposalPatch: Record<string, string> = { status: 'status', paymentProvider: 'payment_provider', paymentUrl: 'payment_url', paymentRef: 'payment_ref', title: 'title', summary: 'summary', currency: 'currency', total: 'total', validUntil: 'valid_until', sentAt: 'sent_at', paidAt: 'paid_at' };

const taskCols = sql.raw('id, lead_id, client_id, kind, title, body, status, due_at, created_at');
interface TaskRow { id: string; lead_id: string | null; client_id: string | null; kind: Task['kind']; title: string; body: string | null; status: Task['status']; due_at: Date | string | null; created_at: Date | string }
const toTask = (r: TaskRow): Task => ({ id: r.id, leadId: r.lead_id, clientId: r.client_id, kind: r.kind, title: r.title, body: r.body, status: r.status, dueAt: toDateOrNull(r.due_at), createdAt: toDate(r.created_at) });

const decisionCols = sql.raw('id, lead_id, message_id, kind, status, provider, model, input, output, reasoning, error, attempts, latency_ms, created_at');
interface DecisionRow { id: string; lead_id: string | null; message_id: string | null; kind: AiDecision['kind']; status: AiDecision['status']; provider: string; model: string; input: unknown; output: unknown; reasoning: string | null; error: string | null; attempts: number; latency_ms: number; created_at: Date | string }
const toDecision = (r: DecisionRow): AiDecision => ({ id: r.id, leadId: r.lead_id, messageId: r.message_id, kind: r.kind, status: r.status, provider: r.provider, model: r.model, input: r.input, output: r.output, reasoning: r.reasoning, error: r.error, attempts: r.attempts, latencyMs: r.latency_ms, createdAt: toDate(r.created_at) });

/** Suppressions, AI decisions, proposals, payment events, clients and tasks. */
export class PgRecordStore implements RecordStore {
  constructor(private readonly db: Sql) {}

  async kindOf(id: string): Promise<NodeKind | null> {
    // Ids are UUIDv7 (unique across tables); each branch is a primary-key probe under the tenant's RLS.
    const { rows } = await sql<{ kind: NodeKind }>`
      select 'Lead' as kind from leads where tenant_id = app_current_tenant() and id = ${id}::uuid
      union all select 'Message' from messages where tenant_id = app_current_tenant() and id = ${id}::uuid
      union all select 'Proposal' from proposals where tenant_id = app_current_tenant() and id = ${id}::uuid
      union all select 'LeadImport' from lead_imports where tenant_id = app_current_tenant() and id = ${id}::uuid
      limit 1`.execute(this.db);
    return rows[0]?.kind ?? null;
  }

  async countUsage(name: string, windowStart: Date): Promise<number> {
    const { rows } = await sql<{ used: number }>`
      insert into usage_counters as c (tenant_id, name, window_start, used) values (app_current_tenant(), ${name}, ${windowStart}, 1)
      on conflict (tenant_id, name) do update
        set used = case when c.window_start = excluded.window_start then c.used + 1 else 1 end, window_start = excluded.window_start
      returning used`.execute(this.db);
    return rows[0]!.used;
  }

  async isSuppressed(address: string): Promise<boolean> {
    const { rows } = await sql`select 1 from suppressions where address = ${address.toLowerCase()}`.execute(this.db);
    return rows.length > 0;
  }

  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    if (!addresses.length) return new Set();
    const { rows } = await sql<{ address: string }>`
      select address from suppressions where address = any(${addresses.map((a) => a.toLowerCase())}::text[])`.execute(this.db);
    return new Set(rows.map((row) => row.address));
  }

  async suppress(address: string, reason: SuppressionReason, leadId: string | null, messageId: string | null = null): Promise<void> {
    await sql`insert into suppressions (tenant_id, address, reason, lead_id, message_id)
              values (app_current_tenant(), ${address.toLowerCase()}, ${reason}, ${leadId}, ${messageId}) on conflict do nothing`.execute(this.db);
  }

  async suppressionsOf(addresses: readonly string[]): Promise<Suppression[]> {
    if (!addresses.length) return [];
    const { rows } = await sql<{ address: string; reason: SuppressionReason; lead_id: string | null; message_id: string | null }>`
      select address, reason, lead_id, message_id from suppressions where address = any(${addresses.map((a) => a.toLowerCase())}::text[])`.execute(this.db);
    return rows.map((r) => ({ address: r.address, reason: r.reason, leadId: r.lead_id, messageId: r.message_id }));
  }

  async liftOptOut(address: string): Promise<boolean> {
    const { rows } = await sql`delete from suppressions where address = ${address.toLowerCase()} and reason in ('opt_out', 'unsubscribe') returning address`.execute(this.db);
    return rows.length > 0;
  }

  async liftForReply(messageId: string): Promise<string[]> {
    const { rows } = await sql<{ address: string }>`delete from suppressions where message_id = ${messageId} returning address`.execute(this.db);
    return rows.map((row) => row.address);
  }

  async recordDecision(d: Omit<AiDecision, 'id' | 'createdAt'>): Promise<AiDecision> {
    return (await this.recordDecisions([d]))[0] as AiDecision;
  }

  async recordDecisions(decisions: Array<Omit<AiDecision, 'id' | 'createdAt'>>): Promise<AiDecision[]> {
    if (!decisions.length) return [];
    // An AI's input carries the catalog's prices (bigints): kept as strings of digits.
    const batch = JSON.stringify(decisions.map((d) => ({
      lead_id: d.leadId, message_id: d.messageId, kind: d.kind, status: d.status, provider: d.provider, model: d.model, input: d.input ?? null,
      output: d.output ?? null, reasoning: d.reasoning, error: d.error, attempts: d.attempts, latency_ms: d.latencyMs,
    })), bigintAsString);
    // uuidv7 ids follow insertion order, and rows are inserted in input order: sorting by id restores it.
    const { rows } = await sql<DecisionRow>`
      insert into ai_decisions (tenant_id, lead_id, message_id, kind, status, provider, model, input, output, reasoning, error, attempts, latency_ms)
      select app_current_tenant(), lead_id, message_id, kind, status, provider, model, coalesce(input, 'null'::jsonb), coalesce(output, 'null'::jsonb),
             reasoning, error, attempts, latency_ms
        from rows from (jsonb_to_recordset(${batch}::jsonb) as (lead_id uuid, message_id uuid, kind text, status text, provider text, model text,
             input jsonb, output jsonb, reasoning text, error text, attempts int, latency_ms int))
             with ordinality as t(lead_id, message_id, kind, status, provider, model, input, output, reasoning, error, attempts, latency_ms, ord)
       order by ord
      returning ${decisionCols}`.execute(this.db);
    return rows.map(toDecision).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async decisionsPageForLeads(leadIds: string[], slice: PageSlice): Promise<AiDecision[]> {
    if (!leadIds.length) return [];
    const page = keysetById(slice, 'id', { newestFirst: false });
    const { rows } = await sql<DecisionRow>`
      select d.* from unnest(${leadIds}::uuid[]) as owner(lead)
       cross join lateral (select ${decisionCols} from ai_decisions where tenant_id = app_current_tenant() and lead_id = owner.lead and ${page.after} ${page.order} ${page.limit}) d`.execute(this.db);
    return rows.map(toDecision);
  }

  async createProposal(p: Omit<Proposal, 'id' | 'version' | 'createdAt' | 'sentAt' | 'paidAt' | 'status'>): Promise<Proposal> {
    // A new version supersedes the drafts before it; sent versions stay as they were.
    await sql`update proposals set status = 'superseded', updated_at = now() where lead_id = ${p.leadId} and status = 'draft'`.execute(this.db);
    const { rows } = await sql<ProposalRow>`
      insert into proposals (tenant_id, lead_id, version, status, title, summary, line_items, currency, total, expected_results, valid_until)
      values (app_current_tenant(), ${p.leadId}, (select coalesce(max(version), 0) + 1 from proposals where lead_id = ${p.leadId}), 'draft',
              ${p.title}, ${p.summary}, ${lineItemsJson(p.lineItems)}::jsonb, ${p.currency}, ${p.total.toString()}, ${JSON.stringify(p.expectedResults)}::jsonb, ${p.validUntil})
      returning ${proposalCols}`.execute(this.db);
    return toProposal(rows[0]!);
  }

  async findProposal(id: string, options: { forUpdate?: boolean } = {}): Promise<Proposal | null> {
    const lock = options.forUpdate ? sql`for no key update` : sql``;
    const { rows } = await sql<ProposalRow>`select ${proposalCols} from proposals where id = ${id} ${lock}`.execute(this.db);
    return rows[0] ? toProposal(rows[0]) : null;
  }

  async latestProposal(leadId: string): Promise<Proposal | null> {
    const { rows } = await sql<ProposalRow>`select ${proposalCols} from proposals where lead_id = ${leadId} order by version desc limit 1`.execute(this.db);
    return rows[0] ? toProposal(rows[0]) : null;
  }

  async latestProposals(leadIds: string[]): Promise<Proposal[]> {
    if (!leadIds.length) return [];
    const { rows } = await sql<ProposalRow>`
      select distinct on (lead_id) ${proposalCols} from proposals where lead_id = any(${leadIds}::uuid[]) order by lead_id, version desc`.execute(this.db);
    return rows.map(toProposal);
  }

  async findProposalByPaymentRef(ref: string): Promise<Proposal | null> {
    const { rows } = await sql<ProposalRow>`select ${proposalCols} from proposals where payment_ref = ${ref}`.execute(this.db);
    return rows[0] ? toProposal(rows[0]) : null;
  }

  async updateProposal(id: string, patch: Partial<Proposal>): Promise<Proposal> {
    const sets = Object.entries(patch)
      .filter(([key]) => key in proposalPatch)
      .map(([key, value]) => sql`${sql.raw(proposalPatch[key] as string)} = ${value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value}`);
    if (patch.lineItems) sets.push(sql`line_items = ${lineItemsJson(patch.lineItems)}::jsonb`);
    if (patch.expectedResults) sets.push(sql`expected_results = ${JSON.stringify(patch.expectedResults)}::jsonb`);
    const { rows } = await sql<ProposalRow>`update proposals set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${id} returning ${proposalCols}`.execute(this.db);
    return toProposal(rows[0]!);
  }

  async registerCheckoutToken(token: string): Promise<void> {
    await sql`insert into checkout_tokens (token, tenant_id) values (${token}, app_current_tenant()) on conflict do nothing`.execute(this.db);
  }

  async recordPaymentEvent(e: Parameters<RecordStore['recordPaymentEvent']>[0]): Promise<boolean> {
    const { rows } = await sql`
      insert into payment_events (tenant_id, provider, event_id, type, lead_id, proposal_id, amount, currency, paid, outcome, reason)
      values (app_current_tenant(), ${e.provider}, ${e.eventId}, ${e.type}, ${e.leadId}, ${e.proposalId}, ${e.amount?.toString() ?? null}, ${e.currency}, ${e.paid}, ${e.outcome}, ${e.reason ?? null})
      on conflict do nothing returning event_id`.execute(this.db);
    return rows.length === 1;
  }

  async paymentEvent(provider: string, eventId: string) {
    const { rows } = await sql<{ lead_id: string | null; proposal_id: string | null; paid: boolean; outcome: string | null; amount: string | null; currency: string | null; received_at: Date | string }>`
      select lead_id, proposal_id, paid, outcome, amount, currency, received_at from payment_events where provider = ${provider} and event_id = ${eventId} for update`.execute(this.db);
    const r = rows[0];
    return r ? { leadId: r.lead_id, proposalId: r.proposal_id, paid: r.paid, outcome: r.outcome, amount: r.amount === null ? null : BigInt(r.amount), currency: r.currency, receivedAt: toDate(r.received_at) } : null;
  }

  async setPaymentOutcome(provider: string, eventId: string, outcome: string): Promise<void> {
    await sql`update payment_events set outcome = ${outcome} where provider = ${provider} and event_id = ${eventId}`.execute(this.db);
  }

  async createClient(c: { leadId: string; proposalId: string | null; businessName: string; contactName: string | null; email: string | null; phone: string | null }) {
    const { rows } = await sql<{ id: string }>`
      insert into clients (tenant_id, lead_id, proposal_id, business_name, contact_name, email, phone)
      values (app_current_tenant(), ${c.leadId}, ${c.proposalId}, ${c.businessName}, ${c.contactName}, ${c.email}, ${c.phone})
      on conflict do nothing returning id`.execute(this.db);
    if (rows[0]) return { id: rows[0].id, created: true };
    const existing = await sql<{ id: string }>`select id from clients where lead_id = ${c.leadId}`.execute(this.db);
    return { id: existing.rows[0]!.id, created: false };
  }

  async createTasks(tasks: Array<Omit<Task, 'id' | 'createdAt' | 'status'> & { dedupeKey: string }>): Promise<Task[]> {
    if (!tasks.length) return [];
    const batch = JSON.stringify(tasks.map((t) => ({ lead_id: t.leadId, client_id: t.clientId, kind: t.kind, title: t.title, body: t.body, due_at: t.dueAt?.toISOString() ?? null, dedupe_key: t.dedupeKey })));
    const { rows } = await sql<TaskRow>`
      insert into tasks (tenant_id, lead_id, client_id, kind, title, body, due_at, dedupe_key)
      select app_current_tenant(), lead_id, client_id, kind, title, body, due_at, dedupe_key
        from jsonb_to_recordset(${batch}::jsonb) as t(lead_id uuid, client_id uuid, kind text, title text, body text, due_at timestamptz, dedupe_key text)
      on conflict do nothing returning ${taskCols}`.execute(this.db);
    return rows.map(toTask);
  }

  async stats(since: Date) {
    // Sums are numeric in PostgreSQL (they may pass 64 bits) and travel as text, so nothing is rounded.
    const { rows } = await sql<{ by_status: Record<string, number> | null; money: Array<{ kind: 'paid' | 'sent'; currency: string; amount: string }>; sent: number }>`
      select (select json_object_agg(status, n) from (select status, count(*)::int as n from leads group by status) s) as by_status,
             (select coalesce(json_agg(json_build_object('kind', status, 'currency', currency, 'amount', amount::text) order by status, currency), '[]') from
                (select status, currency, sum(total) as amount from proposals where status in ('paid', 'sent') group by status, currency) r) as money,
             (select count(*)::int from messages where direction = 'out' and sent_at >= ${since.toISOString()}) as sent`.execute(this.db);
    const row = rows[0]!;
    const of = (kind: 'paid' | 'sent'): Money[] => row.money.filter((m) => m.kind === kind).map((m) => money(BigInt(m.amount), m.currency));
    return { leadsByStatus: row.by_status ?? {}, revenue: of('paid'), pipelineValue: of('sent'), messagesSentSince: row.sent };
  }

  async completeTask(id: string): Promise<Task | null> {
    const { rows } = await sql<TaskRow>`
      update tasks set status = 'done', completed_at = coalesce(completed_at, now()) where id = ${id} returning ${taskCols}`.execute(this.db);
    return rows[0] ? toTask(rows[0]) : null;
  }

  async completeTasksByKey(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await sql`update tasks set status = 'done', completed_at = coalesce(completed_at, now()) where dedupe_key = any(${keys}::text[]) and status = 'open'`.execute(this.db);
  }

  async tasksPageForLeads(leadIds: string[], slice: PageSlice): Promise<Task[]> {
    if (!leadIds.length) return [];
    const page = keysetById(slice, 'id', { newestFirst: false });
    const { rows } = await sql<TaskRow>`
      select t.* from unnest(${leadIds}::uuid[]) as owner(lead)
       cross join lateral (select ${taskCols} from tasks where tenant_id = app_current_tenant() and lead_id = owner.lead and ${page.after} ${page.order} ${page.limit}) t`.execute(this.db);
    return rows.map(toTask);
  }

  async clients(slice: PageSlice): Promise<Client[]> {
    const page = keysetById(slice, 'c.id', { newestFirst: true });
    const { rows } = await sql<{ id: string; lead_id: string; proposal_id: string | null; business_name: string; contact_name: string | null; email: string | null; phone: string | null; created_at: Date | string; paid_total: string | null; paid_currency: string | null }>`
      select c.id, c.lead_id, c.proposal_id, c.business_name, c.contact_name, c.email, c.phone, c.created_at, p.total::text as paid_total, p.currency as paid_currency
        from clients c left join proposals p on p.tenant_id = c.tenant_id and p.id = c.proposal_id and p.status = 'paid'
       where c.tenant_id = app_current_tenant() and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map((r) => ({
      id: r.id, leadId: r.lead_id, proposalId: r.proposal_id, businessName: r.business_name, contactName: r.contact_name, email: r.email, phone: r.phone, createdAt: toDate(r.created_at),
      amountPaid: r.paid_total !== null && r.paid_currency !== null ? money(BigInt(r.paid_total), r.paid_currency) : null,
    }));
  }

  async tasks(filter: { status?: TaskStatus | null }, slice: PageSlice): Promise<Task[]> {
    const page = keysetById(slice, 'id', { newestFirst: false });
    const status = filter.status ? sql`and status = ${filter.status}` : sql``;
    const { rows } = await sql<TaskRow>`select ${taskCols} from tasks where tenant_id = app_current_tenant() ${status} and ${page.after} ${page.order} ${page.limit}`.execute(this.db);
    return rows.map(toTask);
  }

  async receivePaymentEvent(e: Parameters<RecordStore['recordPaymentEvent']>[0], options: { lockTarget: boolean }) {
    // One round trip: the insert decides freshness; only a fresh event locks its lead and reads its proposal.
    const { rows } = await sql<{ fresh: boolean; lead: LeadRow | null; proposal: ProposalRow | null }>`
      with fresh as (
        insert into payment_events (tenant_id, provider, event_id, type, lead_id, proposal_id, amount, currency, paid, outcome, reason)
        values (app_current_tenant(), ${e.provider}, ${e.eventId}, ${e.type}, ${e.leadId}, ${e.proposalId}, ${e.amount?.toString() ?? null}, ${e.currency}, ${e.paid}, ${e.outcome}, ${e.reason ?? null})
        on conflict do nothing returning event_id
      ), lead as (
        select ${sql.raw(leadColumns)} from leads
         where tenant_id = app_current_tenant() and id = ${e.leadId} and ${options.lockTarget}::boolean and exists (select 1 from fresh)
           for no key update
      )
      select exists (select 1 from fresh) as fresh, (select to_jsonb(l) from lead l) as lead,
             (select to_jsonb(p) from (select ${proposalCols} from proposals where tenant_id = app_current_tenant() and id = ${e.proposalId}) p
               where ${options.lockTarget}::boolean and exists (select 1 from fresh)) as proposal`.execute(this.db);
    const row = rows[0]!;
    return { fresh: row.fresh, lead: row.lead ? toLead(row.lead) : null, proposal: row.proposal ? toProposal(row.proposal) : null };
  }

  async settlePaymentEvent(provider: string, eventId: string, outcome: string, paid: { proposalId: string; at: Date } | null, reason: string | null = null): Promise<void> {
    const event = sql`update payment_events set outcome = ${outcome}, reason = ${paid ? null : reason} where tenant_id = app_current_tenant() and provider = ${provider} and event_id = ${eventId}`;
    if (!paid) return void (await event.execute(this.db));
    await sql`with event as (${event} returning 1)
      update proposals set status = 'paid', paid_at = ${paid.at.toISOString()}, updated_at = now() where tenant_id = app_current_tenant() and id = ${paid.proposalId}`.execute(this.db);
  }

  async createClients(clients: Array<{ leadId: string; businessName: string; contactName: string | null; email: string | null; phone: string | null }>) {
    if (!clients.length) return [];
    const batch = JSON.stringify(clients.map((c) => ({ lead_id: c.leadId, business_name: c.businessName, contact_name: c.contactName, email: c.email, phone: c.phone })));
    const { rows } = await sql<{ lead_id: string; id: string | null; created: boolean }>`
      with input as (
        select * from jsonb_to_recordset(${batch}::jsonb) as t(lead_id uuid, business_name text, contact_name text, email text, phone text)
      ), ins as (
        insert into clients (tenant_id, lead_id, proposal_id, business_name, contact_name, email, phone)
        select app_current_tenant(), i.lead_id,
               (select p.id from proposals p where p.tenant_id = app_current_tenant() and p.lead_id = i.lead_id order by p.version desc limit 1),
               i.business_name, i.contact_name, i.email, i.phone
          from input i
        on conflict do nothing returning id, lead_id
      )
      select i.lead_id, ins.id is not null as created,
             -- A subquery per row: an index lookup, where a join would scan every client.
             coalesce(ins.id, (select c.id from clients c where c.tenant_id = app_current_tenant() and c.lead_id = i.lead_id)) as id
        from input i left join ins on ins.lead_id = i.lead_id`.execute(this.db);
    // A client another transaction committed during the insert is not in its snapshot: look it up now.
    const unseen = rows.filter((row) => row.id === null).map((row) => row.lead_id);
    const late = unseen.length ? (await sql<{ lead_id: string; id: string }>`select lead_id, id from clients where lead_id = any(${unseen}::uuid[])`.execute(this.db)).rows : [];
    const lateIds = new Map(late.map((row) => [row.lead_id, row.id]));
    return rows.map((row) => ({ leadId: row.lead_id, id: row.id ?? (lateIds.get(row.lead_id) as string), created: row.created }));
  }
}
