import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ApiKeyCodec } from '../../core/tenancy/tenancy.service.ts';

const PREFIX = 'crm_';
const UUID_HEX = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/;

function uuidFromBytes(bytes: Buffer): string {
  return bytes.toString('hex').replace(UUID_HEX, '$1-$2-$3-$4-$5');
}

const sha256 = (secret: string) => createHash('sha256').update(secret).digest();

/**
 * Keys look like `crm_<base64url(tenant id · key id · 24 random bytes)>`: the tenant and key id travel
 * in the key so the lookup is scoped by tenant; only a SHA-256 of the random part is stored
 * (the secret has 192 bits of entropy, so a slow hash adds nothing).
 */
export const apiKeyCodec: ApiKeyCodec = {
  mint(tenantId) {
    const id = randomUUID();
    const secret = randomBytes(24);
    const body = Buffer.concat([Buffer.from(tenantId.replace(/-/g, ''), 'hex'), Buffer.from(id.replace(/-/g, ''), 'hex'), secret]);
    const key = PREFIX + body.toString('base64url');
    return { id, key, secretHash: sha256(secret.toString('base64url')), hint: key.slice(-4) };
  },
  parse(key) {
    if (!key.startsWith(PREFIX)) return null;
    const body = Buffer.from(key.slice(PREFIX.length), 'base64url');
    if (body.length !== 56) return null;
    return {
      tenantId: uuidFromBytes(body.subarray(0, 16)),
      id: uuidFromBytes(body.subarray(16, 32)),
      secret: body.subarray(32).toString('base64url'),
    };
  },
  matches(secretHash, secret) {
    const actual = sha256(secret);
    return secretHash.length === actual.length && timingSafeEqual(secretHash, actual);
  },
};
