import { DomainError, ErrorCode } from '../errors.ts';

/** How long a count of sign-in attempts runs before it starts again. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * Sign-in attempts allowed per window, counted before the password is checked (so concurrent
 * guesses count too, and a refused attempt costs no password hashing). Three counts, so that
 * neither one address guessing one account, nor many addresses guessing one account, nor one
 * address trying many accounts gets far. A successful sign-in clears the account's counts.
 */
export const LOGIN_LIMITS = { accountFromAddress: 10, account: 50, address: 200 } as const;

export type LoginCount = keyof typeof LOGIN_LIMITS;

/** The counters one attempt adds to: by account and address, by account, by address. */
export function loginCounters(email: string, address: string | null): Array<{ kind: LoginCount; key: string }> {
  const account = email.trim().toLowerCase();
  const from = address ?? 'unknown';
  return [
    { kind: 'accountFromAddress', key: `pair:${account}|${from}` },
    { kind: 'account', key: `account:${account}` },
    { kind: 'address', key: `address:${from}` },
  ];
}

/**
 * Agencies one address may sign up per window. Each signup costs a password hash and a new
 * agency's rows; a person or an office signs up a handful at most, a script thousands.
 */
export const SIGNUP_LIMIT = 20;

/** The counter a signup from `address` adds to. */
export const signupCounter = (address: string): string => `signup:${address}`;

/** The refusal for an attempt whose counts (after adding it) pass a limit, else null. */
export function loginRefusal(counts: ReadonlyArray<{ kind: LoginCount; attempts: number; windowStart: Date }>, now: Date): DomainError | null {
  return rateLimited('sign-in', counts.filter((c) => c.attempts > LOGIN_LIMITS[c.kind]), now);
}

/** The refusal for a signup whose address's count (after adding it) passes SIGNUP_LIMIT, else null. */
export function signupRefusal(count: { attempts: number; windowStart: Date } | undefined, now: Date): DomainError | null {
  return rateLimited('sign-up', count && count.attempts > SIGNUP_LIMIT ? [count] : [], now);
}

/** RATE_LIMITED until the last of the windows passed ends, with retryAfterSeconds; null when none is. */
function rateLimited(what: string, over: ReadonlyArray<{ windowStart: Date }>, now: Date): DomainError | null {
  if (!over.length) return null;
  const until = Math.max(...over.map((c) => c.windowStart.getTime() + LOGIN_WINDOW_MS));
  // Clamped to one window: the database's clock, which started it, may run a little ahead of ours.
  const retryAfterSeconds = Math.min(LOGIN_WINDOW_MS / 1000, Math.max(1, Math.ceil((until - now.getTime()) / 1000)));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(ErrorCode.RATE_LIMITED, `Too many ${what} attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, { retryAfterSeconds });
}
