import { STATUSES } from './status.ts';
import type { LeadStatus, LeadSummary } from './types.ts';

/** One board column: the cards loaded and how many leads are in the state in all. */
export interface Column {
  leads: LeadSummary[];
  total: number;
}
export type Columns = Record<LeadStatus, Column>;

export function emptyColumns(): Columns {
  return Object.fromEntries(STATUSES.map((s) => [s, { leads: [], total: 0 }])) as unknown as Columns;
}

export function findLead(columns: Columns, id: string): LeadSummary | undefined {
  for (const status of STATUSES) {
    const lead = columns[status].leads.find((l) => l.id === id);
    if (lead) return lead;
  }
  return undefined;
}

const byRecent = (a: LeadSummary, b: LeadSummary) => b.updatedAt.localeCompare(a.updatedAt);

/**
 * A lead as it is now (from a mutation or the live subscription): it leaves whatever column held
 * it and lands in its state's column, newest first. Totals follow; a stale copy (an older
 * version than the card shown) changes nothing.
 */
export function upsertLead(columns: Columns, lead: LeadSummary): Columns {
  const previous = findLead(columns, lead.id);
  if (previous && previous.version > lead.version) return columns;
  const next = { ...columns };
  for (const status of STATUSES) {
    const column = columns[status];
    if (column.leads.some((l) => l.id === lead.id)) {
      next[status] = { leads: column.leads.filter((l) => l.id !== lead.id), total: column.total - (status === lead.status ? 0 : 1) };
    }
  }
  const target = next[lead.status];
  next[lead.status] = { leads: [...target.leads, lead].sort(byRecent), total: target.total + (previous?.status === lead.status ? 0 : 1) };
  return next;
}

/** Removes a lead (deleted); its column's total drops. */
export function removeLead(columns: Columns, id: string): Columns {
  const lead = findLead(columns, id);
  if (!lead) return columns;
  const column = columns[lead.status];
  return { ...columns, [lead.status]: { leads: column.leads.filter((l) => l.id !== id), total: Math.max(0, column.total - 1) } };
}

/**
 * An optimistic move while the API decides: the card shows in the target column at once. The
 * returned `revert` puts the board back as it was for this card if the API refuses.
 */
export function moveOptimistically(columns: Columns, id: string, to: LeadStatus): { columns: Columns; revert: (current: Columns) => Columns } {
  const lead = findLead(columns, id);
  if (!lead || lead.status === to) return { columns, revert: (current) => current };
  const moved = upsertLead(columns, { ...lead, status: to });
  return { columns: moved, revert: (current) => upsertLead(current, lead) };
}
