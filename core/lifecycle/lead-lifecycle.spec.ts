import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  LeadAction,
  LeadStatus,
  TransitionTrigger,
  allowedActions,
  assertActionAllowed,
  assertMove,
  assertTransition,
  defaultPipeline,
  findTransition,
  initialState,
  leadActions,
  planActionMove,
  planReopen,
  reopenMove,
  type LeadPosition,
  type LeadStatus as Status,
  type TransitionTrigger as Trigger,
} from './lead-lifecycle.ts';

const statuses = Object.values(LeadStatus);
const actions = Object.values(LeadAction);
const triggers = Object.values(TransitionTrigger);

// The table from DESIGN.md, written out independently of the implementation's data.
const closers: TransitionTrigger[] = ['CLOSED_BY_USER', 'NOT_INTERESTED', 'UNSUBSCRIBED', 'ASKED_TO_UNSUBSCRIBE', 'HARD_BOUNCE'];
const legalMoves: Record<string, TransitionTrigger[]> = {
  'NEW>CONTACTED': ['OUTREACH_SENT'],
  'CONTACTED>INTERESTED': ['REPLY_INTERESTED', 'MANUAL_OVERRIDE'],
  'INTERESTED>PROPOSAL_SENT': ['PROPOSAL_SENT'],
  'PROPOSAL_SENT>PAID': ['PAYMENT_CONFIRMED'],
  'NEW>LOST': closers,
  'CONTACTED>LOST': closers,
  'INTERESTED>LOST': closers,
  'PROPOSAL_SENT>LOST': closers,
};
// DESIGN.md "Reopening": the only moves back, from LOST to where the lead was, for closes people may undo.
const openStates: Status[] = ['NEW', 'CONTACTED', 'INTERESTED', 'PROPOSAL_SENT'];
const reopenable: Trigger[] = ['CLOSED_BY_USER', 'NOT_INTERESTED', 'ASKED_TO_UNSUBSCRIBE'];
const lost = (previousStatus: Status | null, statusTrigger: Trigger | null): LeadPosition => ({ status: 'LOST', previousStatus, statusTrigger });

// The seed's allowed actions per state (plus notes/edits, and closing as LOST from any open state).
const allowedByState: Record<Status, LeadAction[]> = {
  NEW: ['GENERATE_OUTREACH', 'SEND_OUTREACH', 'EDIT', 'ADD_NOTE', 'DELETE', 'CLOSE_AS_LOST'],
  CONTACTED: ['SEND_FOLLOW_UP', 'CLASSIFY_REPLY', 'MARK_INTERESTED', 'EDIT', 'ADD_NOTE', 'CLOSE_AS_LOST'],
  INTERESTED: ['GENERATE_PROPOSAL', 'SEND_PROPOSAL', 'SCHEDULE_CALL', 'EDIT', 'ADD_NOTE', 'CLOSE_AS_LOST'],
  PROPOSAL_SENT: ['SEND_PAYMENT_LINK', 'SEND_FOLLOW_UP', 'MODIFY_PROPOSAL', 'EDIT', 'ADD_NOTE', 'CLOSE_AS_LOST'],
  PAID: ['ONBOARD', 'CREATE_TASK', 'MANAGE_CLIENT', 'EDIT', 'ADD_NOTE'],
  LOST: ['ADD_NOTE', 'DELETE'],
};

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('lead lifecycle: every (from, to, trigger)', () => {
  for (const from of statuses) {
    for (const to of statuses) {
      const legal = legalMoves[`${from}>${to}`] ?? [];
      const back = from === 'LOST' && openStates.includes(to);
      for (const trigger of triggers) {
        const expected = legal.includes(trigger);
        it(`${from} → ${to} by ${trigger} is ${expected ? 'legal' : 'illegal'} without the lead's history`, () => {
          if (expected) {
            expect(assertTransition(from, to, trigger)).toMatchObject({ from, to });
          } else {
            const error = errorOf(() => assertTransition(from, to, trigger));
            expect(error.code).toBe('ILLEGAL_TRANSITION');
            expect(error.message).toContain(`The lead is ${from}`);
            expect(error.details.allowedActions).toEqual(allowedByState[from]);
          }
        });
      }
      it(`${from} → ${to} exists: ${legal.length > 0 || back}`, () => {
        expect(Boolean(findTransition(from, to))).toBe(legal.length > 0 || back);
      });
    }
  }

  it('starts every lead in NEW; PAID and LOST are terminal, and only a reopen leaves LOST', () => {
    expect(initialState()).toBe('NEW');
    const terminal = defaultPipeline.states.filter((state) => state.terminal).map((state) => state.state);
    expect(terminal).toEqual(['PAID', 'LOST']);
    expect(defaultPipeline.transitions.filter((t) => t.from === 'PAID')).toEqual([]);
    expect(defaultPipeline.transitions.filter((t) => t.from === 'LOST')).toEqual(
      openStates.map((to) => ({ from: 'LOST', to, triggers: ['REOPENED'], reverses: reopenable })),
    );
  });

  it('never skips a state on the main path, and the only moves back are reopens', () => {
    const order = ['NEW', 'CONTACTED', 'INTERESTED', 'PROPOSAL_SENT', 'PAID'];
    for (const transition of defaultPipeline.transitions.filter((t) => t.to !== 'LOST')) {
      if (transition.from === 'LOST') {
        expect(transition).toMatchObject({ triggers: ['REOPENED'], reverses: reopenable });
        continue;
      }
      expect(transition.reverses).toBeUndefined();
      expect(order.indexOf(transition.to) - order.indexOf(transition.from)).toBe(1);
    }
    expect(defaultPipeline.transitions.filter((t) => t.triggers.includes('REOPENED')).every((t) => t.from === 'LOST')).toBe(true);
  });
});

describe('lead lifecycle: every (state, action)', () => {
  for (const status of statuses) {
    it(`${status} allows exactly ${allowedByState[status].join(', ')}`, () => {
      expect([...allowedActions(status)]).toEqual(allowedByState[status]);
    });
    for (const action of actions) {
      const expected = allowedByState[status].includes(action);
      it(`${action} on ${status} is ${expected ? 'allowed' : 'refused'}`, () => {
        if (expected) {
          expect(() => assertActionAllowed(status, action)).not.toThrow();
        } else {
          const error = errorOf(() => assertActionAllowed(status, action));
          expect(error.code).toBe('ACTION_NOT_ALLOWED');
          expect(error.message).toContain(`not allowed on a ${status} lead`);
          expect(error.message).toContain(`allowed actions: ${allowedByState[status].join(', ') || 'none'}`);
        }
      });
    }
  }

  it('the seed\'s forbidden actions are refused', () => {
    const forbidden: Array<[Status, LeadAction]> = [
      ['NEW', 'SEND_PROPOSAL'],
      ['NEW', 'SEND_PAYMENT_LINK'],
      ['CONTACTED', 'SEND_PAYMENT_LINK'],
      ['INTERESTED', 'SEND_PAYMENT_LINK'],
      ['PROPOSAL_SENT', 'SEND_OUTREACH'],
      ['PROPOSAL_SENT', 'GENERATE_OUTREACH'],
      ['PAID', 'SEND_OUTREACH'],
      ['PAID', 'SEND_PROPOSAL'],
    ];
    for (const [status, action] of forbidden) expect(allowedActions(status)).not.toContain(action);
  });
});

describe('manual moves', () => {
  it('MARK_INTERESTED moves CONTACTED to INTERESTED as a manual override', () => {
    expect(planActionMove('CONTACTED', 'MARK_INTERESTED')).toEqual({ to: 'INTERESTED', trigger: 'MANUAL_OVERRIDE' });
  });

  it('MARK_INTERESTED from any other state is an illegal transition naming the state', () => {
    for (const status of statuses.filter((s) => s !== 'CONTACTED')) {
      const error = errorOf(() => planActionMove(status, 'MARK_INTERESTED'));
      expect(error.code).toBe('ILLEGAL_TRANSITION');
      expect(error.message).toContain(status);
    }
  });

  it('CLOSE_AS_LOST works from every open state and never from PAID or LOST', () => {
    for (const status of ['NEW', 'CONTACTED', 'INTERESTED', 'PROPOSAL_SENT'] as const) {
      expect(planActionMove(status, 'CLOSE_AS_LOST')).toEqual({ to: 'LOST', trigger: 'CLOSED_BY_USER' });
    }
    expect(errorOf(() => planActionMove('PAID', 'CLOSE_AS_LOST')).code).toBe('ILLEGAL_TRANSITION');
    expect(errorOf(() => planActionMove('LOST', 'CLOSE_AS_LOST')).message).toContain('already LOST');
  });
});

describe('reopening a lost lead', () => {
  for (const from of openStates) {
    for (const closer of closers) {
      const may = reopenable.includes(closer);
      it(`a lead lost from ${from} by ${closer} ${may ? 'reopens to ' + from : 'stays lost'}`, () => {
        const lead = lost(from, closer);
        if (may) {
          expect(planReopen(lead)).toEqual({ to: from, trigger: 'REOPENED' });
          expect(assertMove(lead, from, 'REOPENED')).toMatchObject({ from: 'LOST', to: from });
          expect(leadActions(lead)).toEqual(['REOPEN', 'ADD_NOTE', 'DELETE']);
        } else {
          const error = errorOf(() => planReopen(lead));
          expect(error.code).toBe('ACTION_NOT_ALLOWED');
          expect(error.message).toMatch(closer === 'HARD_BOUNCE' ? /bounced/ : /unsubscribed with the link/);
          expect(errorOf(() => assertMove(lead, from, 'REOPENED')).code).toBe('ILLEGAL_TRANSITION');
          expect(leadActions(lead)).toEqual(['ADD_NOTE', 'DELETE']);
        }
        // Never anywhere but where it was lost from, and never by another trigger.
        for (const other of openStates.filter((s) => s !== from)) {
          expect(errorOf(() => assertMove(lead, other, 'REOPENED')).message).toContain(`only to the status it was LOST from (${from})`);
        }
        for (const trigger of triggers.filter((t) => t !== 'REOPENED')) expect(errorOf(() => assertMove(lead, from, trigger)).code).toBe('ILLEGAL_TRANSITION');
      });
    }
  }

  it('a lead lost without a recorded trigger or origin (moved by hand in SQL) cannot be reopened', () => {
    expect(reopenMove(lost('CONTACTED', null))).toEqual({ refused: expect.stringContaining('not closed by a person or by a reply classification') });
    expect(reopenMove(lost(null, 'CLOSED_BY_USER'))).toEqual({ refused: expect.stringContaining('no earlier status') });
    expect(errorOf(() => assertTransition('LOST', 'CONTACTED', 'REOPENED')).code).toBe('ILLEGAL_TRANSITION');
  });

  it('an open or paid lead has nothing to reopen', () => {
    for (const status of [...openStates, 'PAID'] as const) {
      const error = errorOf(() => planReopen({ status, previousStatus: 'NEW', statusTrigger: 'CLOSED_BY_USER' }));
      expect(error.code).toBe('ILLEGAL_TRANSITION');
      expect(error.message).toContain(`only a lost lead can be reopened, and this lead is ${status}`);
      expect(leadActions({ status, previousStatus: 'NEW', statusTrigger: 'OUTREACH_SENT' })).not.toContain('REOPEN');
    }
  });
});
