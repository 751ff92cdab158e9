import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { history, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 120_000 });

/**
 * Without any keys: leads with a phone and no email are reached over the offline outbox's WhatsApp
 * thread (SMS when WhatsApp is off), WhatsApp's 24-hour rule applies as it would with Twilio, and
 * simulated replies come back on the same thread, so the whole funnel runs over WhatsApp.
 */
const TEMPLATE = 'HX0123456789abcdef0123456789abcdef';
let app: TestGateway;

beforeAll(async () => {
  app = await startTestGateway();
});
afterAll(() => app.close());

const messagesOf = async (account: Account, leadId: string) =>
  (await app.gql(`{ lead(id: "${leadId}") { messages(first: 50) { nodes { id direction channel purpose status provider toAddress fromAddress text error } } } }`, {}, account.caller)).data?.lead.messages.nodes as Array<Record<string, any>>;
const outbox = async (account: Account) => (await app.gql('{ outbox(first: 50) { nodes { channel toAddress fromAddress subject text headers } } }', {}, account.caller)).data?.outbox.nodes as Array<Record<string, any>>;
const reply = (account: Account, leadId: string, body: string) => app.gql(`mutation($l: ID!, $b: String!) { simulateInboundReply(leadId: $l, body: $b) { id channel direction provider fromAddress } }`, { l: leadId, b: body }, account.caller);

describe('the funnel over the offline WhatsApp thread', () => {
  it('a lead with only a phone: template outreach (CONTACTED), "price kya hai?" on WhatsApp (INTERESTED), the proposal as free-form text (PROPOSAL_SENT)', async () => {
    const owner = await signup(app);
    await setUpAutopilot(app, owner, true, `whatsappTemplate: { contentSid: "${TEMPLATE}", variables: ["{contactName}", "{company}"] }`);
    const lead = await createLead(app, owner.caller, { email: null, phone: '98290 11111', contactName: 'Dr. Mehta' });
    expect(lead.phone).toBe('+919829011111');

    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    const [outreach] = await messagesOf(owner, lead.id);
    expect(outreach).toMatchObject({ direction: 'OUT', channel: 'WHATSAPP', purpose: 'OUTREACH', status: 'SENT', provider: 'outbox', toAddress: '+919829011111' });
    // Never written to us: outside the 24-hour window, so the approved template went, filled in for this lead.
    const [delivered] = await outbox(owner);
    expect(delivered).toMatchObject({ channel: 'WHATSAPP', toAddress: '+919829011111', subject: null, headers: { 'X-Template-Sid': TEMPLATE } });
    expect(delivered?.text).toBe(`WhatsApp template ${TEMPLATE}\n{{1}} = Dr. Mehta\n{{2}} = Growth Co`);
    // The lead's thread says what the contact got (the AI's draft stays in its decision).
    expect(outreach?.text).toBe(delivered?.text);
    expect((await history(app, owner, lead.id)).map((e) => e.reason)).toContain(`Sent outreach by WhatsApp to +919829011111 as the approved template ${TEMPLATE} (outside WhatsApp's 24-hour window, free-form text cannot go)`);

    const answered = await reply(owner, lead.id, 'price kya hai?');
    expect(answered.data?.simulateInboundReply).toMatchObject({ channel: 'WHATSAPP', direction: 'IN', provider: 'simulated', fromAddress: '+919829011111' });
    await waitForStatus(app, owner, lead.id, 'PROPOSAL_SENT', 60_000);

    const proposal = (await messagesOf(owner, lead.id)).find((m) => m.purpose === 'PROPOSAL');
    expect(proposal).toMatchObject({ channel: 'WHATSAPP', status: 'SENT', toAddress: '+919829011111' });
    // Inside the window now (they just wrote): free-form text, with the payment link, and the STOP line.
    const sentProposal = (await outbox(owner)).find((entry) => entry.text.includes('here is our proposal'));
    expect(sentProposal?.headers).toEqual({});
    expect(sentProposal?.text).toMatch(/To start, pay securely here: http:\/\/127\.0\.0\.1:\d+\/pay\/\S+/);
    expect(sentProposal?.text).toContain('Reply STOP to stop these messages.');
    expect(sentProposal!.text.length).toBeLessThanOrEqual(1600);
    const moves = (await history(app, owner, lead.id)).filter((e) => e.kind === 'TRANSITION').map((e) => `${e.fromStatus}>${e.toStatus}`);
    expect(moves).toEqual(['NEW>CONTACTED', 'CONTACTED>INTERESTED', 'INTERESTED>PROPOSAL_SENT']);
    expect((await history(app, owner, lead.id)).find((e) => e.kind === 'MESSAGE_IN')?.reason).toBe('WhatsApp from +919829011111: "price kya hai?"');
  });

  it('outside the 24-hour window with no template, nothing is sent and the timeline says why; a reply over a day old does not open it', async () => {
    const owner = await signup(app);
    await setUpAutopilot(app, owner, true);
    const lead = await createLead(app, owner.caller, { email: null, phone: '98290 22222' });
    const failed = await eventually(async () => (await messagesOf(owner, lead.id)).find((m) => m.status === 'FAILED'), 30_000, 'the outreach to fail');
    expect(failed).toMatchObject({ channel: 'WHATSAPP', purpose: 'OUTREACH' });
    expect(failed.error).toContain('they have never written to us; no approved WhatsApp template is set');
    const why = (await history(app, owner, lead.id)).find((e) => e.kind === 'FAILURE');
    expect(why?.reason).toMatch(/^The outreach was not sent by WhatsApp: WhatsApp allows free-form messages only within 24 hours of the contact's last message/);
    expect(await outbox(owner)).toEqual([]);
    expect((await app.gql(`{ lead(id: "${lead.id}") { status } }`, {}, owner.caller)).data?.lead.status).toBe('NEW');

    // The lead wrote 25 hours ago (the reply is backdated as the owner): a follow-up still may not go as free-form text.
    const written = await reply(owner, lead.id, 'hello, who is this?');
    const client = await app.database.ownerClient();
    await client.query(`update messages set created_at = now() - interval '25 hours' where id = $1`, [written.data?.simulateInboundReply.id]);
    await client.query(`update leads set status = 'CONTACTED' where id = $1`, [lead.id]);
    expect(errorCode(await app.gql(`mutation { sendFollowUp(leadId: "${lead.id}") { id } }`, {}, owner.caller))).toBeUndefined();
    const followUp = await eventually(async () => (await messagesOf(owner, lead.id)).find((m) => m.purpose === 'FOLLOW_UP' && m.status === 'FAILED'), 30_000, 'the follow-up to fail');
    expect(followUp.error).toContain('their last message came 25 hours ago');
    expect(await outbox(owner)).toEqual([]);
  });

  it('SMS when the tenant keeps WhatsApp off; a lead reached by email still gets email; no channel at all says so', async () => {
    const owner = await signup(app);
    await setUpAutopilot(app, owner, true, 'whatsappProvider: OFF');
    const bySms = await createLead(app, owner.caller, { email: null, phone: '98290 33333' });
    const byEmail = await createLead(app, owner.caller, { email: 'sms-test@clinic.in', phone: '98290 44444' });
    await waitForStatus(app, owner, bySms.id, 'CONTACTED');
    await waitForStatus(app, owner, byEmail.id, 'CONTACTED');
    const entries = await outbox(owner);
    expect(entries.find((e) => e.toAddress === '+919829033333')).toMatchObject({ channel: 'SMS', subject: null, headers: {} });
    expect(entries.find((e) => e.toAddress === 'sms-test@clinic.in')).toMatchObject({ channel: 'EMAIL' });
    // SMS has no 24-hour rule: free-form text went, with the STOP line.
    expect(entries.find((e) => e.channel === 'SMS')?.text).toMatch(/Reply STOP to stop these messages\.$/);
    expect((await reply(owner, bySms.id, 'haan interested hoon')).data?.simulateInboundReply).toMatchObject({ channel: 'SMS' });
    await waitForStatus(app, owner, bySms.id, 'PROPOSAL_SENT', 60_000);

    const set = await app.gql('mutation { updateAutopilotSettings(input: { smsProvider: OFF }) { smsProvider whatsappProvider } }', {}, owner.caller);
    expect(set.data?.updateAutopilotSettings).toEqual({ smsProvider: 'OFF', whatsappProvider: 'OFF' });
    const unreachable = await createLead(app, owner.caller, { email: null, phone: '98290 55555' });
    await eventually(async () => (await messagesOf(owner, unreachable.id)).find((m) => m.status === 'SUPPRESSED'), 30_000, 'the outreach to stop');
    expect((await history(app, owner, unreachable.id)).map((e) => e.reason)).toContain('Not sent: no email address');
  });

  it('STOP on the WhatsApp thread opts the number out of every channel; START lets it in again', async () => {
    const owner = await signup(app);
    await setUpAutopilot(app, owner, true, `whatsappTemplate: { contentSid: "${TEMPLATE}", variables: ["{contactName}"] }`);
    const lead = await createLead(app, owner.caller, { email: null, phone: '98290 66666' });
    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    const stop = await reply(owner, lead.id, 'message mat karo');
    expect(stop.errors).toBeUndefined();
    await waitForStatus(app, owner, lead.id, 'LOST');
    const suppressed = () => app.services.autopilot(owner.tenantId).uow.run((tx) => tx.records.isSuppressed('+919829066666'));
    expect(await suppressed()).toBe(true);
    // The number on another lead, and by SMS: still nothing goes.
    await app.gql('mutation { updateAutopilotSettings(input: { whatsappProvider: OFF }) { smsProvider } }', {}, owner.caller);
    const again = await createLead(app, owner.caller, { email: null, phone: '+91 98290 66666', businessName: 'Same number, another lead' });
    const stopped = await eventually(async () => (await messagesOf(owner, again.id)).find((m) => m.status === 'SUPPRESSED'), 30_000, 'the outreach to be suppressed');
    expect(stopped).toMatchObject({ channel: 'SMS', error: '+919829066666 is on the suppression list' });
    expect((await outbox(owner)).filter((e) => e.toAddress === '+919829066666')).toHaveLength(1);

    // START from that number (on the lead's WhatsApp thread) lifts the opt-out.
    await app.gql('mutation { updateAutopilotSettings(input: { whatsappProvider: DEFAULT }) { smsProvider } }', {}, owner.caller);
    expect((await reply(owner, lead.id, 'START')).errors).toBeUndefined();
    expect(await suppressed()).toBe(false);
    expect((await history(app, owner, lead.id)).map((e) => e.reason)).toContain('+919829066666 opted back in by replying "START" by WhatsApp: messages may go to this number again (a lost lead stays lost until a person reopens it)');
  });

  it('settings: TWILIO is refused until an account and a sender are set; senders and the template are checked, naming the field', async () => {
    const owner = await signup(app);
    const settings = (input: string) => app.gql(`mutation { updateAutopilotSettings(input: { ${input} }) { smsProvider whatsappProvider twilioSender { messagingServiceSid smsFrom whatsappFrom } whatsappTemplate { contentSid variables } } }`, {}, owner.caller);
    const fields = (result: Awaited<ReturnType<typeof settings>>) => result.errors?.[0]?.extensions?.fields;
    expect(fields(await settings('whatsappProvider: TWILIO'))).toEqual([{ field: 'whatsappProvider', message: 'Twilio needs twilio_account_sid and twilio_auth_token: set the twilio_account_sid and twilio_auth_token credentials first, or choose another provider' }]);
    const credential = (name: string, value: string) => app.gql(`mutation($v: String) { setProviderCredential(name: ${name}, value: $v) }`, { v: value }, owner.caller);
    expect((await credential('TWILIO_ACCOUNT_SID', 'AC123')).errors?.[0]?.extensions?.fields).toEqual([{ field: 'value', message: 'must be a Twilio Account SID: AC followed by 32 hexadecimal digits' }]);
    await credential('TWILIO_ACCOUNT_SID', `AC${'1'.repeat(32)}`);
    await credential('TWILIO_AUTH_TOKEN', 'a-token');
    expect(fields(await settings('whatsappProvider: TWILIO'))).toEqual([{ field: 'whatsappProvider', message: expect.stringContaining('Twilio needs a sender: set twilioSender.whatsappFrom or twilioSender.messagingServiceSid') }]);
    expect(fields(await settings('twilioSender: { whatsappFrom: "0141 2701234", messagingServiceSid: "MG1" }'))).toEqual([
      { field: 'twilioSender.messagingServiceSid', message: expect.stringContaining('MG followed by 32 hexadecimal digits') },
      { field: 'twilioSender.whatsappFrom', message: expect.stringContaining('E.164') },
    ]);
    expect((await settings('whatsappProvider: TWILIO, twilioSender: { whatsappFrom: "+1 415-523-8886" }')).data?.updateAutopilotSettings).toMatchObject({ whatsappProvider: 'TWILIO', twilioSender: { whatsappFrom: '+14155238886', smsFrom: null, messagingServiceSid: null } });
    expect(fields(await settings('whatsappTemplate: { contentSid: "HX1", variables: ["{firstName}", ""] }'))).toEqual([
      { field: 'whatsappTemplate.contentSid', message: expect.stringContaining('HX followed by 32 hexadecimal digits') },
      { field: 'whatsappTemplate.variables.0', message: 'uses {firstName}: the placeholders are {contactName}, {businessName}, {senderName}, {company}' },
      { field: 'whatsappTemplate.variables.1', message: 'must be 1-200 characters' },
    ]);
    expect((await settings(`whatsappTemplate: { contentSid: "${TEMPLATE}", variables: ["{contactName}"] }`)).data?.updateAutopilotSettings.whatsappTemplate).toEqual({ contentSid: TEMPLATE, variables: ['{contactName}'] });
    expect((await settings('whatsappTemplate: { contentSid: "" }, twilioSender: { whatsappFrom: "" }, whatsappProvider: OUTBOX')).data?.updateAutopilotSettings).toMatchObject({ whatsappTemplate: null, twilioSender: { whatsappFrom: null } });
  });

  it('a reply can be simulated only where the outbox carries the lead\'s thread', async () => {
    const owner = await signup(app);
    await setUpAutopilot(app, owner, false, 'whatsappProvider: OFF, smsProvider: OFF');
    const phoneOnly = await createLead(app, owner.caller, { email: null, phone: '98290 77777' });
    const nowhere = await reply(owner, phoneOnly.id, 'hi');
    expect(errorCode(nowhere)).toBe('NOT_FOUND');
    expect(nowhere.errors?.[0]?.message).toContain('has no email address');
    expect(errorCode(await reply(owner, '00000000-0000-4000-8000-000000000000', 'hi'))).toBe('NOT_FOUND');
  });
});
