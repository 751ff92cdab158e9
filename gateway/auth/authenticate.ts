import { CallerKind } from '../../core/access.ts';
import type { AgencyContext, TenantContext } from '../../core/context.ts';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import type { TenancyService } from '../../core/tenancy/tenancy.service.ts';
import type { SessionTokens } from './jwt.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who is calling, resolved lazily and at most once per request (a new RequestAuth resolves again:
 * a signed-in caller's session is checked to be live on every resolution).
 */
export class RequestAuth {
  private agencyPromise?: Promise<AgencyContext>;
  private tenantPromise?: Promise<TenantContext>;

  constructor(
    private readonly credentials: { bearer: string | null; tenantId: string | null; crossSiteCookie?: boolean },
    private readonly tokens: SessionTokens,
    private readonly tenancy: TenancyService,
  ) {}

  get isApiKey(): boolean {
    return this.credentials.bearer?.startsWith('crm_') ?? false;
  }

  /**
   * A session cookie that came with another site's request: not used (cross-site request forgery),
   * and the request is refused rather than run anonymously.
   */
  assertNotForged(): void {
    if (this.credentials.crossSiteCookie) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'This request came from another site, so the session cookie is not accepted; send an Authorization header instead.', { reason: 'CROSS_SITE' });
    }
  }

  /** The kind of caller the credentials claim to be (checked when a context is resolved). */
  get callerKind(): CallerKind {
    if (!this.credentials.bearer) return CallerKind.ANONYMOUS;
    return this.isApiKey ? CallerKind.API_KEY : CallerKind.USER;
  }

  /** The caller's agency; API keys reach only their tenant, so they resolve through it. */
  agency(): Promise<AgencyContext> {
    this.agencyPromise ??= this.resolveAgency();
    return this.agencyPromise;
  }

  /** The tenant this request acts in (x-tenant-id, checked; else the caller's first tenant). */
  tenant(): Promise<TenantContext> {
    this.tenantPromise ??= this.resolveTenant();
    return this.tenantPromise;
  }

  /**
   * Resolves the caller again, forgetting this request's answer: for a long-lived connection that
   * re-checks its caller now and then. A session that was revoked, a user who was removed or a
   * password that changed since refuses it (UNAUTHENTICATED).
   */
  refresh(): Promise<TenantContext> {
    this.agencyPromise = undefined;
    this.tenantPromise = undefined;
    return this.tenant();
  }

  private async resolveAgency(): Promise<AgencyContext> {
    if (this.isApiKey) return this.tenant();
    const claims = await this.claims();
    return this.tenancy.agencyContext(claims.userId, claims.agencyId, claims.sessionId);
  }

  private async resolveTenant(): Promise<TenantContext> {
    const requested = this.credentials.tenantId;
    if (requested && !UUID.test(requested)) {
      throw new DomainError(ErrorCode.VALIDATION, `The x-tenant-id header must be a tenant id (a UUID), got "${requested}".`);
    }
    if (this.isApiKey) {
      const ctx = await this.tenancy.authenticateApiKey(this.credentials.bearer as string);
      if (requested && requested.toLowerCase() !== ctx.tenantId) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'This API key belongs to another tenant than the x-tenant-id header names.');
      }
      return ctx;
    }
    if (this.agencyPromise) return this.tenancy.tenantContext(await this.agencyPromise, requested?.toLowerCase() ?? null);
    // Both at once: the user and the tenant in one query, and the agency context from the same answer.
    const claims = await this.claims();
    const ctx = await this.tenancy.userTenantContext(claims.userId, claims.agencyId, claims.sessionId, requested?.toLowerCase() ?? null);
    this.agencyPromise ??= Promise.resolve(ctx);
    return ctx;
  }

  private async claims() {
    this.assertNotForged();
    const bearer = this.credentials.bearer;
    if (!bearer) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: send "Authorization: Bearer <token or API key>".');
    const claims = await this.tokens.verify(bearer);
    if (!claims) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The session token is invalid or has expired; sign in again.');
    return claims;
  }
}

export function bearerFrom(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** The name of the httpOnly cookie the dashboard keeps its session token in. */
export const SESSION_COOKIE = 'crm_session';

/**
 * The credentials of an HTTP request: the Authorization header, else the session cookie, which is
 * refused on a state-changing request from another site (`fromThisSite` false).
 */
export function requestCredentials(headers: { authorization?: string | undefined; cookie?: string | undefined }, changesState: boolean, fromThisSite: () => boolean) {
  const bearer = bearerFrom(headers.authorization);
  if (bearer) return { bearer };
  const cookie = sessionCookie(headers.cookie);
  if (cookie && changesState && !fromThisSite()) return { bearer: null, crossSiteCookie: true };
  return { bearer: cookie };
}

export function sessionCookie(header: string | undefined): string | null {
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length) return decodeURIComponent(value.join('='));
  }
  return null;
}
