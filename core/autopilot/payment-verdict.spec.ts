import { describe, expect, it } from 'vitest';
import type { Lead } from '../leads/lead.types.ts';
import type { Proposal } from './autopilot.types.ts';
import { HOLD_RECHECK_DAYS, holdNotice, judgePayment, nextHoldCheck } from './payment-verdict.ts';

const lead = (status: Lead['status']) => ({ id: 'lead-1', status, businessName: 'Sharma Dental' }) as Lead;
const proposal = { id: 'p-1', leadId: 'lead-1', version: 2, title: 'Website', total: 4_500_000n, currency: 'INR' } as Proposal;
const paid = { leadId: 'lead-1', proposalId: 'p-1', amount: 4_500_000n, currency: 'INR' };

describe('what a verified payment does', () => {
  it('pays a lead waiting for it; waits a moment for one whose proposal is being sent', () => {
    expect(judgePayment(paid, lead('PROPOSAL_SENT'), proposal)).toMatchObject({ kind: 'pay', amount: 4_500_000n });
    expect(judgePayment(paid, lead('INTERESTED'), proposal)).toMatchObject({ kind: 'later' });
  });

  it('holds the right amount for a lead closed as lost (never a retry that cannot succeed)', () => {
    expect(judgePayment(paid, lead('LOST'), proposal)).toMatchObject({ kind: 'hold', amount: 4_500_000n });
    expect(judgePayment(paid, lead('CONTACTED'), proposal)).toMatchObject({ kind: 'hold' });
  });

  it('refuses a wrong amount, an unknown proposal and a second payment, whatever the lead\'s state', () => {
    expect(judgePayment({ ...paid, amount: 4_499_999n }, lead('LOST'), proposal)).toMatchObject({ kind: 'refuse', outcome: 'amount_mismatch' });
    expect(judgePayment(paid, lead('LOST'), null)).toMatchObject({ kind: 'refuse', outcome: 'unmatched' });
    expect(judgePayment(paid, lead('PAID'), proposal)).toMatchObject({ kind: 'refuse', outcome: 'duplicate' });
  });

  it('tells a person what happened and what to do', () => {
    const notice = holdNotice(lead('LOST'), proposal, 4_500_000n, 'evt_1');
    expect(notice.title).toMatch(/^Payment received for a lead closed as lost: reopen it or refund/);
    expect(notice.title.length).toBeLessThanOrEqual(200);
    expect(notice.timeline).toContain('₹45,000.00');
    expect(notice.body).toMatch(/Reopen the lead/);
  });
});

describe('looking at a held payment again', () => {
  const received = new Date('2026-12-01T10:00:00Z');
  const after = (ms: number) => new Date(received.getTime() + ms);
  it('soon at first, then at most hourly, and not after the hold period', () => {
    expect(nextHoldCheck(received, received)).toEqual(after(60_000));
    expect(nextHoldCheck(received, after(60 * 60_000))).toEqual(after(65 * 60_000));
    expect(nextHoldCheck(received, after(2 * 86_400_000))).toEqual(after(2 * 86_400_000 + 3_600_000));
    expect(nextHoldCheck(received, after(HOLD_RECHECK_DAYS * 86_400_000))).toBeNull();
  });
});
