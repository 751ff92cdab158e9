import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../../core/channels/channel.ts';
import type { OutboundMessage } from '../../../core/channels/channel.ts';
import { SendGridChannel } from './sendgrid.channel.ts';

interface Recorded { method: string; url: string; headers: IncomingHttpHeaders; body: any }
type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

// A stand-in for api.sendgrid.com that speaks v3 mail/send and records what the SDK sent.
let server: Server;
let baseUrl: string;
let requests: Recorded[] = [];
let reply: Reply = { status: 202 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : null });
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
  reply = { status: 202 };
});

const message = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: '<msg-1@mail.acme.in>',
  to: { email: 'priya@clinic.in', phone: null, name: 'Dr. Priya Sharma' },
  from: { email: 'sales@acme.in', name: 'Acme Sales' },
  replyTo: 'reply+msg-1@reply.acme.in',
  subject: 'Your clinic website',
  text: 'Hello Dr. Sharma',
  html: '<p>Hello Dr. Sharma</p>',
  headers: {
    'List-Unsubscribe': '<https://acme.in/u/abc>, <mailto:unsub@acme.in>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'In-Reply-To': '<lead-0@clinic.in>',
    References: '<lead-0@clinic.in>',
  },
  ...overrides,
});

const channel = (timeoutMs?: number) => new SendGridChannel({ apiKey: 'SG.test-key', baseUrl, ...(timeoutMs ? { timeoutMs } : {}) });

async function sendError(msg = message(), ch = channel()): Promise<ChannelError> {
  const error = await ch.send(msg).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('SendGridChannel', () => {
  it('posts v3 mail/send and returns the x-message-id', async () => {
    reply = { status: 202, headers: { 'x-message-id': 'sg-abc123' } };
    const receipt = await channel().send(message());

    expect(receipt).toEqual({ providerMessageId: 'sg-abc123' });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v3/mail/send');
    expect(request?.headers.authorization).toBe('Bearer SG.test-key');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(request?.body).toMatchObject({
      personalizations: [{ to: [{ email: 'priya@clinic.in', name: 'Dr. Priya Sharma' }] }],
      from: { email: 'sales@acme.in', name: 'Acme Sales' },
      reply_to: { email: 'reply+msg-1@reply.acme.in' },
      subject: 'Your clinic website',
      content: [
        { type: 'text/plain', value: 'Hello Dr. Sharma' },
        { type: 'text/html', value: '<p>Hello Dr. Sharma</p>' },
      ],
      headers: {
        'Message-ID': '<msg-1@mail.acme.in>',
        'List-Unsubscribe': '<https://acme.in/u/abc>, <mailto:unsub@acme.in>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'In-Reply-To': '<lead-0@clinic.in>',
        References: '<lead-0@clinic.in>',
      },
      custom_args: { message_id: '<msg-1@mail.acme.in>' },
    });
    // The SDK also copies mail headers onto the HTTP request: why the channel filters and ASCII-checks them.
    expect(request?.headers['message-id']).toBe('<msg-1@mail.acme.in>');
  });

  it('gives a bare message id the sender domain, and sends text-only mail', async () => {
    await channel().send(message({ messageId: 'msg-2', html: null, headers: {} }));
    expect(requests[0]?.body.headers).toEqual({ 'Message-ID': '<msg-2@acme.in>' });
    expect(requests[0]?.body.content).toEqual([{ type: 'text/plain', value: 'Hello Dr. Sharma' }]);
  });

  it('returns a null provider id when SendGrid gives none', async () => {
    expect(await channel().send(message())).toEqual({ providerMessageId: null });
  });

  it.each([429, 500, 503])('treats %i as retryable, and the SDK does not retry by itself', async (status) => {
    reply = { status, body: { errors: [{ message: 'try later', field: null }] } };
    const error = await sendError();
    expect(error).toMatchObject({ retryable: true, permanent: false });
    expect(requests).toHaveLength(1);
  });

  it('treats an invalid recipient as permanent', async () => {
    reply = {
      status: 400,
      body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null }] },
    };
    const error = await sendError();
    expect(error).toMatchObject({ retryable: false, permanent: true });
    expect(error.message).toContain('personalizations.0.to.0.email');
  });

  it('treats a 400 about our own payload as neither retryable nor permanent', async () => {
    reply = { status: 400, body: { errors: [{ message: 'The from address does not match a verified Sender Identity.', field: 'from' }] } };
    expect(await sendError()).toMatchObject({ retryable: false, permanent: false });
  });

  it.each([401, 403])('treats %i as a configuration problem', async (status) => {
    reply = { status, body: { errors: [{ message: 'The provided authorization grant is invalid', field: null }] } };
    expect(await sendError()).toMatchObject({ retryable: false, permanent: false });
  });

  it('treats an unreachable server and a timeout as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new SendGridChannel({ apiKey: 'SG.k', baseUrl: `http://127.0.0.1:${port}` });
    expect(await sendError(message(), unreachable)).toMatchObject({ retryable: true });

    reply = 'hang';
    expect(await sendError(message(), channel(200))).toMatchObject({ retryable: true });
    expect(requests).toHaveLength(1);
  });

  it('refuses a message it cannot send without calling SendGrid', async () => {
    const noEmail = message({ to: { email: null, phone: '+919800000000', name: null } });
    expect(await sendError(noEmail)).toMatchObject({ retryable: false, permanent: false });
    expect(await sendError(message({ headers: { 'X-Note': 'नमस्ते' } }))).toMatchObject({ retryable: false });
    expect(requests).toHaveLength(0);
  });

  it('validates its options at construction', () => {
    expect(() => new SendGridChannel({ apiKey: '' })).toThrow(/apiKey/);
    expect(() => new SendGridChannel({ apiKey: 'SG.k', baseUrl: 'not a url' })).toThrow(/baseUrl/);
    expect(() => new SendGridChannel({ apiKey: 'SG.k', timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(new SendGridChannel({ apiKey: 'SG.k' })).toMatchObject({ id: 'sendgrid', kind: 'email' });
    expect(SendGridChannel.id).toBe('sendgrid');
  });
});
