import type { Actor } from '../../core/context.ts';
import type { ImportCounts, ImportIssue, ImportIssueKey, ImportStore, LeadImport, LeadsJson, SkippedLead } from '../../core/leads/lead-import.ts';
import type { PageSlice } from '../../core/paging.ts';
import { sql, type Sql } from './database.ts';
import { toDate, toDateOrNull } from './values.ts';

interface ImportRow {
  id: string; filename: string | null; status: LeadImport['status']; rows_read: number; imported: number;
  invalid: number; duplicates: number; skipped: number; warnings: number; failure: string | null;
  created_at: Date | string; finished_at: Date | string | null;
}
const importCols = sql.raw('id, filename, status, rows_read, imported, invalid, duplicates, skipped, warnings, failure, created_at, finished_at');
const toImport = (r: ImportRow): LeadImport => ({
  id: r.id, filename: r.filename, status: r.status, rowsRead: r.rows_read, imported: r.imported, invalid: r.invalid,
  duplicates: r.duplicates, skipped: r.skipped, warnings: r.warnings, failure: r.failure, createdAt: toDate(r.created_at),
  finishedAt: toDateOrNull(r.finished_at),
});

export class PgImportStore implements ImportStore {
  constructor(private readonly db: Sql) {}

  async create(meta: { filename: string | null; actor: Actor }): Promise<LeadImport> {
    const { rows } = await sql<ImportRow>`
      insert into lead_imports (tenant_id, filename, actor_type, actor_id, actor_name)
      values (app_current_tenant(), ${meta.filename}, ${meta.actor.type}, ${meta.actor.id}, ${meta.actor.name}) returning ${importCols}`.execute(this.db);
    return toImport(rows[0]!);
  }

  async insertLeads(importId: string, leads: LeadsJson): Promise<SkippedLead[]> {
    if (!leads.count) return [];
    // The JSON goes out as bytes (a binary text parameter), never as one large JS string. One
    // statement: ids drawn per row; a lead without email that an existing lead already is (same
    // phone, or same business name and city or address) left out; email conflicts (existing
    // emails, repeats in the batch) skipped; the answer is the few rows left out, not one per lead.
    const { rows } = await sql<{ ord: number; email: string | null; phone: string | null; business_name: string; place: string | null; existing_id: string | null; matched: 'phone' | 'businessName' | null }>`
      with input as materialized (
        select uuidv7() as id, t.*
          from rows from (json_to_recordset(${leads.json}::text::json) as (
            "businessName" text, "contactName" text, email text, phone text, website text, industry text, city text,
            country text, source text, "companySize" text, tags text[], "customFields" jsonb, "assigneeId" uuid))
          with ordinality as t(business_name, contact_name, email, phone, website, industry, city, country, source,
                               company_size, tags, custom_fields, assignee_id, ord)
      ), matched as materialized (
        select i.ord, m.id as existing_id, m.field
          from (select *, '%' || replace(replace(replace(lower(business_name), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' as name_pattern
                  from input where email is null) i
          cross join lateral (
            (select l.id, 'phone' as field from leads l where i.phone is not null and l.phone = i.phone limit 1)
            union all
            -- The trigram index on search_text (which holds the name and the city) finds the candidates.
            (select l.id, 'businessName' from leads l
              where i.city is not null and l.search_text like i.name_pattern
                and lower(l.business_name) = lower(i.business_name) and lower(coalesce(l.city, '')) = lower(i.city) limit 1)
            union all
            (select l.id, 'businessName' from leads l
              where i.city is null and i.custom_fields->>'Address' is not null and l.search_text like i.name_pattern
                and lower(l.business_name) = lower(i.business_name)
                and lower(l.custom_fields->>'Address') = lower(i.custom_fields->>'Address') limit 1)
            limit 1) m
      ), ins as (
        insert into leads (tenant_id, id, business_name, contact_name, email, phone, website, industry, city, country,
                           source, company_size, tags, custom_fields, assignee_id, import_id)
        select app_current_tenant(), id, business_name, contact_name, email, phone, website, industry, city, country,
               source, company_size, coalesce(tags, '{}'), coalesce(custom_fields, '{}'), assignee_id, ${importId}
          from input
         where not exists (select from matched where matched.ord = input.ord)
          -- In email order: batches written at once then take their key locks in one order (no deadlock).
         order by email, ord
        on conflict (tenant_id, email) where email is not null do nothing
        returning id
      )
      select i.ord::int as ord, i.email, i.phone, i.business_name, coalesce(i.city, i.custom_fields->>'Address') as place,
             m.existing_id, m.field as matched
        from input i left join matched m on m.ord = i.ord
       where not exists (select from ins where ins.id = i.id) order by i.ord`.execute(this.db);
    if (!rows.length) return [];
    const emails = rows.flatMap((row) => (row.matched === null && row.email !== null ? [row.email] : []));
    const { rows: existing } = emails.length
      ? await sql<{ id: string; email: string }>`select id, email from leads where email = any(${emails}::text[])`.execute(this.db)
      : { rows: [] };
    const idByEmail = new Map(existing.map((lead) => [lead.email, lead.id]));
    return rows.map((row): SkippedLead => {
      if (row.matched === 'phone') return { index: row.ord - 1, field: 'phone', value: row.phone as string, existingLeadId: row.existing_id };
      if (row.matched === 'businessName') return { index: row.ord - 1, field: 'businessName', value: `${row.business_name}, ${row.place ?? ''}`, existingLeadId: row.existing_id };
      return { index: row.ord - 1, field: 'email', value: row.email as string, existingLeadId: idByEmail.get(row.email as string) ?? null };
    });
  }

  async addIssues(importId: string, issues: ImportIssue[]): Promise<void> {
    if (!issues.length) return;
    const batch = JSON.stringify(issues.map((i) => ({ row_number: i.row, field: i.field, kind: i.kind, reason: i.reason, existing_lead_id: i.existingLeadId })));
    // A row can fail on one field once; the first reason wins should a field repeat.
    await sql`
      insert into lead_import_issues (tenant_id, import_id, row_number, field, kind, reason, existing_lead_id)
      select app_current_tenant(), ${importId}, row_number, field, kind, reason, existing_lead_id
        from jsonb_to_recordset(${batch}::jsonb) as t(row_number int, field text, kind text, reason text, existing_lead_id uuid)
      on conflict do nothing`.execute(this.db);
  }

  async addCounts(importId: string, c: ImportCounts): Promise<void> {
    await sql`
      update lead_imports set rows_read = rows_read + ${c.rowsRead}, imported = imported + ${c.imported},
             invalid = invalid + ${c.invalid}, duplicates = duplicates + ${c.duplicates},
             skipped = skipped + ${c.skipped}, warnings = warnings + ${c.warnings}
       where id = ${importId}`.execute(this.db);
  }

  async finish(importId: string, outcome: { status: 'completed' | 'failed'; failure: string | null }): Promise<LeadImport> {
    const { rows } = await sql<ImportRow>`
      update lead_imports set status = ${outcome.status}, failure = ${outcome.failure}, finished_at = now()
       where id = ${importId} returning ${importCols}`.execute(this.db);
    return toImport(rows[0]!);
  }

  async find(importId: string): Promise<LeadImport | null> {
    const { rows } = await sql<ImportRow>`select ${importCols} from lead_imports where id = ${importId}`.execute(this.db);
    return rows[0] ? toImport(rows[0]) : null;
  }

  async issues(importId: string, slice: PageSlice<ImportIssueKey>): Promise<ImportIssue[]> {
    // The primary key's own order (row, then field): each page is one range of it.
    const forward = slice.direction === 'forward';
    const after = slice.cursor ? sql`and (row_number, field) ${sql.raw(forward ? '>' : '<')} (${slice.cursor.row}::int, ${slice.cursor.field}::text)` : sql``;
    const direction = sql.raw(forward ? 'asc' : 'desc');
    const { rows } = await sql<{ row_number: number; field: string; kind: ImportIssue['kind']; reason: string; existing_lead_id: string | null }>`
      select row_number, field, kind, reason, existing_lead_id from lead_import_issues
       where tenant_id = app_current_tenant() and import_id = ${importId} ${after}
       order by row_number ${direction}, field ${direction} limit ${slice.size + 1}`.execute(this.db);
    return rows.map((r) => ({ row: r.row_number, field: r.field, kind: r.kind, reason: r.reason, existingLeadId: r.existing_lead_id }));
  }
}
