import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InboundParseError, parseInboundParse } from './inbound-parse.ts';

/** Builds a multipart/form-data body the way SendGrid posts it: text fields without a Content-Type, files with one. */
function multipart(parts: Array<[string, string | Buffer] | { name: string; filename: string; type: string; data: Buffer }>) {
  const boundary = 'xYzZY';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (Array.isArray(part)) {
      const [name, value] = part;
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`));
      chunks.push(typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`,
        ),
      );
      chunks.push(part.data);
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const rawHeaders = [
  'Received: by mx.sendgrid.net with SMTP id abc',
  '\tfor <reply+msg-1@reply.acme.in>; Mon, 1 Sep 2025 10:00:00 +0000',
  'Message-ID: <CAF=reply-42@mail.gmail.com>',
  'In-Reply-To: <msg-1@mail.acme.in>',
  'References: <lead-0@clinic.in>',
  ' <msg-0@mail.acme.in>',
  '\t<msg-1@mail.acme.in>',
  'Subject: Re: Your clinic website',
  'From: "Dr. Sharma" <dr@clinic.in>',
  '',
].join('\r\n');

const hindi = 'नमस्ते, हमें वेबसाइट में रुचि है। कृपया कीमत बताइए।';

function reply(overrides: Record<string, string | Buffer> = {}) {
  const fields: Record<string, string | Buffer> = {
    headers: rawHeaders,
    dkim: '{@clinic.in : pass}',
    to: '"Acme Sales, India" <reply+msg-1@reply.acme.in>, team@acme.in',
    from: 'Dr. Sharma <dr@clinic.in>',
    text: `${hindi}\n\n> earlier message`,
    html: `<p>${hindi}</p>`,
    sender_ip: '209.85.0.1',
    envelope: JSON.stringify({ to: ['reply+msg-1@reply.acme.in', 'audit@acme.in'], from: 'dr@clinic.in' }),
    attachments: '1',
    subject: 'Re: आपकी वेबसाइट',
    charsets: JSON.stringify({ to: 'UTF-8', html: 'UTF-8', subject: 'UTF-8', from: 'UTF-8', text: 'UTF-8' }),
    SPF: 'pass',
    ...overrides,
  };
  const parts: Parameters<typeof multipart>[0] = Object.entries(fields);
  parts.splice(9, 0, { name: 'attachment1', filename: 'brief.pdf', type: 'application/pdf', data: Buffer.alloc(2048, 1) });
  return multipart(parts);
}

async function failure(promise: Promise<unknown>): Promise<InboundParseError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InboundParseError);
  return error as InboundParseError;
}

describe('parseInboundParse', () => {
  it('reads a reply: sender, recipients, thread ids from folded headers, UTF-8 Devanagari text', async () => {
    const { body, contentType } = reply();
    const message = await parseInboundParse(body, contentType);
    expect(message).toEqual({
      from: { email: 'dr@clinic.in', name: 'Dr. Sharma' },
      to: ['reply+msg-1@reply.acme.in', 'team@acme.in', 'audit@acme.in'],
      subject: 'Re: आपकी वेबसाइट',
      text: `${hindi}\n\n> earlier message`,
      html: `<p>${hindi}</p>`,
      messageId: '<CAF=reply-42@mail.gmail.com>',
      inReplyTo: '<msg-1@mail.acme.in>',
      references: ['<lead-0@clinic.in>', '<msg-0@mail.acme.in>', '<msg-1@mail.acme.in>'],
      attachmentCount: 1,
      spf: 'pass',
    });
  });

  it('reads the same reply from a stream arriving in small chunks', async () => {
    const { body, contentType } = reply();
    const chunks = Array.from({ length: Math.ceil(body.length / 7) }, (_, i) => body.subarray(i * 7, i * 7 + 7));
    const message = await parseInboundParse(Readable.from(chunks), contentType);
    expect(message.text.startsWith(hindi)).toBe(true);
    expect(message.references).toHaveLength(3);
  });

  it('renders an html-only message as text', async () => {
    const { body, contentType } = reply({
      text: '',
      html: '<html><head><style>p{color:red}</style></head><body><p>Yes, let&#39;s talk &amp; meet.</p><p>Thanks,<br>Dr. Sharma</p><ul><li>Mon</li><li>Tue</li></ul></body></html>',
    });
    const message = await parseInboundParse(body, contentType);
    expect(message.text).toBe("Yes, let's talk & meet.\n\nThanks,\nDr. Sharma\n\n- Mon\n- Tue");
    expect(message.html).toContain('<p>');
  });

  it('drops NUL characters (PostgreSQL cannot store them) and keeps the rest of the reply', async () => {
    const { body, contentType } = reply({ text: 'Yes\u0000 please\u0000', subject: 'Re:\u0000 hi' });
    const message = await parseInboundParse(body, contentType);
    expect(message.text).toBe('Yes please');
    expect(message.subject).toBe('Re: hi');
  });

  it('decodes fields in the charset SendGrid names for them', async () => {
    const { body, contentType } = reply({
      text: Buffer.from('Réponse: très bien', 'latin1'),
      charsets: JSON.stringify({ text: 'iso-8859-1', from: 'UTF-8' }),
    });
    expect((await parseInboundParse(body, contentType)).text).toBe('Réponse: très bien');
  });

  it.each([
    ['dr@clinic.in', { email: 'dr@clinic.in', name: null }],
    ['"Sharma, Priya (Dr.)" <dr@clinic.in>', { email: 'dr@clinic.in', name: 'Sharma, Priya (Dr.)' }],
    ['=?UTF-8?B?4KSh4KWJLiDgpLbgpLDgpY3gpK7gpL4=?= <dr@clinic.in>', { email: 'dr@clinic.in', name: 'डॉ. शर्मा' }],
    ['=?ISO-8859-1?Q?Ren=E9_M=FCller?= <rene@x.de>', { email: 'rene@x.de', name: 'René Müller' }],
    ['"=?UTF-8?Q?Dr=2E?= =?UTF-8?Q?_Sharma?=" <dr@clinic.in>', { email: 'dr@clinic.in', name: 'Dr. Sharma' }],
    ['dr@clinic.in (Dr Sharma)', { email: 'dr@clinic.in', name: 'Dr Sharma' }],
  ])('reads the sender %s', async (from, expected) => {
    const { body, contentType } = reply({ from });
    expect((await parseInboundParse(body, contentType)).from).toEqual(expected);
  });

  it('refuses a post without a sender, or with one it cannot read', async () => {
    const missing = reply({ from: '  ' });
    expect((await failure(parseInboundParse(missing.body, missing.contentType))).code).toBe('missing_from');
    const bad = reply({ from: 'Dr. Sharma <not an address>' });
    const error = await failure(parseInboundParse(bad.body, bad.contentType));
    expect(error.code).toBe('bad_from');
    expect(error.message).toContain('not an address');
  });

  it('refuses a body that is not multipart/form-data', async () => {
    const error = await failure(parseInboundParse(Buffer.from('{"from":"x"}'), 'application/json'));
    expect(error).toMatchObject({ code: 'not_multipart' });
    expect(error.message).toContain('application/json');
  });

  it('refuses garbage, a missing boundary and a truncated form as malformed', async () => {
    const garbage = Buffer.from('this is not a multipart body at all \u0000\u0001');
    expect((await failure(parseInboundParse(garbage, 'multipart/form-data; boundary=xYzZY'))).code).toBe('malformed');
    expect((await failure(parseInboundParse(reply().body, 'multipart/form-data'))).code).toBe('malformed');
    const { body, contentType } = reply();
    expect((await failure(parseInboundParse(body.subarray(0, body.length - 40), contentType))).code).toBe('malformed');
  });

  it('refuses an oversized buffer before parsing it', async () => {
    const { body, contentType } = reply();
    const error = await failure(parseInboundParse(body, contentType, { maxBytes: 1024 }));
    expect(error).toMatchObject({ code: 'too_large' });
  });

  it('stops reading an oversized stream (a huge attachment) at the limit', async () => {
    const { body, contentType } = multipart([
      ['from', 'dr@clinic.in'],
      { name: 'attachment1', filename: 'scan.tiff', type: 'image/tiff', data: Buffer.alloc(0) },
    ]);
    const head = body.subarray(0, body.indexOf('\r\n--xYzZY--'));
    let served = 0;
    // 64 KB chunks of attachment forever: only a parser that refuses early ever returns.
    const endless = new Readable({
      read() {
        this.push(served === 0 ? head : Buffer.alloc(64 * 1024, 7));
        served++;
      },
    });
    const error = await failure(parseInboundParse(endless, contentType, { maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('too_large');
    expect(served).toBeLessThan(40);
    // Left to the caller (the webhook still answers 413), not torn down under it.
    expect(endless.destroyed).toBe(false);
    endless.destroy();
  });
});
