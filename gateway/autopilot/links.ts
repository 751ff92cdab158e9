import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AutopilotLinks } from '../../core/autopilot/autopilot.deps.ts';

const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuid = (bytes: Buffer) => bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/**
 * One-click unsubscribe links: /u/<token>, where the token carries the tenant and lead and a MAC,
 * so the link works without a session and cannot be forged for another lead.
 */
export class UnsubscribeLinks implements AutopilotLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly publicUrl: string,
  ) {
    this.key = createHmac('sha256', secret).update('crm-autopilot:unsubscribe-links').digest();
  }

  unsubscribeUrl(tenantId: string, leadId: string): string {
    return `${this.publicUrl}/u/${this.token(tenantId, leadId)}`;
  }

  token(tenantId: string, leadId: string): string {
    const ids = Buffer.concat([hex(tenantId), hex(leadId)]);
    return Buffer.concat([ids, this.mac(ids)]).toString('base64url');
  }

  /** The tenant and lead of a genuine token; null for anything else. */
  verify(token: string): { tenantId: string; leadId: string } | null {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== 48) return null;
    const ids = bytes.subarray(0, 32);
    if (!timingSafeEqual(bytes.subarray(32), this.mac(ids))) return null;
    return { tenantId: uuid(ids.subarray(0, 16)), leadId: uuid(ids.subarray(16)) };
  }

  private mac(ids: Buffer): Buffer {
    return createHmac('sha256', this.key).update(ids).digest().subarray(0, 16);
  }
}
