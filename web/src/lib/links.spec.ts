import { describe, expect, it } from 'vitest';
import { usableLink } from './links.ts';

describe('links the dashboard renders', () => {
  it('http(s) links only: a hidden link, a script URL or nothing is not a link', () => {
    expect(usableLink('https://crm.example.com/pay/abc')).toBe('https://crm.example.com/pay/abc');
    expect(usableLink('[link hidden]')).toBeNull();
    expect(usableLink('javascript:alert(1)')).toBeNull();
    expect(usableLink(null)).toBeNull();
  });
});
