import { SignJWT, jwtVerify, errors } from 'jose';

export interface SessionClaims {
  userId: string;
  agencyId: string;
  /** The server-side session the token names: the token works while that session is live. */
  sessionId: string;
}

const MAX_VERIFIED = 10_000;

/**
 * HS256 session tokens: the user, agency and session only; the session's state, the role and access
 * are read from the database on each request (so revoking the session ends the token).
 */
export class SessionTokens {
  private readonly key: Uint8Array;
  /** Tokens already verified, until they expire: a token's signature is checked once, not per request. */
  private readonly verified = new Map<string, { claims: SessionClaims; expiresAt: number }>();

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A token for a session, expiring with it (or after the configured lifetime when no expiry is given). */
  issue(claims: SessionClaims, expiresAt?: Date): Promise<string> {
    return new SignJWT({ agency: claims.agencyId, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setIssuer('crm-autopilot')
      .setExpirationTime(expiresAt ? Math.floor(expiresAt.getTime() / 1000) : `${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  async verify(token: string): Promise<SessionClaims | null> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'crm-autopilot', algorithms: ['HS256'] });
      // Tokens from before sessions were kept name none: they no longer sign anyone in.
      if (typeof payload.sub !== 'string' || typeof payload.agency !== 'string' || typeof payload.sid !== 'string') return null;
      const claims = { userId: payload.sub, agencyId: payload.agency, sessionId: payload.sid };
      if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
      this.verified.set(token, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
      return claims;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}
