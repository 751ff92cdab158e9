import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.ts';
import { THROTTLES, THROTTLE_WINDOW_MS, invitationCounter, isOver, linkCounter, refusal, resetCounters, signInCounters, signupCounter } from './throttle.ts';

const now = new Date('2026-11-24T10:00:00Z');
const started = (msAgo: number) => new Date(now.getTime() - msAgo);

describe('throttle', () => {
  it('counts a sign-in by account and address, and by address, never by account alone; the email in any case', () => {
    expect(signInCounters(' Dr.Rao@Clinic.IN ', '203.0.113.4')).toEqual([
      { kind: 'signInPair', key: 'signInPair:dr.rao@clinic.in|203.0.113.4' },
      { kind: 'signInAddress', key: 'signInAddress:203.0.113.4' },
    ]);
    expect(signInCounters('a@b.in', null)[1]?.key).toBe('signInAddress:unknown');
    expect(Object.keys(THROTTLES).some((kind) => /account$/i.test(kind) && kind.startsWith('signIn'))).toBe(false);
  });

  it('keys every other count by what it protects', () => {
    expect(signupCounter('203.0.113.4').key).toBe('signup:203.0.113.4');
    expect(invitationCounter('0b0d8a52-0000-4000-8000-000000000001').key).toBe('invitations:0b0d8a52-0000-4000-8000-000000000001');
    expect(linkCounter(null).key).toBe('links:unknown');
    expect(resetCounters('Asha@Growth.co', '198.51.100.2').map((c) => c.key)).toEqual(['resetAddress:198.51.100.2', 'resetAccount:asha@growth.co']);
  });

  it('allows up to the limit and refuses past it, saying when the last window passed ends', () => {
    const limit = THROTTLES.signInPair.limit;
    expect(refusal([{ kind: 'signInPair', attempts: limit, windowStart: started(0) }], now)).toBeNull();
    expect(isOver({ kind: 'signInPair', attempts: limit + 1, windowStart: now })).toBe(true);
    const refused = refusal(
      [
        { kind: 'signInPair', attempts: limit + 1, windowStart: started(10 * 60_000) },
        { kind: 'signInAddress', attempts: THROTTLES.signInAddress.limit + 1, windowStart: started(60_000) },
      ],
      now,
    );
    expect(refused?.code).toBe(ErrorCode.RATE_LIMITED);
    expect(refused?.details.retryAfterSeconds).toBe((THROTTLE_WINDOW_MS - 60_000) / 1000);
    expect(refused?.message).toBe('Too many sign-in attempts; try again in 14 minutes.');
  });

  it('names what was refused, and never asks for less than a second or more than a window', () => {
    const signup = refusal([{ kind: 'signup', attempts: THROTTLES.signup.limit + 1, windowStart: started(5 * 60_000) }], now);
    expect(signup?.message).toBe('Too many sign-up attempts; try again in 10 minutes.');
    const invites = refusal([{ kind: 'invitations', attempts: 99, windowStart: started(THROTTLE_WINDOW_MS - 500) }], now);
    expect(invites?.message).toBe('Too many invitations; try again in 1 minute.');
    expect(invites?.details.retryAfterSeconds).toBe(1);
    // A window the database started a little in our future is still at most one window away.
    const ahead = refusal([{ kind: 'links', attempts: 99, windowStart: new Date(now.getTime() + 5_000) }], now);
    expect(ahead?.details.retryAfterSeconds).toBe(THROTTLE_WINDOW_MS / 1000);
  });
});
