import { LEAD_SUMMARY, TEAM_PAGE } from './queries.ts';
import { STATUSES, STATUS_LABEL } from './status.ts';
import type { LeadStatus, LeadSummary } from './types.ts';

/** Cards per column on first paint; the table pages through the rest. */
export const PER_COLUMN = 40;

// One request: every column (an alias per state), the team (for the new-lead form) and the switch.
export const BOARD_QUERY = /* GraphQL */ `
  query Board($first: Int!) {
    ${STATUSES.map((s) => `${s}: leads(first: $first, filter: { status: [${s}] }, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount nodes { ...LeadSummary } }`).join('\n    ')}
    users(first: ${TEAM_PAGE}) { nodes { id name } }
    autopilotSettings { autopilot }
  }
  ${LEAD_SUMMARY}
`;

export type BoardData = Record<string, { totalCount: number; nodes: LeadSummary[] }> & { users: { nodes: { id: string; name: string }[] }; autopilotSettings: { autopilot: boolean } };

export function columnsFrom(data: BoardData): Columns {
  const columns: Columns = emptyColumns();
  for (const status of STATUSES) {
    const column = data[status] as { totalCount: number; nodes: LeadSummary[] };
    columns[status] = { leads: column.nodes, total: column.totalCount };
  }
  return columns;
}

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

/** A column a card may be moved to from its menu or by dragging, or why not. */
export interface MoveTarget {
  status: LeadStatus;
  allowed: boolean;
  /** Moving there reopens a lost lead (it needs a reason). */
  reopen: boolean;
  /** Why the move is not possible, in the words the board shows. */
  why: string | null;
}

const label = (status: LeadStatus) => STATUS_LABEL[status];

/** Why a lead cannot be moved to `to` by hand (the API's allowedActions said no). */
function refusal(lead: LeadSummary, to: LeadStatus): string {
  if (lead.status === 'LOST') {
    if (!lead.lostFrom) return 'A lost lead stays lost.';
    if (to !== lead.lostFrom) return `A lost lead goes back only to ${label(lead.lostFrom)}, where it was lost from, by reopening it.`;
    return 'Only an owner or admin can reopen a lost lead, and only one closed by a person or by a reply (never after a bounce or the unsubscribe link).';
  }
  if (lead.status === 'PAID') return 'A paid lead is a client: it stays Paid.';
  switch (to) {
    case 'NEW':
      return 'A lead is New only when it is created; it never goes back.';
    case 'CONTACTED':
      return 'A lead becomes Contacted when its first email is sent.';
    case 'INTERESTED':
      return lead.status === 'CONTACTED' ? 'Only an owner or admin can mark a lead interested by hand.' : 'A lead becomes Interested when a reply shows interest, after it was contacted.';
    case 'PROPOSAL_SENT':
      return 'A lead becomes Proposal sent when its proposal is sent.';
    case 'PAID':
      return 'A lead becomes Paid only when its payment arrives.';
    case 'LOST':
      return 'Your role cannot close leads.';
  }
}

/** Every other column, and whether this lead may go there by hand (from what the API allows it). */
export function moveTargets(lead: LeadSummary): MoveTarget[] {
  const can = new Set(lead.allowedActions);
  return STATUSES.filter((status) => status !== lead.status).map((status) => {
    const reopen = lead.status === 'LOST' && status === lead.lostFrom && can.has('REOPEN');
    const allowed = reopen || (status === 'INTERESTED' && can.has('MARK_INTERESTED')) || (status === 'LOST' && can.has('CLOSE_AS_LOST'));
    return { status, allowed, reopen, why: allowed ? null : refusal(lead, status) };
  });
}

/**
 * A freshly loaded board, with the live changes that arrived while it was being read put back on
 * top (a card older in the load than on screen keeps its newer self).
 */
export function reapply(loaded: Columns, changes: Iterable<LeadSummary>): Columns {
  let columns = loaded;
  for (const lead of changes) columns = upsertLead(columns, lead);
  return columns;
}
