import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('the page to return to after signing in', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeNext('/t/01a23c8c-6e4c-7c85-a301-e0083e89cade/leads?status=NEW&q=Jaipur#top')).toBe('/t/01a23c8c-6e4c-7c85-a301-e0083e89cade/leads?status=NEW&q=Jaipur#top');
    expect(safeNext('/account')).toBe('/account');
    expect(safeNext('/t/x/leads?search=%E0%A4%A6%E0%A4%BE')).toBe('/t/x/leads?search=%E0%A4%A6%E0%A4%BE');
  });

  it('sends anything that could leave the site, or that a header cannot carry, to the start page', () => {
    for (const hostile of [
      null, '', 'https://evil.example', '//evil.example', '/\\evil.example', '\\/evil.example', '/\t/evil.example/x', '/\n/evil.example', '/\r\n/evil.example',
      ' /x', '/ /evil.example', 'javascript:alert(1)', '/\u0000', '/\u007f', `/${'a'.repeat(3000)}`, 'evil.example', '/%2F%2Fevil.example/../..//evil.example',
    ]) {
      const next = safeNext(hostile);
      expect(next.startsWith('/') && !next.startsWith('//'), JSON.stringify(hostile)).toBe(true);
      expect(new URL(next, 'https://crm.example').origin, JSON.stringify(hostile)).toBe('https://crm.example');
      expect(/[\u0000-\u0020\u007f\\]/.test(next), JSON.stringify(hostile)).toBe(false);
    }
    expect(safeNext('/\t/evil.example/x')).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
  });
});
