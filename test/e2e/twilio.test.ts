import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TwilioWireServer, inboundParams, postSigned } from '../../adapters/channels/twilio/testing/twilio-wire-server.ts';
import { createLead, signup, type Account } from '../support/factories.ts';
import { history, leadStatus, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 120_000 });

/**
 * SMS and WhatsApp through Twilio, against a local server speaking Twilio's Messages API, with
 * webhooks posted to the real gateway and signed by the SDK's own helper.
 */
const ACCOUNT = `AC${'ab'.repeat(16)}`;
const TOKEN = 'server-auth-token';
const WHATSAPP_FROM = '+14155238886';
const SMS_FROM = '+15005550006';
const TEMPLATE = 'HXfedcba9876543210fedcba9876543210';
let twilio: TwilioWireServer;
let app: TestGateway;
let owner: Account;
let webhook: string;

beforeAll(async () => {
  twilio = await new TwilioWireServer(TOKEN).start();
  app = await startTestGateway({ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_WHATSAPP_FROM: WHATSAPP_FROM, TWILIO_SMS_FROM: SMS_FROM, TWILIO_API_BASE_URL: twilio.url });
  owner = await signup(app);
  await setUpAutopilot(app, owner, true, `whatsappTemplate: { contentSid: "${TEMPLATE}", variables: ["{contactName}", "{senderName}"] }`);
  webhook = (await app.gql('{ autopilotSettings { twilioWebhookUrl } }', {}, owner.caller)).data?.autopilotSettings.twilioWebhookUrl;
});
afterAll(async () => {
  await app.close();
  await twilio.close();
});

const messagesOf = async (leadId: string, account = owner) =>
  (await app.gql(`{ lead(id: "${leadId}") { messages(first: 50) { nodes { id direction channel purpose status provider toAddress text error classification { intent confidence } } } } }`, {}, account.caller)).data?.lead.messages.nodes as Array<Record<string, any>>;
const sentTo = (phone: string, channel: 'whatsapp' | 'sms' = 'whatsapp') => twilio.received.filter((m) => m.form.To === (channel === 'whatsapp' ? `whatsapp:${phone}` : phone));
const text = (from: string, body: string, channel: 'whatsapp' | 'sms' = 'whatsapp', sid?: string) =>
  inboundParams({ from, to: channel === 'whatsapp' ? WHATSAPP_FROM : SMS_FROM, body, channel, accountSid: ACCOUNT, ...(sid ? { sid } : {}) });
const suppressionsOf = (tenantId: string, address: string) => app.services.autopilot(tenantId).uow.run((tx) => tx.records.suppressionsOf([address]));

/** A phone-only lead the autopilot has contacted through Twilio (the WhatsApp template: it never wrote to us). */
async function contacted(phone: string, name = 'Dr. Mehta') {
  const lead = await createLead(app, owner.caller, { email: null, phone, contactName: name });
  await waitForStatus(app, owner, lead.id, 'CONTACTED');
  return { id: lead.id as string, phone: lead.phone as string, sid: sentTo(lead.phone).at(-1)!.sid };
}

describe('WhatsApp and SMS through Twilio', () => {
  it('outreach goes as the approved template outside the 24-hour window, with the status callback; delivery reports move it forward only', async () => {
    expect(webhook).toBe(`${app.config.PUBLIC_URL}/webhooks/twilio/${owner.tenantId}`);
    const lead = await contacted('98290 10001');
    const [sent] = sentTo(lead.phone);
    expect(sent).toMatchObject({ accountSid: ACCOUNT, username: ACCOUNT, password: TOKEN });
    expect(sent?.form).toMatchObject({ To: 'whatsapp:+919829010001', From: `whatsapp:${WHATSAPP_FROM}`, ContentSid: TEMPLATE, StatusCallback: webhook });
    expect(JSON.parse(sent!.form.ContentVariables!)).toEqual({ 1: 'Dr. Mehta', 2: 'Asha' });
    expect(sent?.form.Body).toBeUndefined();
    expect((await messagesOf(lead.id))[0]).toMatchObject({ channel: 'WHATSAPP', status: 'SENT', provider: 'twilio' });

    const report = async (status: string) => {
      const response = await twilio.report(lead.sid, status);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      return (await messagesOf(lead.id))[0]?.status;
    };
    expect(await report('delivered')).toBe('DELIVERED');
    expect(await report('sent')).toBe('DELIVERED'); // late, out of order: no step back
    expect(await report('read')).toBe('READ');
    expect(await report('delivered')).toBe('READ');
  });

  it('a signed reply is threaded to its lead by number and classified; the proposal goes as free-form text inside the window; a replayed MessageSid is stored once', async () => {
    const lead = await contacted('98290 10002', 'Mrs. Kapoor');
    const params = text(lead.phone, 'price kya hai?');
    const answers = await Promise.all([1, 2, 3].map(() => postSigned(TOKEN, webhook, params)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await waitForStatus(app, owner, lead.id, 'PROPOSAL_SENT', 60_000);
    const replies = (await messagesOf(lead.id)).filter((m) => m.direction === 'IN');
    expect(replies).toEqual([expect.objectContaining({ channel: 'WHATSAPP', provider: 'twilio', text: 'price kya hai?', classification: expect.objectContaining({ intent: 'ASKING_PRICE' }) })]);
    const proposal = sentTo(lead.phone).at(-1);
    expect(proposal?.form.ContentSid).toBeUndefined();
    expect(proposal?.form.Body).toMatch(/^Hi Mrs\. Kapoor, here is our proposal: [\s\S]*To start, pay securely here: http:\/\/127\.0\.0\.1:\d+\/pay\/\S+[\s\S]*Reply STOP to stop these messages\.$/);
    // A fourth delivery later, too.
    expect((await postSigned(TOKEN, webhook, params)).status).toBe(200);
    expect((await messagesOf(lead.id)).filter((m) => m.direction === 'IN')).toHaveLength(1);
  });

  it('a bad signature, a tampered post, another URL and an unknown tenant all get the same 400, and nothing is stored', async () => {
    const lead = await contacted('98290 10003');
    const params = text(lead.phone, 'interested!');
    const unknownTenant = `${app.config.PUBLIC_URL}/webhooks/twilio/00000000-0000-4000-8000-000000000000`;
    const attempts = [
      postSigned('not-the-token', webhook, params),
      postSigned(TOKEN, webhook, params, { signature: 'c2lnbmF0dXJl' }),
      fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() }),
      // Signed for other parameters than those posted.
      fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': (await import('twilio')).default.getExpectedTwilioSignature(TOKEN, webhook, params) }, body: new URLSearchParams({ ...params, Body: 'STOP' }).toString() }),
      // Signed for the URL without the query string it was posted to.
      fetch(`${webhook}?extra=1`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': (await import('twilio')).default.getExpectedTwilioSignature(TOKEN, webhook, params) }, body: new URLSearchParams(params).toString() }),
      postSigned(TOKEN, unknownTenant, params),
      postSigned(TOKEN, `${app.config.PUBLIC_URL}/webhooks/twilio/${'-'.repeat(36)}`, params),
    ];
    const answers = await Promise.all(attempts);
    const bodies = await Promise.all(answers.map((a) => a.text()));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'The X-Twilio-Signature header does not verify for this URL and these parameters.' } });
    expect((await messagesOf(lead.id)).filter((m) => m.direction === 'IN')).toEqual([]);
    expect(await leadStatus(app, owner, lead.id)).toBe('CONTACTED');
  });

  it('a delivery report that overtakes the send\'s own answer is applied once the send is recorded', async () => {
    twilio.beforeAnswer = (sid) => twilio.report(sid, 'delivered');
    try {
      const lead = await createLead(app, owner.caller, { email: null, phone: '98290 10004' });
      await waitForStatus(app, owner, lead.id, 'CONTACTED');
      await eventually(async () => (await messagesOf(lead.id))[0]?.status === 'DELIVERED', 30_000, 'the early report to be applied');
    } finally {
      twilio.beforeAnswer = null;
    }
  });

  it('STOP in English, Hinglish and Hindi (by WhatsApp or SMS) opts the number out of every channel; nothing goes to it again until START', async () => {
    const leads = [await contacted('98290 10005'), await contacted('98290 10006'), await contacted('98290 10007')];
    const stops: Array<[string, 'whatsapp' | 'sms']> = [['STOP', 'whatsapp'], ['band karo', 'sms'], ['मत भेजो', 'whatsapp']];
    for (const [i, [body, channel]] of stops.entries()) expect((await postSigned(TOKEN, webhook, text(leads[i]!.phone, body, channel))).status).toBe(200);
    for (const [i, lead] of leads.entries()) {
      await waitForStatus(app, owner, lead.id, 'LOST');
      const stop = (await messagesOf(lead.id)).find((m) => m.direction === 'IN');
      expect(stop).toMatchObject({ channel: stops[i]![1].toUpperCase(), classification: { intent: 'UNSUBSCRIBE', confidence: 1 } });
      expect(await suppressionsOf(owner.tenantId, lead.phone)).toEqual([{ address: lead.phone, reason: 'opt_out', leadId: lead.id, messageId: null }]);
      const closing = (await history(app, owner, lead.id)).filter((e) => e.kind === 'TRANSITION').at(-1);
      expect(closing).toMatchObject({ toStatus: 'LOST', trigger: 'ASKED_TO_UNSUBSCRIBE' });
    }
    // The owner cannot reopen past the opt-out: it is the number's own act.
    const reopen = await app.gql(`mutation { reopenLead(id: "${leads[0]!.id}", reason: "try again") { status } }`, {}, owner.caller);
    expect(reopen.errors?.[0]?.message).toBe('This lead cannot be reopened: +919829010005 opted out by replying STOP (only a START from that number lifts it).');

    // Another lead with an opted-out number: suppressed, and Twilio hears nothing.
    const before = twilio.received.length;
    const again = await createLead(app, owner.caller, { email: null, phone: '98290 10006', businessName: 'Same number again' });
    await eventually(async () => (await messagesOf(again.id)).find((m) => m.status === 'SUPPRESSED'), 30_000, 'the outreach to be suppressed');
    expect(twilio.received.length).toBe(before);

    // START lifts it: the owner may reopen, and the number gets messages again.
    expect((await postSigned(TOKEN, webhook, text(leads[0]!.phone, 'START'))).status).toBe(200);
    expect(await suppressionsOf(owner.tenantId, leads[0]!.phone)).toEqual([]);
    expect((await app.gql(`mutation { reopenLead(id: "${leads[0]!.id}", reason: "they opted back in") { status } }`, {}, owner.caller)).data?.reopenLead.status).toBe('CONTACTED');
  });

  it('Twilio\'s refusals: an unsubscribed recipient (21610) is an opt-out, an invalid number (21211) a bounce, 20429 is retried', async () => {
    twilio.replies.push({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const optedOut = await createLead(app, owner.caller, { email: null, phone: '98290 10008' });
    await waitForStatus(app, owner, optedOut.id, 'LOST');
    expect((await suppressionsOf(owner.tenantId, '+919829010008'))[0]?.reason).toBe('opt_out');
    expect((await messagesOf(optedOut.id))[0]).toMatchObject({ status: 'FAILED', error: expect.stringContaining('error 21610') });

    twilio.replies.push({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    const invalid = await createLead(app, owner.caller, { email: null, phone: '98290 10009' });
    await waitForStatus(app, owner, invalid.id, 'LOST');
    expect((await suppressionsOf(owner.tenantId, '+919829010009'))[0]?.reason).toBe('bounce');
    expect((await history(app, owner, invalid.id)).filter((e) => e.kind === 'TRANSITION').at(-1)?.trigger).toBe('HARD_BOUNCE');

    twilio.replies.push({ status: 429, code: 20429, message: 'Too Many Requests' });
    const busy = await createLead(app, owner.caller, { email: null, phone: '98290 10010' });
    await waitForStatus(app, owner, busy.id, 'CONTACTED', 60_000);
    expect((await messagesOf(busy.id))[0]?.status).toBe('SENT');
  });

  it('an undelivered report (landline or unreachable, 30006) fails the message, says why, and suppresses the number', async () => {
    const lead = await contacted('98290 10011');
    expect((await twilio.report(lead.sid, 'undelivered', 30006)).status).toBe(200);
    expect((await messagesOf(lead.id))[0]).toMatchObject({ status: 'FAILED', error: 'Twilio reported the message undelivered (error 30006)' });
    await waitForStatus(app, owner, lead.id, 'LOST');
    expect((await history(app, owner, lead.id)).map((e) => e.reason)).toContain('The outreach by WhatsApp to +919829010011 was not delivered: Twilio reported the message undelivered (error 30006)');
    expect((await suppressionsOf(owner.tenantId, lead.phone))[0]?.reason).toBe('bounce');
  });

  it('a workspace with its own Twilio account sends with it, and only its own auth token verifies its webhook', async () => {
    const other = await signup(app);
    await setUpAutopilot(app, other, true, `whatsappTemplate: { contentSid: "${TEMPLATE}" }`);
    const own = `AC${'cd'.repeat(16)}`;
    const set = async (name: string, value: string) => (await app.gql(`mutation($v: String) { setProviderCredential(name: ${name}, value: $v) }`, { v: value }, other.caller)).data?.setProviderCredential;
    await set('TWILIO_ACCOUNT_SID', own);
    expect(await set('TWILIO_AUTH_TOKEN', 'tenant-auth-token')).toEqual(['STRIPE_WEBHOOK_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
    const chosen = await app.gql('mutation { updateAutopilotSettings(input: { whatsappProvider: TWILIO }) { whatsappProvider } }', {}, other.caller);
    expect(chosen.data?.updateAutopilotSettings.whatsappProvider).toBe('TWILIO');
    const lead = await createLead(app, other.caller, { email: null, phone: '98290 10012' });
    await waitForStatus(app, other, lead.id, 'CONTACTED');
    expect(sentTo('+919829010012')[0]).toMatchObject({ accountSid: own, username: own, password: 'tenant-auth-token' });

    const url = `${app.config.PUBLIC_URL}/webhooks/twilio/${other.tenantId}`;
    const params = inboundParams({ from: '+919829010012', to: WHATSAPP_FROM, body: 'haan interested hoon', channel: 'whatsapp', accountSid: own });
    expect((await postSigned(TOKEN, url, params)).status).toBe(400);
    expect((await postSigned('tenant-auth-token', url, params)).status).toBe(200);
    await waitForStatus(app, other, lead.id, 'PROPOSAL_SENT', 60_000);
    expect(sentTo('+919829010012').map((m) => m.accountSid)).toEqual([own, own]);
    // Its token cannot be removed while WhatsApp goes through its account.
    const removal = await app.gql('mutation { setProviderCredential(name: TWILIO_AUTH_TOKEN, value: null) }', {}, other.caller);
    expect(removal.errors?.[0]?.extensions?.fields).toEqual([{ field: 'value', message: expect.stringContaining('the whatsappProvider is twilio, which needs this key') }]);
  });
});
