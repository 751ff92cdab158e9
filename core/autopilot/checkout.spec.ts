import { describe, expect, it } from 'vitest';
import { checkoutState } from './checkout.ts';

const today = '2026-12-03';
const sent = { status: 'sent' as const, validUntil: '2026-12-31' };

describe('what a checkout page may do', () => {
  it('takes a payment for a sent proposal, in date, whose lead waits for it (or is about to)', () => {
    expect(checkoutState(sent, { status: 'PROPOSAL_SENT' }, today)).toEqual({ kind: 'open' });
    expect(checkoutState({ status: 'draft', validUntil: today }, { status: 'INTERESTED' }, today)).toEqual({ kind: 'open' });
  });

  it('says paid once it is', () => {
    expect(checkoutState({ ...sent, status: 'paid' }, { status: 'PAID' }, today)).toEqual({ kind: 'paid' });
    expect(checkoutState(sent, { status: 'PAID' }, today)).toEqual({ kind: 'paid' });
  });

  it('takes nothing, and says why, for a lost lead, a replaced or expired proposal, or a lead not waiting for one', () => {
    expect(checkoutState(sent, { status: 'LOST' }, today)).toMatchObject({ kind: 'closed', why: expect.stringMatching(/closed/) });
    expect(checkoutState({ ...sent, status: 'superseded' }, { status: 'PROPOSAL_SENT' }, today)).toMatchObject({ kind: 'closed', why: expect.stringMatching(/replaced by a newer one/) });
    expect(checkoutState({ ...sent, validUntil: '2026-12-02' }, { status: 'PROPOSAL_SENT' }, today)).toMatchObject({ kind: 'closed', why: 'This proposal expired on 2026-12-02.' });
    expect(checkoutState(sent, { status: 'CONTACTED' }, today)).toMatchObject({ kind: 'closed' });
  });
});
