import { stringify } from 'csv-stringify/sync';
import { can } from '../../core/access.ts';
import { hideActionLinks } from '../../core/autopilot/action-links.ts';
import type { TenantContext } from '../../core/context.ts';
import { actionLinkAccess } from '../../core/operation-access.ts';
import type { LeadService } from '../../core/leads/lead.service.ts';
import type { Lead, LeadCursor, LeadFilter } from '../../core/leads/lead.types.ts';
import { spreadsheetCell } from './csv.ts';

const columns: Array<[string, (lead: Lead) => unknown]> = [
  ['id', (l) => l.id],
  ['business_name', (l) => l.businessName],
  ['contact_name', (l) => l.contactName],
  ['email', (l) => l.email],
  ['phone', (l) => l.phone],
  ['website', (l) => l.website],
  ['industry', (l) => l.industry],
  ['city', (l) => l.city],
  ['country', (l) => l.country],
  ['source', (l) => l.source],
  ['company_size', (l) => l.companySize],
  ['tags', (l) => l.tags.join(', ')],
  ['status', (l) => l.status],
  ['score', (l) => l.score],
  ['assignee_id', (l) => l.assigneeId],
  ['custom_fields', (l) => (Object.keys(l.customFields).length ? JSON.stringify(l.customFields) : '')],
  ['created_at', (l) => l.createdAt.toISOString()],
  ['updated_at', (l) => l.updatedAt.toISOString()],
];

/**
 * Writes the filtered leads as CSV (header first), a page at a time, so any size streams; every cell
 * spreadsheet-safe. Nothing is written until the first page is read, so a filter the database
 * refuses is still an error response, not a cut-off download.
 */
export async function writeLeadsCsv(leads: LeadService, ctx: TenantContext, filter: LeadFilter, write: (chunk: string) => unknown): Promise<number> {
  // Cells (custom fields, say) may carry links that act on a lead: shown only to who may act on leads.
  const cell = can(ctx, actionLinkAccess.permission) ? (value: unknown) => value : hideActionLinks;
  let header = stringify([columns.map(([name]) => name)]);
  let after: LeadCursor | null = null;
  let total = 0;
  for (;;) {
    // The last page's cursor goes in as is: an internal call needs no opaque text.
    const from = after;
    const page = await leads.list(ctx, { page: { first: 200, after: from ? 'next' : null }, decode: () => from as LeadCursor, filter, orderBy: { field: 'CREATED_AT', direction: 'ASC' } });
    const rows = page.items.length ? stringify(page.items.map((lead) => columns.map(([, get]) => spreadsheetCell(cell(get(lead)))))) : '';
    if (header || rows) await write(header + rows);
    header = '';
    total += page.items.length;
    if (!page.hasNextPage) return total;
    after = page.items.at(-1)?.cursor ?? null;
  }
}
