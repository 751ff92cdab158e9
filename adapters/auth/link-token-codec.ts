import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkPurpose, LinkTokens } from '../../core/accounts/account.ports.ts';

const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuid = (bytes: Buffer) => bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const sha256 = (text: string) => createHash('sha256').update(text).digest();
const TOKEN = /^[A-Za-z0-9_-]{86}$/;

/**
 * One-time link tokens: base64url(agency id · record id · HMAC(key, purpose · record id · version)),
 * 64 bytes. The agency and record in the token scope the lookup (no lookup across agencies); the MAC
 * (256 bits) makes it unguessable and ties it to one purpose and one version of the record, so a
 * resent invitation's older link stops working. Only SHA-256 of the token is stored.
 */
export class LinkTokenCodec implements LinkTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('crm-autopilot:account-links').digest();
  }

  mint(purpose: LinkPurpose, agencyId: string, id: string, version: number): { token: string; hash: Buffer } {
    const mac = createHmac('sha256', this.key).update(`${purpose}:${id}:${version}`).digest();
    const token = Buffer.concat([hex(agencyId), hex(id), mac]).toString('base64url');
    return { token, hash: sha256(token) };
  }

  parse(token: string): { agencyId: string; id: string } | null {
    if (typeof token !== 'string' || !TOKEN.test(token)) return null;
    const bytes = Buffer.from(token, 'base64url');
    return { agencyId: uuid(bytes.subarray(0, 16)), id: uuid(bytes.subarray(16, 32)) };
  }

  matches(hash: Buffer, token: string): boolean {
    const actual = sha256(token);
    return hash.length === actual.length && timingSafeEqual(hash, actual);
  }
}
