import type { Role } from './access.ts';

/** Who did something; recorded on every transition and timeline entry. */
export type Actor =
  | { type: 'user'; id: string; name: string }
  | { type: 'api_key'; id: string; name: string }
  | { type: 'system'; id: null; name: string }
  | { type: 'provider'; id: null; name: string };

/** An authenticated caller inside one agency (a signed-in user or an API key). */
export interface AgencyContext {
  agencyId: string;
  actor: Actor;
  role: Role;
  /** Set for users; API keys have none. */
  userId: string | null;
  /** The signed-in session a user's request came with (sign-out ends it); API keys have none. */
  sessionId?: string | null;
}

/** An authenticated caller acting inside one tenant; the only way services reach tenant data. */
export interface TenantContext extends AgencyContext {
  tenantId: string;
  /** ISO 3166 code used to read phone numbers written without a country prefix. */
  defaultCountry: string;
}

export const systemActor = (name = 'autopilot'): Actor => ({ type: 'system', id: null, name });
