import type { Role } from '../access.ts';
import type { JobQueue } from '../autopilot/jobs.ts';
import type { PageSlice } from '../paging.ts';
import type { PasswordHasher, TenancyStore } from '../tenancy/tenancy.ports.ts';
import type { LoginRecord } from '../tenancy/tenancy.types.ts';
import type { AccountEmail, AccountEmailKind, AccountOutboxEntry, Invitation, PasswordReset, Session } from './account.types.ts';
import type { Attempts } from './attempts.ts';

/** Port: the sessions of the scoped agency. */
export interface SessionStore {
  create(session: { id: string; userId: string; expiresAt: Date; userAgent: string | null; address: string | null }): Promise<Session>;
  /** A slice of a user's sessions that are neither revoked nor expired, newest first; cursors are session ids. */
  pageActive(userId: string, slice: PageSlice): Promise<Session[]>;
  /** Revokes one of the user's active sessions; null when the user has no such active session. */
  revoke(userId: string, id: string): Promise<Session | null>;
  /** Revokes every active session of the user but `keep`; returns how many were ended. */
  revokeAll(userId: string, keep?: string | null): Promise<number>;
  /** Forgets the user's sessions that ended long ago (they are kept a while for their owner to see). */
  sweep(userId: string): Promise<void>;
}

/** Port: the invitations of the scoped agency. */
export interface InvitationStore {
  /** Throws CONFLICT when the address already has a pending invitation here. */
  create(invitation: Pick<Invitation, 'id' | 'email' | 'name' | 'role' | 'tenantIds' | 'invitedBy' | 'tokenHash' | 'expiresAt'>): Promise<Invitation>;
  find(id: string, options?: { forUpdate?: boolean }): Promise<Invitation | null>;
  /** A slice of those not accepted and not revoked (expired ones included: they can be resent), newest first; cursors are invitation ids. */
  pagePending(slice: PageSlice): Promise<Invitation[]>;
  /** A new link for a pending invitation (the version, its hash, expiry and who sends it now); null when it is no longer pending. */
  renew(id: string, link: { version: number; tokenHash: Buffer; expiresAt: Date; invitedBy: { id: string; name: string } }): Promise<Invitation | null>;
  /** Revokes a pending invitation; null when it is not pending. */
  revoke(id: string): Promise<Invitation | null>;
  markAccepted(id: string, userId: string): Promise<void>;
  markSent(id: string, version: number): Promise<void>;
}

/** Port: password resets of the scoped agency. */
export interface PasswordResetStore {
  /** Null when a reset was already made for `requestKey` (a retried job). */
  create(reset: { id: string; userId: string; requestKey: string; tokenHash: Buffer; expiresAt: Date }): Promise<PasswordReset | null>;
  find(id: string, options?: { forUpdate?: boolean }): Promise<PasswordReset | null>;
  markSent(id: string): Promise<void>;
  /** Marks every unused reset of the user used: a reset works once, and a new password ends the others. */
  useAll(userId: string): Promise<void>;
}

/** Port: account emails the offline outbox kept (they carry sign-in links). */
export interface AccountOutboxStore {
  deliver(entry: Omit<AccountOutboxEntry, 'deliveredAt'>): Promise<void>;
  /** A slice of the kept emails, newest first; cursors are Message-IDs. */
  page(slice: PageSlice): Promise<AccountOutboxEntry[]>;
}

/** Everything one unit of work on an agency's accounts reaches, in one transaction (jobs included). */
export interface AccountTx {
  users: TenancyStore;
  sessions: SessionStore;
  invitations: InvitationStore;
  resets: PasswordResetStore;
  outbox: AccountOutboxStore;
  jobs: JobQueue;
}

export interface AccountUnitOfWork {
  run<T>(agencyId: string, work: (tx: AccountTx) => Promise<T>): Promise<T>;
  /** Finds an account by email before its agency is known (sign-in, password reset). */
  findLogin(email: string): Promise<LoginRecord | null>;
}

export type LinkPurpose = AccountEmailKind;

/**
 * Port: one-time link tokens. A token carries its agency and record id (so its lookup is scoped)
 * and a secret derived from the record, its version and a server key: the same inputs give the same
 * token, so the job that writes the email derives it again and nothing stores it readable. Only a
 * hash of the token is stored.
 */
export interface LinkTokens {
  mint(purpose: LinkPurpose, agencyId: string, id: string, version: number): { token: string; hash: Buffer };
  /** The agency and record a token names; null when it is not a token at all. */
  parse(token: string): { agencyId: string; id: string } | null;
  /** Whether `token` is the one whose hash was stored (constant time). */
  matches(hash: Buffer, token: string): boolean;
}

/** Port: sends account emails (an email provider, or the offline outbox). Idempotent by the email's id where it can be. */
export interface AccountMailer {
  send(email: AccountEmail): Promise<void>;
}

/** What the account services share. */
export interface AccountDeps {
  uow: AccountUnitOfWork;
  attempts: Attempts;
  passwords: PasswordHasher;
  links: LinkTokens;
  newId: () => string;
  clock: () => number;
  sessionTtlMs: number;
  /** The dashboard's base URL, which one-time links open. */
  publicUrl: string;
  /** Sessions, users or roles changed: forget every caller context reused in this process. */
  accessChanged: () => void;
}

export type { Role };
