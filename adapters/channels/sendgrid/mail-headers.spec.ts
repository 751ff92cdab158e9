import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, messageIds, parseAddress, parseAddressList, parseHeaderBlock } from './mail-headers.ts';

describe('mail headers', () => {
  it('unfolds continuation lines and keeps repeated headers', () => {
    const headers = parseHeaderBlock('Received: a\r\n b\r\nReceived: c\nReferences: <1@x>\n\t<2@x>\n  <3@x>\nX-Empty:\n');
    expect(headers.get('received')).toEqual(['a b', 'c']);
    expect(messageIds(headers.get('references')?.[0])).toEqual(['<1@x>', '<2@x>', '<3@x>']);
    expect(headers.get('x-empty')).toEqual(['']);
  });

  it('splits address lists only outside quotes, brackets and comments', () => {
    expect(parseAddressList('"Doe, John" <j@x.in>, a@b.in (Ann, Sales), <c@d.in>, not-an-address')).toEqual([
      { email: 'j@x.in', name: 'Doe, John' },
      { email: 'a@b.in', name: 'Ann, Sales' },
      { email: 'c@d.in', name: null },
    ]);
    expect(parseAddressList('"Say \\"hi\\", Bob" <b@x.in>')).toEqual([{ email: 'b@x.in', name: 'Say "hi", Bob' }]);
  });

  it('refuses what is not an address', () => {
    expect(parseAddress('Dr. Sharma')).toBeNull();
    expect(parseAddress('<>')).toBeNull();
    expect(parseAddress('a@b@c')).toBeNull();
  });

  it('decodes encoded words, joining adjacent ones, and leaves unknown charsets alone', () => {
    expect(decodeEncodedWords('=?utf-8?B?4KSo4KSu4KS44KWN4KSk4KWH?= =?utf-8?Q?_ji?=')).toBe('नमस्ते ji');
    expect(decodeEncodedWords('Re: =?x-unknown?Q?abc?= ok')).toBe('Re: =?x-unknown?Q?abc?= ok');
  });
});
