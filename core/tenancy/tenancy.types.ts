import type { Role } from '../access.ts';

export interface Agency {
  id: string;
  name: string;
  createdAt: Date;
}

export interface Tenant {
  id: string;
  agencyId: string;
  name: string;
  defaultCountry: string;
  createdAt: Date;
}

export interface User {
  id: string;
  agencyId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  /** The key's last characters, so a user can tell keys apart. */
  hint: string;
  createdBy: string | null;
  /** The creator's name while they are in the agency; null once they were removed (their keys keep working until revoked). */
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What a login lookup finds: enough to verify the password, nothing more. */
export interface LoginRecord {
  userId: string;
  agencyId: string;
  passwordHash: string;
}
