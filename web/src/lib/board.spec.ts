import { describe, expect, it } from 'vitest';
import { emptyColumns, findLead, moveOptimistically, removeLead, upsertLead, type Columns } from './board.ts';
import type { LeadStatus, LeadSummary } from './types.ts';

const lead = (id: string, status: LeadStatus, overrides: Partial<LeadSummary> = {}): LeadSummary => ({
  id,
  businessName: `Business ${id}`,
  contactName: null,
  email: null,
  phone: null,
  city: null,
  industry: null,
  source: null,
  tags: [],
  score: null,
  status,
  assigneeId: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  version: 1,
  ...overrides,
});

function board(...leads: LeadSummary[]): Columns {
  const columns = emptyColumns();
  for (const l of leads) columns[l.status] = { leads: [...columns[l.status].leads, l], total: columns[l.status].total + 1 };
  return columns;
}

describe('board columns', () => {
  it('moves a lead that changed state to its new column, newest first, and keeps the totals', () => {
    const columns = board(lead('a', 'NEW'), lead('b', 'CONTACTED', { updatedAt: '2026-11-02T00:00:00Z' }));
    const next = upsertLead(columns, lead('a', 'CONTACTED', { version: 2, updatedAt: '2026-11-03T00:00:00Z' }));
    expect(next.NEW).toEqual({ leads: [], total: 0 });
    expect(next.CONTACTED.leads.map((l) => l.id)).toEqual(['a', 'b']);
    expect(next.CONTACTED.total).toBe(2);
  });

  it('adds a new lead to its column and counts it', () => {
    const next = upsertLead(emptyColumns(), lead('n', 'NEW'));
    expect(next.NEW.total).toBe(1);
    expect(findLead(next, 'n')?.status).toBe('NEW');
  });

  it('updates a lead in place without counting it twice', () => {
    const next = upsertLead(board(lead('a', 'NEW')), lead('a', 'NEW', { businessName: 'Renamed', version: 2 }));
    expect(next.NEW.total).toBe(1);
    expect(next.NEW.leads[0]?.businessName).toBe('Renamed');
  });

  it('ignores a stale copy (an older version than the card shows)', () => {
    const columns = board(lead('a', 'CONTACTED', { version: 3 }));
    expect(upsertLead(columns, lead('a', 'NEW', { version: 2 }))).toBe(columns);
  });

  it('moves a card at once and puts it back when the API refuses', () => {
    const columns = board(lead('a', 'CONTACTED'));
    const { columns: moved, revert } = moveOptimistically(columns, 'a', 'PAID');
    expect(findLead(moved, 'a')?.status).toBe('PAID');
    expect(moved.CONTACTED.total).toBe(0);
    const back = revert(moved);
    expect(findLead(back, 'a')?.status).toBe('CONTACTED');
    expect(back.CONTACTED.total).toBe(1);
    expect(back.PAID.total).toBe(0);
  });

  it('removes a deleted lead', () => {
    const next = removeLead(board(lead('a', 'NEW'), lead('b', 'NEW')), 'a');
    expect(next.NEW.leads.map((l) => l.id)).toEqual(['b']);
    expect(next.NEW.total).toBe(1);
  });
});
