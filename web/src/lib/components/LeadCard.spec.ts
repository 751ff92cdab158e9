import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { LeadSummary } from '../types.ts';
import LeadCard from './LeadCard.svelte';

const lead: LeadSummary = {
  id: 'l1', businessName: 'Royal Spice Restaurant', contactName: 'Amit', email: 'a@b.in', phone: null, city: 'Delhi', industry: null, source: null,
  tags: [], score: 82, status: 'CONTACTED', assigneeId: null, createdAt: '2026-11-24T10:00:00Z', updatedAt: '2026-11-24T11:00:00Z', version: 1,
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

  it('offers no dragging and no move menu to someone who cannot change leads', () => {
    const { body } = render(LeadCard, { props: { ...props, canMove: false } });
    expect(body).toContain('draggable="false"');
    expect(body).not.toContain('to another stage');
  });
});
