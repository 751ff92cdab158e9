import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.ts';
import { LOGIN_LIMITS, LOGIN_WINDOW_MS, SIGNUP_LIMIT, loginCounters, loginRefusal, signupCounter, signupRefusal } from './login-throttle.ts';

const now = new Date('2026-11-24T10:00:00Z');
const started = (msAgo: number) => new Date(now.getTime() - msAgo);

describe('login throttle', () => {
  it('counts an attempt by account and address, by account and by address; the email in any case', () => {
    expect(loginCounters(' Dr.Rao@Clinic.IN ', '203.0.113.4').map((c) => c.key)).toEqual(['pair:dr.rao@clinic.in|203.0.113.4', 'account:dr.rao@clinic.in', 'address:203.0.113.4']);
    expect(loginCounters('a@b.in', null)[2]?.key).toBe('address:unknown');
  });

  it('refuses past any one limit and says when the earliest window that allows it again ends', () => {
    expect(loginRefusal([{ kind: 'accountFromAddress', attempts: LOGIN_LIMITS.accountFromAddress, windowStart: started(0) }], now)).toBeNull();
    const refusal = loginRefusal(
      [
        { kind: 'accountFromAddress', attempts: LOGIN_LIMITS.accountFromAddress + 1, windowStart: started(10 * 60_000) },
        { kind: 'address', attempts: LOGIN_LIMITS.address + 1, windowStart: started(60_000) },
        { kind: 'account', attempts: 3, windowStart: started(0) },
      ],
      now,
    );
    expect(refusal?.code).toBe(ErrorCode.RATE_LIMITED);
    expect(refusal?.details.retryAfterSeconds).toBe((LOGIN_WINDOW_MS - 60_000) / 1000);
    expect(refusal?.message).toBe('Too many sign-in attempts; try again in 14 minutes.');
  });

  it('refuses a signup past the limit of its address', () => {
    expect(signupCounter('203.0.113.4')).toBe('signup:203.0.113.4');
    expect(signupRefusal(undefined, now)).toBeNull();
    expect(signupRefusal({ attempts: SIGNUP_LIMIT, windowStart: started(0) }, now)).toBeNull();
    const refusal = signupRefusal({ attempts: SIGNUP_LIMIT + 1, windowStart: started(5 * 60_000) }, now);
    expect(refusal?.code).toBe(ErrorCode.RATE_LIMITED);
    expect(refusal?.details.retryAfterSeconds).toBe((LOGIN_WINDOW_MS - 5 * 60_000) / 1000);
    expect(refusal?.message).toBe('Too many sign-up attempts; try again in 10 minutes.');
  });
});
