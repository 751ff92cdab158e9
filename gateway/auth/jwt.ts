import { SignJWT, jwtVerify, errors } from 'jose';

export interface SessionClaims {
  userId: string;
  agencyId: string;
}

/** HS256 session tokens: the user and agency only; role and access are re-read on every request. */
export class SessionTokens {
  private readonly key: Uint8Array;

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
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'crm-autopilot', algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.agency !== 'string') return null;
      return { userId: payload.sub, agencyId: payload.agency };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}
