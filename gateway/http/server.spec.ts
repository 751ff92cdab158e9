import { describe, expect, it } from 'vitest';
import { loggablePath } from './server.ts';

describe('the access log', () => {
  it('never writes a secret or a link token that travels in a path', () => {
    expect(loggablePath('/webhooks/email/0190b1a2-0000-7000-8000-000000000000/s3cr3tS3cr3tS3cr3t')).toBe('/webhooks/email/0190b1a2-0000-7000-8000-000000000000/[redacted]');
    expect(loggablePath('/u/abcdefghijklmnopqrstuvwxyz012345?x=1')).toBe('/u/[redacted]');
    expect(loggablePath('/pay/abcdefghijklmnopqrstuvwxyz012345')).toBe('/pay/[redacted]');
    expect(loggablePath('/graphql?query={me{id}}')).toBe('/graphql');
    expect(loggablePath('/t/0190b1a2-0000-7000-8000-000000000000/leads')).toBe('/t/0190b1a2-0000-7000-8000-000000000000/leads');
  });
});
