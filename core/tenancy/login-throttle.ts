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

/** The refusal for an attempt whose counts (after adding it) pass a limit, else null. */
export function loginRefusal(counts: ReadonlyArray<{ kind: LoginCount; attempts: number; windowStart: Date }>, now: Date): DomainError | null {
  const over = counts.filter((c) => c.attempts > LOGIN_LIMITS[c.kind]);
  if (!over.length) return null;
  const until = Math.max(...over.map((c) => c.windowStart.getTime() + LOGIN_WINDOW_MS));
  const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(ErrorCode.RATE_LIMITED, `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, { retryAfterSeconds });
}
