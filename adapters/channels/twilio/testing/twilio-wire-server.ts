import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/** A message the server accepted, as the SDK posted it (form fields by Twilio's names). */
export interface ReceivedMessage {
  accountSid: string;
  /** The user of HTTP basic auth: the account SID, or an API key's SID. */
  username: string;
  password: string;
  form: Record<string, string>;
  sid: string;
}

/** What the next POST to Messages.json answers: a Twilio error (status and code), or 'accept'. */
export type TwilioReply = 'accept' | { status: number; code: number; message: string };

/**
 * A stand-in for api.twilio.com, for tests: speaks the Messages resource (form-encoded POST to
 * /2010-04-01/Accounts/{AccountSid}/Messages.json, JSON answers and Twilio's error format), and
 * posts delivery reports to a message's StatusCallback signed as Twilio signs them.
 */
export class TwilioWireServer {
  readonly received: ReceivedMessage[] = [];
  /** Answers for the next requests, in order; then every request is accepted. */
  readonly replies: TwilioReply[] = [];
  /** Runs after a message is accepted and before the answer goes (a delivery report that overtakes the answer). */
  beforeAnswer: ((sid: string) => Promise<unknown>) | null = null;
  private server!: Server;
  url = '';

  constructor(private readonly authToken: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/i.exec(req.url ?? '');
        const json = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || !path) return json(404, { code: 20404, message: 'The requested resource was not found', more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 });
        const [username = '', password = ''] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
        if (!password) return json(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        const reply = this.replies.shift() ?? 'accept';
        if (reply !== 'accept') return json(reply.status, { code: reply.code, message: reply.message, more_info: `https://www.twilio.com/docs/errors/${reply.code}`, status: reply.status });
        const sid = `SM${randomBytes(16).toString('hex')}`;
        const accountSid = path[1] as string;
        this.received.push({ accountSid, username, password, form, sid });
        void (this.beforeAnswer?.(sid) ?? Promise.resolve()).finally(() => json(201, {
          sid, account_sid: accountSid, to: form.To, from: form.From ?? null, messaging_service_sid: form.MessagingServiceSid ?? null, body: form.Body ?? '',
          status: 'queued', direction: 'outbound-api', num_segments: '1', error_code: null, error_message: null, api_version: '2010-04-01',
          date_created: new Date().toUTCString(), uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Posts a delivery report for a message it accepted to that message's StatusCallback, signed with the auth token. */
  async report(sid: string, status: string, errorCode?: number): Promise<Response> {
    const message = this.received.find((m) => m.sid === sid);
    if (!message?.form.StatusCallback) throw new Error(`no message ${sid} with a StatusCallback`);
    const params: Record<string, string> = {
      MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, AccountSid: message.accountSid, ApiVersion: '2010-04-01',
      To: message.form.To ?? '', From: message.form.From ?? '', ...(errorCode ? { ErrorCode: String(errorCode) } : {}),
    };
    return postSigned(this.authToken, message.form.StatusCallback, params);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Posts form parameters to a webhook URL with the X-Twilio-Signature Twilio would compute (the SDK's own helper). */
export function postSigned(authToken: string, url: string, params: Record<string, string>, options: { signature?: string } = {}): Promise<Response> {
  const signature = options.signature ?? twilio.getExpectedTwilioSignature(authToken, url, params);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
}

/** The parameters of an incoming message as Twilio posts them (SMS, or WhatsApp with its whatsapp: prefixes). */
export function inboundParams(input: { from: string; to: string; body: string; channel?: 'sms' | 'whatsapp'; sid?: string; accountSid: string; profileName?: string }): Record<string, string> {
  const prefix = input.channel === 'whatsapp' ? 'whatsapp:' : '';
  const sid = input.sid ?? `SM${randomBytes(16).toString('hex')}`;
  return {
    ToCountry: 'IN', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received', Body: input.body, To: `${prefix}${input.to}`,
    NumSegments: '1', MessageSid: sid, AccountSid: input.accountSid, From: `${prefix}${input.from}`, ApiVersion: '2010-04-01',
    ...(input.channel === 'whatsapp' ? { ProfileName: input.profileName ?? 'Lead', WaId: input.from.slice(1), MessageType: 'text' } : {}),
  };
}
