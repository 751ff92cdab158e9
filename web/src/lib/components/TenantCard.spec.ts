import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { TenantOverview } from '../types.ts';
import TenantCard from './TenantCard.svelte';

const inr = (amount: string) => ({ amount, currency: 'INR', exponent: 2 });
const tenant: TenantOverview = {
  tenantId: 't1', name: 'Apollo Hospitals Group', error: null, autopilot: true, conversionRate: 0.5, totalLeads: 4, messagesSentThisWeek: 9,
  revenue: [inr('2400000000'), { amount: '12345', currency: 'USD', exponent: 2 }], pipelineValue: [inr('9007199254740993')],
  leadsByStatus: [{ status: 'PAID', count: 2 }, { status: 'PROPOSAL_SENT', count: 2 }],
};

describe('TenantCard', () => {
  it('shows revenue and open proposals per currency, exactly past 2^53', () => {
    const { body } = render(TenantCard, { props: { tenant } });
    expect(body).toContain('₹2,40,00,000 + $123.45');
    expect(body).toContain('₹9,00,71,99,25,47,409.93');
    expect(body).toContain('Autopilot on');
  });

  it('says a tenant\'s figures could not be computed instead of showing zeros', () => {
    const failed: TenantOverview = { ...tenant, error: 'This tenant\'s figures could not be computed. Quote request id r-1 when reporting it.', autopilot: null, conversionRate: null, totalLeads: null, messagesSentThisWeek: null, revenue: null, pipelineValue: null, leadsByStatus: null };
    const { body } = render(TenantCard, { props: { tenant: failed } });
    expect(body).toContain('data-testid="tenant-error"');
    expect(body).toContain('could not be computed');
    expect(body).toContain('Apollo Hospitals Group');
    expect(body).not.toContain('data-testid="revenue"');
    expect(body).not.toContain('Autopilot off');
  });
});
