import { roles, type Role } from '../access.ts';
import type { FieldError } from '../errors.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 200;
const COUNTRY = /^[A-Z]{2}$/;

/** Checks of the fields people type when they sign up, invite someone or set a password. */
export function checkName(field: string, value: string, max = 200): FieldError[] {
  const length = value?.trim().length ?? 0;
  if (length === 0) return [{ field, message: 'is required' }];
  return length > max ? [{ field, message: `must be at most ${max} characters` }] : [];
}

export function checkEmail(email: string, field = 'email'): FieldError[] {
  if (!email || email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email.trim())) return [{ field, message: 'is not a valid email address' }];
  return [];
}

export function checkPassword(password: string, field = 'password'): FieldError[] {
  if (!password || password.length < 8) return [{ field, message: 'must be at least 8 characters' }];
  return password.length > MAX_PASSWORD_LENGTH ? [{ field, message: `must be at most ${MAX_PASSWORD_LENGTH} characters` }] : [];
}

export function checkCountry(country: string | null | undefined): FieldError[] {
  // Absent is the default (IN); given, even empty, it must be a code.
  return country !== null && country !== undefined && !COUNTRY.test(country.toUpperCase()) ? [{ field: 'defaultCountry', message: 'must be a 2-letter country code such as IN or US' }] : [];
}

export function checkRole(role: string): FieldError[] {
  return roles.includes(role as Role) ? [] : [{ field: 'role', message: `must be one of ${roles.join(', ')}` }];
}

/** The form an email address is stored and compared in. */
export const normalEmail = (email: string): string => email.trim().toLowerCase();

/** Workspaces one person may be given at once: far more than any agency has, few enough to check in one go. */
export const MAX_TENANT_IDS = 1000;

export function checkTenantIds(tenantIds: readonly string[] | null | undefined, field = 'tenantIds'): FieldError[] {
  return tenantIds && tenantIds.length > MAX_TENANT_IDS ? [{ field, message: `must name at most ${MAX_TENANT_IDS} workspaces (got ${tenantIds.length})` }] : [];
}
