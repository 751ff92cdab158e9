import { DomainError, ErrorCode } from '../errors.ts';

/** How long a count of attempts runs before it starts again. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Every throttled count, attempts allowed per window, and what a refusal calls them. Counts are
 * taken before the work they guard (a refused attempt costs no password hashing, no email).
 *
 * Sign-in is counted per account and address, and per address: one place guessing one account gets
 * 10 tries, one place trying many accounts 200 in all. There is deliberately no count per account
 * alone: it let anyone lock a known account out by guessing from a few addresses, while the right
 * password from a new address must still get in (and a forgotten one can be reset by email).
 */
export const THROTTLES = {
  signInPair: { limit: 10, noun: 'sign-in attempts' },
  signInAddress: { limit: 200, noun: 'sign-in attempts' },
  /** Agencies one address may sign up: each costs a password hash and a new agency's rows. */
  signup: { limit: 20, noun: 'sign-up attempts' },
  /** Invitations an agency sends or resends: each is an email to an address someone typed. */
  invitations: { limit: 20, noun: 'invitations' },
  /** Password reset requests from one address. */
  resetAddress: { limit: 10, noun: 'password reset requests' },
  /**
   * Reset emails to one account's address. Past it a request is answered as always but sends
   * nothing: a stranger can neither flood someone's inbox nor stop them asking (earlier links work).
   */
  resetAccount: { limit: 3, noun: 'password reset requests' },
  /** Uses of one-time links (invitations, password resets) from one address. */
  links: { limit: 30, noun: 'attempts with sign-in links' },
} as const;

export type ThrottleKind = keyof typeof THROTTLES;

/** One counter an attempt adds to. Keys never leave the database unhashed (see the migration). */
export interface Counter {
  kind: ThrottleKind;
  key: string;
}

/** A counter's state after the attempt was added. */
export interface Count {
  kind: ThrottleKind;
  attempts: number;
  windowStart: Date;
}

const account = (email: string) => email.trim().toLowerCase();
const place = (address: string | null) => address ?? 'unknown';

export const counter = (kind: ThrottleKind, subject: string): Counter => ({ kind, key: `${kind}:${subject}` });

/** A sign-in (or a password change, which proves the same password): by account and address, by address. */
export function signInCounters(email: string, address: string | null): Counter[] {
  return [counter('signInPair', `${account(email)}|${place(address)}`), counter('signInAddress', place(address))];
}

export const signupCounter = (address: string | null): Counter => counter('signup', place(address));
export const invitationCounter = (agencyId: string): Counter => counter('invitations', agencyId);
export const linkCounter = (address: string | null): Counter => counter('links', place(address));
export function resetCounters(email: string, address: string | null): Counter[] {
  return [counter('resetAddress', place(address)), counter('resetAccount', account(email))];
}

/** Whether a count is past its limit. */
export const isOver = (count: Count): boolean => count.attempts > THROTTLES[count.kind].limit;

/** RATE_LIMITED until the last window passed ends (with retryAfterSeconds), or null when no count is past its limit. */
export function refusal(counts: readonly Count[], now: Date): DomainError | null {
  const over = counts.filter(isOver);
  if (!over.length) return null;
  const until = Math.max(...over.map((c) => c.windowStart.getTime() + THROTTLE_WINDOW_MS));
  // Clamped to one window: the database's clock, which started it, may run a little ahead of ours.
  const retryAfterSeconds = Math.min(THROTTLE_WINDOW_MS / 1000, Math.max(1, Math.ceil((until - now.getTime()) / 1000)));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const noun = THROTTLES[over[0]!.kind].noun;
  return new DomainError(ErrorCode.RATE_LIMITED, `Too many ${noun}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, { retryAfterSeconds });
}
