import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../core/tenancy/tenancy.ports.ts';

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/**
 * scrypt (memory-hard, in Node's standard library) with the cost stored in each hash, so the cost
 * can rise later without invalidating old passwords. Format: scrypt$log2N$r$p$salt$key.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly log2Cost = 15) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const options = { N: 2 ** this.log2Cost, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
    const key = await derive(password, salt, options);
    return ['scrypt', this.log2Cost, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const [scheme, log2N, r, p, salt, key] = hash.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await derive(password, Buffer.from(salt, 'base64url'), {
      N: 2 ** Number(log2N),
      r: Number(r),
      p: Number(p),
      maxmem: 256 * 1024 * 1024,
    });
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
