import { describe, expect, it } from 'vitest';
import { LinkTokenCodec } from './link-token-codec.ts';

const agency = '0192f0a4-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const record = '0192f0a4-aaaa-7bbb-8ccc-dddddddddddd';

describe('one-time link tokens', () => {
  const codec = new LinkTokenCodec('a session secret of at least 32 characters');

  it('name their agency and record, and are the same for the same purpose, record and version', () => {
    const { token, hash } = codec.mint('invitation', agency, record, 1);
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(codec.parse(token)).toEqual({ agencyId: agency, id: record });
    expect(codec.mint('invitation', agency, record, 1).token).toBe(token);
    expect(codec.matches(hash, token)).toBe(true);
  });

  it('differ by version, purpose and server key, so an old or foreign link does not match', () => {
    const first = codec.mint('invitation', agency, record, 1);
    const resent = codec.mint('invitation', agency, record, 2);
    expect(resent.token).not.toBe(first.token);
    expect(codec.matches(resent.hash, first.token)).toBe(false);
    expect(codec.mint('password_reset', agency, record, 1).token).not.toBe(first.token);
    expect(new LinkTokenCodec('another secret of at least 32 characters!!').mint('invitation', agency, record, 1).token).not.toBe(first.token);
  });

  it('refuses what is not a token', () => {
    for (const bad of ['', 'x', 'a'.repeat(85), `${'a'.repeat(85)}!`, 'a\u0000'.repeat(43)]) expect(codec.parse(bad)).toBeNull();
    expect(codec.matches(Buffer.alloc(32), 'anything')).toBe(false);
  });
});
