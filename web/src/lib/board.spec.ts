import { describe, expect, it } from 'vitest';
import { emptyColumns, findLead, moveOptimistically, moveTargets, reapply, removeLead, upsertLead, type Columns } from './board.ts';
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
  allowedActions: [],
  lostFrom: null,
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

describe('where a card may go', () => {
  const allowed = (l: LeadSummary) => moveTargets(l).filter((t) => t.allowed).map((t) => t.status);

  it('offers only the moves the API allows, and says why every other column is not one', () => {
    const contacted = lead('a', 'CONTACTED', { allowedActions: ['SEND_FOLLOW_UP', 'MARK_INTERESTED', 'EDIT', 'CLOSE_AS_LOST'] });
    expect(allowed(contacted)).toEqual(['INTERESTED', 'LOST']);
    const targets = moveTargets(contacted);
    expect(targets.find((t) => t.status === 'PAID')?.why).toBe('A lead becomes Paid only when its payment arrives.');
    expect(targets.find((t) => t.status === 'NEW')?.why).toContain('only when it is created');
    expect(targets.every((t) => t.allowed === (t.why === null))).toBe(true);
    // A member may close but not override: Interested is explained, not offered.
    const asMember = lead('b', 'CONTACTED', { allowedActions: ['SEND_FOLLOW_UP', 'EDIT', 'CLOSE_AS_LOST'] });
    expect(allowed(asMember)).toEqual(['LOST']);
    expect(moveTargets(asMember).find((t) => t.status === 'INTERESTED')?.why).toBe('Only an owner or admin can mark a lead interested by hand.');
  });

  it('offers a lost lead only its way back (a reopen), where the API allows one', () => {
    const reopenable = lead('c', 'LOST', { lostFrom: 'PROPOSAL_SENT', allowedActions: ['REOPEN', 'ADD_NOTE', 'DELETE'] });
    expect(moveTargets(reopenable).filter((t) => t.allowed)).toEqual([{ status: 'PROPOSAL_SENT', allowed: true, reopen: true, why: null }]);
    expect(moveTargets(reopenable).find((t) => t.status === 'CONTACTED')?.why).toBe('A lost lead goes back only to Proposal sent, where it was lost from, by reopening it.');
    const final = lead('d', 'LOST', { lostFrom: 'CONTACTED', allowedActions: ['ADD_NOTE', 'DELETE'] });
    expect(allowed(final)).toEqual([]);
    expect(moveTargets(final).find((t) => t.status === 'CONTACTED')?.why).toMatch(/Only an owner or admin can reopen/);
    expect(allowed(lead('e', 'PAID', { allowedActions: ['ONBOARD', 'EDIT'] }))).toEqual([]);
  });
});

describe('a reload racing live changes', () => {
  it('keeps a change that arrived while the board was being read', () => {
    // The load read the board before lead "a" moved and before lead "n" was created.
    const loaded = board(lead('a', 'NEW', { version: 1 }), lead('b', 'NEW'));
    const arrived = [lead('a', 'CONTACTED', { version: 2 }), lead('n', 'NEW', { version: 1 })];
    const next = reapply(loaded, arrived);
    expect(findLead(next, 'a')?.status).toBe('CONTACTED');
    expect(next.NEW.leads.map((l) => l.id).sort()).toEqual(['b', 'n']);
    expect([next.NEW.total, next.CONTACTED.total]).toEqual([2, 1]);
    // A change the load already includes (same or newer version) changes nothing.
    const fresh = board(lead('a', 'CONTACTED', { version: 3 }));
    expect(reapply(fresh, [lead('a', 'NEW', { version: 2 })])).toEqual(fresh);
  });
});
