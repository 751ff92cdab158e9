import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup } from '../support/factories.ts';
import { setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

vi.setConfig({ testTimeout: 90_000 });

/** A local server speaking SendGrid's v3 mail/send: the first answers are 429 and 500, then 202. */
let sendgrid: Server;
let origin: string;
const received: Array<{ status: number; body: any; auth: string | undefined }> = [];
let failuresLeft = 2;
let app: TestGateway;

beforeAll(async () => {
  sendgrid = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const status = failuresLeft-- > 0 ? (failuresLeft === 1 ? 429 : 500) : 202;
      received.push({ status, body, auth: req.headers.authorization });
      res.writeHead(status, { 'content-type': 'application/json', ...(status === 202 ? { 'x-message-id': `sg-${received.length}` } : {}) });
      res.end(status === 202 ? '' : JSON.stringify({ errors: [{ message: status === 429 ? 'too many requests' : 'internal error' }] }));
    });
  });
  await new Promise<void>((resolve) => sendgrid.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(sendgrid.address() as AddressInfo).port}`;
  app = await startTestGateway({ SENDGRID_API_KEY: 'SG.local-test-key', SENDGRID_BASE_URL: origin });
});
afterAll(async () => {
  await app.close();
  await new Promise((resolve) => sendgrid.close(resolve));
});

describe('email through SendGrid', () => {
  it('429 and 500 answers are retried with backoff by the job queue; the lead is CONTACTED once it is accepted', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, true);
    const lead = await createLead(app, account.caller, { email: 'dr.mehta@clinic.in', contactName: 'Dr. Mehta' });
    await waitForStatus(app, account, lead.id, 'CONTACTED', 60_000);
    expect(received.map((r) => r.status)).toEqual([429, 500, 202]);
    const sent = received.at(-1)!;
    expect(sent.auth).toBe('Bearer SG.local-test-key');
    expect(sent.body.personalizations[0].to[0].email).toBe('dr.mehta@clinic.in');
    expect(sent.body.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(sent.body.headers['Message-ID']).toMatch(/^<.+@127\.0\.0\.1>$/);
    const messages = (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { status provider } } } }`, {}, account.caller)).data?.lead.messages.nodes;
    expect(messages).toEqual([{ status: 'SENT', provider: 'sendgrid' }]);
    const simulated = await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "hi") { id } }`, {}, account.caller);
    expect(simulated.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
