import { describe, expect, it } from 'vitest';
import { statusAfterReport } from './delivery-status.ts';

describe('delivery reports', () => {
  it('move a sent message forward: delivered, then read', () => {
    expect(statusAfterReport('sent', 'delivered')).toBe('delivered');
    expect(statusAfterReport('delivered', 'read')).toBe('read');
    expect(statusAfterReport('sent', 'read')).toBe('read');
    expect(statusAfterReport('sent', 'failed')).toBe('failed');
    expect(statusAfterReport('delivered', 'failed')).toBe('failed');
  });

  it('never move it back, whatever order they arrive in, and change nothing twice', () => {
    expect(statusAfterReport('read', 'delivered')).toBeNull();
    expect(statusAfterReport('delivered', 'sent')).toBeNull();
    expect(statusAfterReport('delivered', 'delivered')).toBeNull();
    expect(statusAfterReport('read', 'failed')).toBeNull();
    expect(statusAfterReport('failed', 'delivered')).toBeNull();
    expect(statusAfterReport('sent', 'pending')).toBeNull();
    expect(statusAfterReport('received', 'delivered')).toBeNull();
  });

  it('wait for our own record of the send when a report overtakes it', () => {
    expect(statusAfterReport('sending', 'delivered')).toBe('later');
    expect(statusAfterReport('queued', 'failed')).toBe('later');
    expect(statusAfterReport('sending', 'pending')).toBeNull();
  });
});
