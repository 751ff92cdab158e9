import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

const request = (remoteAddress: string, forwarded?: string | string[]) => ({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

describe('client address', () => {
  it('is the TCP peer unless the deployment trusts its proxy; a client cannot claim another address', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.9'), false)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '198.51.100.1, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.5', ['198.51.100.1', '203.0.113.9']), true)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.5'), true)).toBe('10.0.0.5');
  });
});
