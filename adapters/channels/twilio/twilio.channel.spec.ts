import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError, type OutboundMessage } from '../../../core/channels/channel.ts';
import { createTwilioChannel } from '../index.ts';
import { TwilioWireServer } from './testing/twilio-wire-server.ts';
import { TwilioChannel } from './twilio.channel.ts';

const ACCOUNT = `AC${'0a'.repeat(16)}`;
const TOKEN = 'local-auth-token';
let server: TwilioWireServer;

beforeAll(async () => {
  server = await new TwilioWireServer(TOKEN).start();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
  server.replies.length = 0;
});

const message = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: '<m-1@crm.example>',
  to: { email: null, phone: '+919829011111', name: 'Dr. Mehta' },
  from: { email: 'asha@growth.example', name: 'Asha, Growth Co' },
  replyTo: null,
  subject: 'ignored on text channels',
  text: 'Namaste Dr. Mehta, a quick idea for your clinic.',
  html: null,
  headers: {},
  ...overrides,
});

const channel = (kind: 'sms' | 'whatsapp', extra: Record<string, string> = {}) =>
  new TwilioChannel({ kind, accountSid: ACCOUNT, authToken: TOKEN, from: kind === 'sms' ? '+15005550006' : '+14155238886', statusCallbackUrl: 'https://crm.example/webhooks/twilio/t-1', baseUrl: server.url, ...extra });

describe('the Twilio channel against a local server speaking the Messages API', () => {
  it('sends an SMS: a form-encoded POST to the account\'s Messages.json with basic auth; the MessageSid is the receipt', async () => {
    const receipt = await channel('sms').send(message());
    const [sent] = server.received;
    expect(sent).toMatchObject({ accountSid: ACCOUNT, username: ACCOUNT, password: TOKEN });
    expect(sent?.form).toEqual({ To: '+919829011111', From: '+15005550006', Body: 'Namaste Dr. Mehta, a quick idea for your clinic.', StatusCallback: 'https://crm.example/webhooks/twilio/t-1' });
    expect(receipt.providerMessageId).toBe(sent?.sid);
    expect(receipt.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('sends WhatsApp with the whatsapp: prefix on both numbers, and a template as ContentSid and ContentVariables', async () => {
    await channel('whatsapp').send(message());
    await channel('whatsapp').send(message({ template: { contentSid: `HX${'1'.repeat(32)}`, variables: { 1: 'Dr. Mehta', 2: 'Growth Co' } } }));
    const [text, template] = server.received;
    expect(text?.form).toMatchObject({ To: 'whatsapp:+919829011111', From: 'whatsapp:+14155238886', Body: 'Namaste Dr. Mehta, a quick idea for your clinic.' });
    expect(template?.form).toMatchObject({ To: 'whatsapp:+919829011111', ContentSid: `HX${'1'.repeat(32)}` });
    expect(JSON.parse(template?.form.ContentVariables ?? '')).toEqual({ 1: 'Dr. Mehta', 2: 'Growth Co' });
    expect(template?.form.Body).toBeUndefined();
  });

  it('an API key and a Messaging Service: the key authenticates, the service picks the sender', async () => {
    const keyed = createTwilioChannel('sms', { accountSid: ACCOUNT, apiKeySid: `SK${'2'.repeat(32)}`, apiKeySecret: 'key-secret', messagingServiceSid: `MG${'3'.repeat(32)}`, baseUrl: server.url });
    await keyed.send(message());
    expect(server.received[0]).toMatchObject({ accountSid: ACCOUNT, username: `SK${'2'.repeat(32)}`, password: 'key-secret' });
    expect(server.received[0]?.form).toEqual({ To: '+919829011111', MessagingServiceSid: `MG${'3'.repeat(32)}`, Body: 'Namaste Dr. Mehta, a quick idea for your clinic.' });
  });

  it('maps Twilio\'s errors: an invalid number and an unsubscribed recipient are permanent (suppressed), 20429 and 5xx retryable, others need a person', async () => {
    const cases: Array<[{ status: number; code: number; message: string }, Partial<ChannelError>]> = [
      [{ status: 400, code: 21211, message: "The 'To' number +91 is not a valid phone number." }, { retryable: false, permanent: true, suppressAs: 'bounce' }],
      [{ status: 400, code: 21614, message: "'To' number is not a valid mobile number" }, { retryable: false, permanent: true, suppressAs: 'bounce' }],
      [{ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' }, { retryable: false, permanent: true, suppressAs: 'opt_out' }],
      [{ status: 429, code: 20429, message: 'Too Many Requests' }, { retryable: true, permanent: false }],
      [{ status: 503, code: 20500, message: 'Service unavailable' }, { retryable: true, permanent: false }],
      [{ status: 401, code: 20003, message: 'Authenticate' }, { retryable: false, permanent: false }],
      [{ status: 400, code: 63016, message: 'Failed to send freeform message because you are outside the allowed window.' }, { retryable: false, permanent: false }],
    ];
    for (const [reply, expected] of cases) {
      server.replies.push(reply);
      const error = await channel('whatsapp').send(message()).catch((e: unknown) => e);
      expect(error, String(reply.code)).toBeInstanceOf(ChannelError);
      expect(error, String(reply.code)).toMatchObject(expected);
      expect((error as Error).message).toContain(`error ${reply.code}`);
    }
  });

  it('an unreachable server is retryable; what cannot go is refused before any request', async () => {
    const down = new TwilioChannel({ kind: 'sms', accountSid: ACCOUNT, authToken: TOKEN, from: '+15005550006', baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    expect(await down.send(message()).catch((e: unknown) => e)).toMatchObject({ retryable: true });
    expect(await channel('sms').send(message({ to: { email: 'a@b.in', phone: null, name: null } })).catch((e: unknown) => e)).toMatchObject({ retryable: false, message: 'the lead has no phone number' });
    expect(await channel('sms').send(message({ text: 'x'.repeat(1601) })).catch((e: unknown) => e)).toMatchObject({ retryable: false, message: expect.stringContaining('at most 1600') });
    expect(await channel('sms').send(message({ template: { contentSid: `HX${'1'.repeat(32)}`, variables: {} } })).catch((e: unknown) => e)).toMatchObject({ retryable: false });
    expect(server.received).toHaveLength(0);
  });

  it('validates its options at construction, naming the field and never its value', () => {
    expect(() => new TwilioChannel({ kind: 'sms', accountSid: 'AC123', authToken: TOKEN, from: '+15005550006' })).toThrow(/twilio: invalid option "accountSid": must be AC followed by 32 hexadecimal digits/);
    expect(() => new TwilioChannel({ kind: 'sms', accountSid: ACCOUNT, from: '+15005550006' })).toThrow(/"authToken": is required \(or apiKeySid with apiKeySecret\)/);
    expect(() => new TwilioChannel({ kind: 'whatsapp', accountSid: ACCOUNT, authToken: TOKEN })).toThrow(/"from": is required \(the WhatsApp sender\), or messagingServiceSid/);
    expect(() => new TwilioChannel({ kind: 'sms', accountSid: ACCOUNT, authToken: TOKEN, from: '98290 11111' })).toThrow(/"from": must be a number in E.164 form/);
    expect(() => new TwilioChannel({ kind: 'sms', accountSid: ACCOUNT, authToken: 'secret-token', from: '+1', statusCallbackUrl: 'ftp://x' })).not.toThrow(/secret-token/);
    expect(() => createTwilioChannel('sms', {})).toThrow(/twilio: an account SID is required/);
  });
});
