import type { Role } from '../access.ts';

/** Where a request came from, as far as the gateway can tell: kept on a session as a hint for its owner. */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

/** A signed-in session: every session token names one, and access ends when it is revoked or expires. */
export interface Session {
  id: string;
  agencyId: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userAgent: string | null;
  address: string | null;
}

/** An invitation to join an agency, answered by a one-time link that sets the invitee's password. */
export interface Invitation {
  id: string;
  agencyId: string;
  email: string;
  name: string;
  role: Role;
  tenantIds: string[];
  invitedBy: { id: string | null; name: string } | null;
  /** Each resend mints a new link (a new version); only the latest one works. */
  version: number;
  tokenHash: Buffer;
  expiresAt: Date;
  emailedVersion: number;
  lastSentAt: Date | null;
  createdAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** A requested password reset: a one-time link that sets a new password. */
export interface PasswordReset {
  id: string;
  agencyId: string;
  userId: string;
  tokenHash: Buffer;
  expiresAt: Date;
  createdAt: Date;
  emailedAt: Date | null;
  usedAt: Date | null;
}

export type AccountEmailKind = 'invitation' | 'password_reset';

/** An email about someone's account (not a lead's): an invitation or a password reset. */
export interface AccountEmail {
  /** Unique per email (a retried job sends the same id): the idempotency key of the delivery. */
  id: string;
  agencyId: string;
  kind: AccountEmailKind;
  to: { email: string; name: string | null };
  subject: string;
  text: string;
  html: string;
  /** The one-time link the email carries. */
  link: string;
}

/** An account email as the offline outbox kept it. */
export interface AccountOutboxEntry {
  messageId: string;
  kind: AccountEmailKind;
  toAddress: string;
  fromAddress: string;
  subject: string;
  text: string;
  deliveredAt: Date;
}
