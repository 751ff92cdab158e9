import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { history, leadStatus, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000 });

let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await setUpAutopilot(app, owner, true);
});
afterAll(() => app.close());

async function contacted(overrides: Record<string, unknown> = {}) {
  const lead = await createLead(app, owner.caller, overrides);
  await waitForStatus(app, owner, lead.id, 'CONTACTED');
  return lead;
}

const reply = (leadId: string, body: string) => app.gql(`mutation($l: ID!, $b: String!) { simulateInboundReply(leadId: $l, body: $b) { id } }`, { l: leadId, b: body }, owner.caller);

async function classified(leadId: string) {
  return eventually(async () => {
    const messages = (await app.gql(`{ lead(id: "${leadId}") { messages { nodes { direction classification { intent language confidence corrected } id } } } }`, {}, owner.caller)).data?.lead.messages.nodes;
    const inbound = messages.filter((m: any) => m.direction === 'IN');
    return inbound.length && inbound.every((m: any) => m.classification) ? inbound.at(-1) : null;
  }, 20_000, 'the reply to be classified');
}

describe('replies in English, Hindi and Hinglish move the lead', () => {
  it('Hindi (Devanagari) buying intent → INTERESTED, and on to PROPOSAL_SENT', async () => {
    const lead = await contacted();
    await reply(lead.id, 'नमस्ते, हमें रुचि है। इसकी कीमत क्या होगी?');
    const message = await classified(lead.id);
    expect(message.classification.language).toBe('hi');
    expect(['INTERESTED', 'ASKING_PRICE']).toContain(message.classification.intent);
    await waitForStatus(app, owner, lead.id, 'PROPOSAL_SENT');
  });

  it('Hinglish "not now" → LOST with the reason recorded', async () => {
    const lead = await contacted();
    await reply(lead.id, 'Bhai abhi nahi chahiye, humare paas already website hai. Thanks.');
    await waitForStatus(app, owner, lead.id, 'LOST');
    const moves = (await history(app, owner, lead.id)).filter((e) => e.kind === 'TRANSITION');
    expect(moves.at(-1)).toMatchObject({ fromStatus: 'CONTACTED', toStatus: 'LOST', trigger: 'NOT_INTERESTED' });
  });

  it('out of office → a follow-up is scheduled after the return date; the lead stays CONTACTED', async () => {
    const lead = await contacted();
    await reply(lead.id, 'I am out of office until 2099-01-15 with limited access to email.');
    const entry = await eventually(async () => (await history(app, owner, lead.id)).find((e) => e.kind === 'FOLLOW_UP'), 20_000, 'the follow-up to be scheduled');
    // Out until Thursday 15 January → back Friday the 16th → followed up the day after.
    expect(entry.data.scheduledFor.slice(0, 10)).toBe('2099-01-17');
    expect(entry.reason).toContain('back on 2099-01-16');
    expect(await leadStatus(app, owner, lead.id)).toBe('CONTACTED');
  });

  it('wrong person with a referral → the referral is recorded and becomes a new lead', async () => {
    const lead = await contacted({ businessName: 'Referral Dental' });
    await reply(lead.id, 'I am not the right person for this. Please contact my colleague Priya Nair at priya.nair@referraldental.in');
    const created = await eventually(async () => (await app.gql('{ leads(filter: { search: "priya.nair@referraldental.in" }) { nodes { contactName businessName source } } }', {}, owner.caller)).data?.leads.nodes[0], 20_000, 'the referred lead');
    expect(created).toMatchObject({ businessName: 'Referral Dental', contactName: 'Priya Nair' });
    expect(created.source).toContain('referral');
    expect((await history(app, owner, lead.id)).some((e) => e.kind === 'REFERRAL')).toBe(true);
  });

  it('a question becomes a task for a human with an AI-drafted answer', async () => {
    const lead = await contacted();
    await reply(lead.id, 'Do you also work with clinics outside Jaipur?');
    const task = await eventually(async () => (await app.gql(`{ lead(id: "${lead.id}") { tasks { nodes { kind title body } } } }`, {}, owner.caller)).data?.lead.tasks.nodes.find((t: any) => t.kind === 'ANSWER_QUESTION'), 20_000, 'the question task');
    expect(task.body).toContain('outside Jaipur');
    expect(task.body).toContain('Suggested answer');
    expect(await leadStatus(app, owner, lead.id)).toBe('CONTACTED');
  });

  it('an unclear reply does not move the lead; a human correction does, and is logged', async () => {
    const lead = await contacted();
    await reply(lead.id, 'ok');
    const message = await classified(lead.id);
    expect(message.classification.confidence).toBeLessThan(0.5);
    expect(await leadStatus(app, owner, lead.id)).toBe('CONTACTED');
    const corrected = await app.gql(`mutation { correctReplyClassification(messageId: "${message.id}", intent: INTERESTED) { classification { intent corrected } } }`, {}, owner.caller);
    expect(corrected.data?.correctReplyClassification.classification).toEqual({ intent: 'INTERESTED', corrected: true });
    await waitForStatus(app, owner, lead.id, 'INTERESTED', 10_000).catch(() => waitForStatus(app, owner, lead.id, 'PROPOSAL_SENT'));
    const decisions = (await app.gql(`{ lead(id: "${lead.id}") { aiDecisions { nodes { kind status } } } }`, {}, owner.caller)).data?.lead.aiDecisions.nodes;
    expect(decisions.map((d: any) => d.kind)).toContain('CORRECTION');
  });

  it('classifyReply runs the AI on any text and changes nothing', async () => {
    const before = (await app.gql('{ inbox { nodes { id } } }', {}, owner.caller)).data?.inbox.nodes.length;
    const result = await app.gql('{ classifyReply(body: "Kitne ka padega? Rate bhejo") { intent language confidence reasoning } }', {}, owner.caller);
    expect(result.data?.classifyReply).toMatchObject({ intent: 'ASKING_PRICE', language: 'hinglish' });
    expect(result.data?.classifyReply.reasoning.length).toBeGreaterThan(5);
    expect((await app.gql('{ inbox { nodes { id } } }', {}, owner.caller)).data?.inbox.nodes.length).toBe(before);
  });

  it('classifyReply reads dates from receivedAt: the first day back, the next such date on or after it', async () => {
    const ask = (receivedAt: string) =>
      app.gql('query($b: String!, $r: DateTimeISO) { classifyReply(body: $b, receivedAt: $r) { intent returnDate } }', { b: 'On leave 9-13 March, back after that.', r: receivedAt }, owner.caller);
    expect((await ask('2026-03-05T10:00:00Z')).data?.classifyReply).toEqual({ intent: 'OUT_OF_OFFICE', returnDate: '2026-03-16' });
    expect((await ask('2026-12-20T10:00:00+05:30')).data?.classifyReply).toEqual({ intent: 'OUT_OF_OFFICE', returnDate: '2027-03-15' });
    const rollover = await app.gql('{ classifyReply(body: "Out of office till 3 Jan for the holidays", receivedAt: "2026-12-20T08:00:00Z") { returnDate } }', {}, owner.caller);
    expect(rollover.data?.classifyReply.returnDate).toBe('2027-01-04');
  });

  it('classifyReply refuses a receivedAt outside 2000-2100, naming the field', async () => {
    const refused = await app.gql('{ classifyReply(body: "back Monday", receivedAt: "1999-12-31T00:00:00Z") { intent } }', {}, owner.caller);
    expect(errorCode(refused)).toBe('VALIDATION');
    expect(JSON.stringify(refused.errors?.[0]?.extensions)).toContain('receivedAt');
  });
});

describe('suppression and limits', () => {
  it('an unsubscribed address never receives another message, by any path', async () => {
    const lead = await contacted({ email: 'never-again@clinic.in' });
    const outbox = (await app.gql('{ outbox { nodes { toAddress headers } } }', {}, owner.caller)).data?.outbox.nodes;
    const link = outbox.find((m: any) => m.toAddress === 'never-again@clinic.in').headers['List-Unsubscribe'].slice(1, -1);
    const confirm = await fetch(link);
    expect(await confirm.text()).toContain('Unsubscribe from these emails?');
    expect(await leadStatus(app, owner, lead.id)).toBe('CONTACTED');
    const oneClick = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    await waitForStatus(app, owner, lead.id, 'LOST');

    expect((await app.gql(`mutation { deleteLead(id: "${lead.id}") }`, {}, owner.caller)).data?.deleteLead).toBe(lead.id);
    const again = await createLead(app, owner.caller, { email: 'never-again@clinic.in' });
    const blocked = await eventually(async () => {
      const messages = (await app.gql(`{ lead(id: "${again.id}") { messages { nodes { status error } } } }`, {}, owner.caller)).data?.lead.messages.nodes;
      if (process.env.DEBUG_TEST) console.log(JSON.stringify(messages));
      return messages.find((m: any) => m.status === 'SUPPRESSED');
    }, 20_000, 'the send to be suppressed');
    expect(blocked.error).toContain('suppression list');
    expect(await leadStatus(app, owner, again.id)).toBe('NEW');
    const delivered = (await app.gql('{ outbox(first: 200) { nodes { toAddress } } }', {}, owner.caller)).data?.outbox.nodes.filter((m: any) => m.toAddress === 'never-again@clinic.in');
    expect(delivered).toHaveLength(1);
  });
});

describe('the other lead actions', () => {
  it('follow-ups, calls, client tasks, onboarding again and ticking tasks off, each only where the lifecycle allows it', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, false);
    const lead = await createLead(app, account.caller);
    // A call is booked up to five years ahead: next month, at 10:00 UTC.
    const at = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 15, 10)).toISOString();
    const call = await app.gql(`mutation { scheduleCall(leadId: "${lead.id}", at: "${at}") { id } }`, {}, account.caller);
    expect(call.errors?.[0]?.extensions?.code).toBe('ACTION_NOT_ALLOWED');

    await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, account.caller);
    await eventually(async () => (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { status } } } }`, {}, account.caller)).data?.lead.messages.nodes[0]?.status === 'DRAFT', 20_000, 'the draft');
    await app.gql(`mutation { sendOutreach(leadId: "${lead.id}") { id } }`, {}, account.caller);
    await waitForStatus(app, account, lead.id, 'CONTACTED');
    await app.gql(`mutation { sendFollowUp(leadId: "${lead.id}") { id } }`, {}, account.caller);
    const draft = await eventually(async () => (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { id purpose status subject } } } }`, {}, account.caller)).data?.lead.messages.nodes.find((m: any) => m.purpose === 'FOLLOW_UP' && m.status === 'DRAFT'), 20_000, 'the follow-up draft');
    expect(draft.subject).toMatch(/^Following up/);
    await app.gql(`mutation { sendDraft(messageId: "${draft.id}") { status } }`, {}, account.caller);
    await eventually(async () => (await app.gql('{ outbox { nodes { subject } } }', {}, account.caller)).data?.outbox.nodes.some((m: any) => m.subject === draft.subject), 20_000, 'the follow-up in the outbox');

    await app.gql(`mutation { markLeadInterested(id: "${lead.id}") { status } }`, {}, account.caller);
    const scheduled = await app.gql(`mutation { scheduleCall(leadId: "${lead.id}", at: "${at}", note: "Bring pricing") { id title dueAt kind } }`, {}, account.caller);
    expect(scheduled.data?.scheduleCall).toMatchObject({ kind: 'FOLLOW_UP', dueAt: at });
    expect(scheduled.data?.scheduleCall.title).toContain(`${at.slice(0, 10)} 10:00`);
    expect(errorCode(await app.gql(`mutation { createTask(leadId: "${lead.id}", title: "x") { id } }`, {}, account.caller))).toBe('ACTION_NOT_ALLOWED');
    const done = await app.gql(`mutation { completeTask(taskId: "${scheduled.data?.scheduleCall.id}") { status } }`, {}, account.caller);
    expect(done.data?.completeTask.status).toBe('DONE');
    expect(errorCode(await app.gql(`mutation { restartOnboarding(leadId: "${lead.id}") { id } }`, {}, account.caller))).toBe('ACTION_NOT_ALLOWED');
  });
});

describe('with the autopilot off, each step is a mutation', () => {
  it('generate → edit the draft → send → CONTACTED; forbidden actions are refused', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, false);
    const lead = await createLead(app, account.caller, { contactName: 'Dr. Rao' });
    expect(errorCode(await app.gql(`mutation { sendOutreach(leadId: "${lead.id}") { id } }`, {}, account.caller))).toBe('CONFLICT');
    const generated = await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id status } }`, {}, account.caller);
    const messageId = generated.data?.generateOutreach.id;
    await eventually(async () => (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { status } } } }`, {}, account.caller)).data?.lead.messages.nodes[0]?.status === 'DRAFT', 20_000, 'the draft');
    expect(await leadStatus(app, account, lead.id)).toBe('NEW');
    const edited = await app.gql(`mutation { updateMessageDraft(messageId: "${messageId}", subject: "A quick idea for your clinic", text: "Hi Dr. Rao,\\n\\nEdited by hand.") { subject status } }`, {}, account.caller);
    expect(edited.data?.updateMessageDraft).toEqual({ subject: 'A quick idea for your clinic', status: 'DRAFT' });
    expect(errorCode(await app.gql(`mutation { generateProposal(leadId: "${lead.id}") { id } }`, {}, account.caller))).toBe('ACTION_NOT_ALLOWED');
    await app.gql(`mutation { sendOutreach(leadId: "${lead.id}") { status } }`, {}, account.caller);
    await waitForStatus(app, account, lead.id, 'CONTACTED');
    const sent = (await app.gql('{ outbox { nodes { subject text } } }', {}, account.caller)).data?.outbox.nodes[0];
    expect(sent.subject).toBe('A quick idea for your clinic');
    expect(sent.text).toContain('Edited by hand.');
    expect(errorCode(await app.gql(`mutation { sendPaymentLink(leadId: "${lead.id}") { id } }`, {}, account.caller))).toBe('ACTION_NOT_ALLOWED');

    // An admin's override, then the proposal by hand: generate, edit the draft, send, send the link again.
    await app.gql(`mutation { markLeadInterested(id: "${lead.id}", reason: "called us") { status } }`, {}, account.caller);
    await app.gql(`mutation { generateProposal(leadId: "${lead.id}") { id } }`, {}, account.caller);
    const draft = await eventually(async () => (await app.gql(`{ lead(id: "${lead.id}") { proposal { id status version } } }`, {}, account.caller)).data?.lead.proposal, 20_000, 'the proposal draft');
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1 });
    const edited2 = await app.gql(`mutation { updateProposalDraft(proposalId: "${draft.id}", input: { title: "Clinic website", lineItems: [{ description: "Website", quantity: 1, unitAmount: 5000000 }, { description: "Reviews", quantity: 3, unitAmount: "100000" }] }) { title total { amount currency } } }`, {}, account.caller);
    expect(edited2.data?.updateProposalDraft).toEqual({ title: 'Clinic website', total: { amount: '5300000', currency: 'INR' } });
    expect(errorCode(await app.gql(`mutation { updateProposalDraft(proposalId: "${draft.id}", input: { lineItems: [] }) { id } }`, {}, account.caller))).toBe('VALIDATION');
    await app.gql(`mutation { sendProposal(proposalId: "${draft.id}") { id } }`, {}, account.caller);
    await waitForStatus(app, account, lead.id, 'PROPOSAL_SENT');
    const proposalMail = (await app.gql('{ outbox { nodes { subject text } } }', {}, account.caller)).data?.outbox.nodes.find((m: any) => m.subject === 'Proposal: Clinic website');
    expect(proposalMail.text).toContain('53,000');
    expect(proposalMail.text).toMatch(/\/pay\/[A-Za-z0-9_-]{32,}/);
    expect(errorCode(await app.gql(`mutation { updateProposalDraft(proposalId: "${draft.id}", input: { title: "Too late" }) { id } }`, {}, account.caller))).toBe('CONFLICT');
    await app.gql(`mutation { sendPaymentLink(leadId: "${lead.id}") { id } }`, {}, account.caller);
    await eventually(async () => (await app.gql('{ outbox { nodes { subject } } }', {}, account.caller)).data?.outbox.nodes.some((m: any) => m.subject === 'Your link for Clinic website'), 20_000, 'the payment link email');
  });
});
