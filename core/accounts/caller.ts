import type { AgencyContext } from '../context.ts';
import { DomainError, ErrorCode } from '../errors.ts';

/** The signed-in user behind a caller; an API key has none and cannot act on accounts. */
export function requireUser(ctx: AgencyContext): string {
  if (!ctx.userId) throw new DomainError(ErrorCode.FORBIDDEN, 'API keys have no user account; sign in as a user to do this.');
  return ctx.userId;
}

/** A client-supplied hint (user agent, address) kept short and printable. */
export function hint(value: string | null | undefined, max: number): string | null {
  const clean = value?.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, max);
  return clean || null;
}
