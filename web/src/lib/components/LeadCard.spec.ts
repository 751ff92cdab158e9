import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { LeadSummary } from '../types.ts';
import LeadCard from './LeadCard.svelte';

const lead: LeadSummary = {
  id: 'l1', businessName: 'Royal Spice Restaurant', contactName: 'Amit', email: 'a@b.in', phone: null, city: 'Delhi', industry: null, source: null,
  tags: [], score: 82, status: 'CONTACTED', assigneeId: null, createdAt: '2026-11-24T10:00:00Z', updatedAt: '2026-11-24T11:00:00Z', version: 1,
  allowedActions: ['SEND_FOLLOW_UP', 'CLASSIFY_REPLY', 'EDIT', 'ADD_NOTE', 'CLOSE_AS_LOST'], lostFrom: null,
};
const props = { lead, href: '/t/t1/leads/l1', now: new Date('2026-11-24T12:00:00Z'), onmove: () => undefined, ondragstart: () => undefined, ondragend: () => undefined };

describe('LeadCard', () => {
  it('shows business, contact, city, score and last activity', () => {
    const { body } = render(LeadCard, { props: { ...props, canMove: true } });
    expect(body).toContain('Royal Spice Restaurant');
    expect(body).toContain('Amit');
    expect(body).toContain('Delhi');
    expect(body).toContain('82');
    expect(body).toContain('1 hr. ago');
    expect(body).toContain('draggable="true"');
    expect(body).toContain('Move Royal Spice Restaurant to another stage');
  });

  it('offers only the legal moves, and says why the others are not', () => {
    const { body } = render(LeadCard, { props: { ...props, canMove: true } });
    expect(body).toContain('data-move="LOST"');
    expect(body).not.toContain('data-move="PAID"');
    expect(body).not.toContain('data-move="INTERESTED"');
    expect(body).toContain('data-blocked="PAID"');
    expect(body).toContain('A lead becomes Paid only when its payment arrives.');
    expect(body).toContain('Only an owner or admin can mark a lead interested by hand.');
  });

  it('offers a reopenable lost lead its way back', () => {
    const lost = { ...lead, status: 'LOST' as const, lostFrom: 'INTERESTED' as const, allowedActions: ['REOPEN', 'ADD_NOTE', 'DELETE'] as LeadSummary['allowedActions'] };
    const { body } = render(LeadCard, { props: { ...props, lead: lost, canMove: true } });
    expect(body).toContain('data-move="INTERESTED"');
    expect(body).toContain('Reopen (back to Interested)');
  });

  it('offers no dragging and no move menu to someone who cannot change leads', () => {
    const { body } = render(LeadCard, { props: { ...props, canMove: false } });
    expect(body).toContain('draggable="false"');
    expect(body).not.toContain('to another stage');
  });
});
