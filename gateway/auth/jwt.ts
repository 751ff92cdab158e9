import { SignJWT, jwtVerify, errors } from 'jose';

export interface SessionClaims {
  userId: string;
  agencyId: string;
}

const MAX_VERIFIED = 10_000;

/** HS256 session tokens: the user and agency only; role and access are read from the database. */
export class SessionTokens {
  private readonly key: Uint8Array;
  /** Tokens already verified, until they expire: a token's signature is checked once, not per request. */
  private readonly verified = new Map<string, { claims: SessionClaims; expiresAt: number }>();

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(claims: SessionClaims): Promise<string> {
    return new SignJWT({ agency: claims.agencyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setIssuer('crm-autopilot')
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  async verify(token: string): Promise<SessionClaims | null> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'crm-autopilot', algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.agency !== 'string') return null;
      const claims = { userId: payload.sub, agencyId: payload.agency };
      if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
      this.verified.set(token, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
      return claims;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}
