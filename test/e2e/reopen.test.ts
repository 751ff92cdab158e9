import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor, type TenantContext } from '../../core/context.ts';
import { addTeamMember, createLead, forceStatus, signup, type Account } from '../support/factories.ts';
import { history, leadStatus, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { errorCode, startTestGateway, type Caller, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000 });

let app: TestGateway;
let owner: Account;
let member: Caller;
let viewer: Caller;

async function user(role: 'MEMBER' | 'VIEWER'): Promise<Caller> {
  return (await addTeamMember(app, owner, role)).caller;
}

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await setUpAutopilot(app, owner, true);
  member = await user('MEMBER');
  viewer = await user('VIEWER');
});
afterAll(() => app.close());

const LEAD = 'status lostFrom allowedActions';
const read = async (id: string, caller: Caller = owner.caller) => (await app.gql(`{ lead(id: "${id}") { ${LEAD} } }`, {}, caller)).data?.lead;
const reopen = (id: string, reason: string, caller: Caller = owner.caller) => app.gql(`mutation($id: ID!, $r: String!) { reopenLead(id: $id, reason: $r) { ${LEAD} } }`, { id, r: reason }, caller);
const close = (id: string) => app.gql(`mutation($id: ID!) { closeLead(id: $id, reason: "no budget") { status } }`, { id }, owner.caller);
const reply = (leadId: string, body: string) => app.gql(`mutation($l: ID!, $b: String!) { simulateInboundReply(leadId: $l, body: $b) { id } }`, { l: leadId, b: body }, owner.caller);
const correct = (messageId: string, intent: string, caller: Caller = owner.caller) =>
  app.gql(`mutation($m: ID!, $i: ReplyIntent!) { correctReplyClassification(messageId: $m, intent: $i) { classification { intent corrected } } }`, { m: messageId, i: intent }, caller);
const suppressed = (address: string) => app.services.autopilot(owner.tenantId).uow.run((tx) => tx.records.isSuppressed(address));
const moves = async (id: string) => (await history(app, owner, id)).filter((e) => e.kind === 'TRANSITION').map((e) => `${e.fromStatus}>${e.toStatus}:${e.trigger}`);

/** A lead the autopilot contacted, whose reply has been classified and acted on. */
async function replied(body: string, until: string): Promise<{ id: string; email: string; messageId: string }> {
  const lead = await createLead(app, owner.caller);
  await waitForStatus(app, owner, lead.id, 'CONTACTED');
  const { data } = await reply(lead.id, body);
  await waitForStatus(app, owner, lead.id, until);
  return { id: lead.id, email: lead.email, messageId: data?.simulateInboundReply.id as string };
}

describe('reopening a lead a user closed', () => {
  it('an owner reopens it with a reason, back to where it was lost from; the move is a REOPENED transition', async () => {
    const lead = await createLead(app, owner.caller, { email: null, phone: '98111 22334' });
    await forceStatus(app, lead.id, ['CONTACTED', 'INTERESTED']);
    await close(lead.id);
    expect(await read(lead.id)).toEqual({ status: 'LOST', lostFrom: 'INTERESTED', allowedActions: ['REOPEN', 'ADD_NOTE', 'DELETE'] });

    const noReason = await reopen(lead.id, '   ');
    expect(errorCode(noReason)).toBe('VALIDATION');
    expect(noReason.errors?.[0]?.extensions?.fields).toEqual([{ field: 'reason', message: 'is required: say why the lead is reopened' }]);

    expect((await reopen(lead.id, 'They called back: budget approved')).data?.reopenLead).toEqual({ status: 'INTERESTED', lostFrom: null, allowedActions: expect.arrayContaining(['GENERATE_PROPOSAL', 'CLOSE_AS_LOST']) });
    const last = (await history(app, owner, lead.id)).filter((e) => e.kind === 'TRANSITION').at(-1);
    expect(last).toMatchObject({ fromStatus: 'LOST', toStatus: 'INTERESTED', trigger: 'REOPENED', reason: 'They called back: budget approved' });

    const again = await reopen(lead.id, 'twice');
    expect(errorCode(again)).toBe('ILLEGAL_TRANSITION');
    expect(again.errors?.[0]?.message).toContain('only a lost lead can be reopened, and this lead is INTERESTED');
  });

  it('members and viewers see no REOPEN and are refused; the lead stays LOST', async () => {
    const lead = await createLead(app, owner.caller, { email: null, phone: '98111 22335' });
    await close(lead.id);
    for (const caller of [member, viewer]) {
      expect((await read(lead.id, caller)).allowedActions).not.toContain('REOPEN');
      expect(errorCode(await reopen(lead.id, 'please', caller))).toBe('FORBIDDEN');
    }
    expect(await leadStatus(app, owner, lead.id)).toBe('LOST');
  });

  it('a board drop on the column it was lost from is a reopen (with a reason); any other column is refused with where it can go', async () => {
    const lead = await createLead(app, owner.caller, { email: null, phone: '98111 22336' });
    await forceStatus(app, lead.id, ['CONTACTED']);
    await close(lead.id);
    const elsewhere = await app.gql(`mutation($id: ID!) { moveLead(id: $id, to: INTERESTED, reason: "x") { status } }`, { id: lead.id }, owner.caller);
    expect(errorCode(elsewhere)).toBe('ILLEGAL_TRANSITION');
    expect(elsewhere.errors?.[0]?.message).toContain('only to the status it was lost from (CONTACTED)');
    expect(errorCode(await app.gql(`mutation($id: ID!) { moveLead(id: $id, to: CONTACTED) { status } }`, { id: lead.id }, owner.caller))).toBe('VALIDATION');
    const dropped = await app.gql(`mutation($id: ID!) { moveLead(id: $id, to: CONTACTED, reason: "Dropped back by mistake") { status } }`, { id: lead.id }, owner.caller);
    expect(dropped.data?.moveLead.status).toBe('CONTACTED');
  });

  it('a hard bounce closes for good: no REOPEN, and reopenLead says why', async () => {
    const lead = await createLead(app, owner.caller, { email: null, phone: '98111 22337' });
    await forceStatus(app, lead.id, ['CONTACTED']);
    const ctx: TenantContext = { agencyId: owner.agencyId, tenantId: owner.tenantId, role: 'owner', userId: null, actor: systemActor('channel'), defaultCountry: 'IN' };
    await app.services.leads(ctx).transition(ctx, lead.id, 'LOST', 'HARD_BOUNCE', 'mailbox does not exist');
    expect(await read(lead.id)).toEqual({ status: 'LOST', lostFrom: 'CONTACTED', allowedActions: ['ADD_NOTE', 'DELETE'] });
    const refused = await reopen(lead.id, 'try again');
    expect(errorCode(refused)).toBe('ACTION_NOT_ALLOWED');
    expect(refused.errors?.[0]?.message).toBe('This lead cannot be reopened: its email address bounced (a hard bounce), so it cannot be reopened.');
  });

  it('the recipient\'s own unsubscribe link closes for good, and keeps closed a lead a user had closed', async () => {
    const byLink = await createLead(app, owner.caller);
    await waitForStatus(app, owner, byLink.id, 'CONTACTED');
    const page = await fetch(app.services.links.unsubscribeUrl(owner.tenantId, byLink.id), { method: 'POST' });
    expect(page.status).toBe(200);
    expect(await read(byLink.id)).toMatchObject({ status: 'LOST', allowedActions: ['ADD_NOTE', 'DELETE'] });
    expect((await reopen(byLink.id, 'x')).errors?.[0]?.message).toContain('the recipient unsubscribed with the link in an email');

    const closedFirst = await createLead(app, owner.caller);
    await waitForStatus(app, owner, closedFirst.id, 'CONTACTED');
    await close(closedFirst.id);
    expect((await read(closedFirst.id)).allowedActions).toContain('REOPEN');
    await fetch(app.services.links.unsubscribeUrl(owner.tenantId, closedFirst.id), { method: 'POST' });
    expect((await read(closedFirst.id)).allowedActions).toEqual(['ADD_NOTE', 'DELETE']);
    const refused = await reopen(closedFirst.id, 'x');
    expect(errorCode(refused)).toBe('ACTION_NOT_ALLOWED');
    expect(refused.errors?.[0]?.message).toContain(`${closedFirst.email} unsubscribed with the link in an email`);
  });
});

describe('a wrong classification is undone by its correction', () => {
  it('"not interested" closed it: the owner\'s correction reopens it and the new intent moves it on; a member cannot', async () => {
    const lead = await replied('No thanks, we are not interested.', 'LOST');
    expect(await moves(lead.id)).toEqual(['NEW>CONTACTED:OUTREACH_SENT', 'CONTACTED>LOST:NOT_INTERESTED']);
    expect((await read(lead.id)).allowedActions).toContain('REOPEN');

    const byMember = await correct(lead.messageId, 'INTERESTED', member);
    expect(errorCode(byMember)).toBe('FORBIDDEN');
    expect(byMember.errors?.[0]?.message).toContain('only an owner or admin may do');
    expect(await leadStatus(app, owner, lead.id)).toBe('LOST');

    expect((await correct(lead.messageId, 'INTERESTED')).data?.correctReplyClassification.classification).toEqual({ intent: 'INTERESTED', corrected: true });
    await waitForStatus(app, owner, lead.id, 'PROPOSAL_SENT');
    expect(await moves(lead.id)).toEqual([
      'NEW>CONTACTED:OUTREACH_SENT', 'CONTACTED>LOST:NOT_INTERESTED', 'LOST>CONTACTED:REOPENED', 'CONTACTED>INTERESTED:REPLY_INTERESTED', 'INTERESTED>PROPOSAL_SENT:PROPOSAL_SENT',
    ]);
    const reopened = (await history(app, owner, lead.id)).find((e) => e.trigger === 'REOPENED');
    expect(reopened?.reason).toBe('Classification corrected to interested (was not_interested)');
  });

  it('"unsubscribe" closed it and suppressed the address: the correction reopens it and lifts the suppression', async () => {
    const lead = await replied('Please unsubscribe me from your list.', 'LOST');
    expect((await moves(lead.id)).at(-1)).toBe('CONTACTED>LOST:ASKED_TO_UNSUBSCRIBE');
    expect(await suppressed(lead.email)).toBe(true);
    await correct(lead.messageId, 'QUESTION');
    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    expect(await suppressed(lead.email)).toBe(false);
    expect((await history(app, owner, lead.id)).some((e) => e.kind === 'TASK')).toBe(true); // the question's task
  });

  it('an owner\'s reopen of a lead an "unsubscribe" reply closed lifts that suppression too', async () => {
    const lead = await replied('unsubscribe', 'LOST');
    expect(await suppressed(lead.email)).toBe(true);
    const result = await reopen(lead.id, 'They asked to stay on the list by phone');
    expect(result.data?.reopenLead.status).toBe('CONTACTED');
    expect(await suppressed(lead.email)).toBe(false);
    const entry = (await history(app, owner, lead.id)).find((e) => e.trigger === 'REOPENED');
    expect(entry?.data.liftedSuppressions).toEqual([lead.email]);
  });

  it('a correction of a reply that did not close the lead does not reopen it', async () => {
    const lead = await replied('Not interested, thanks.', 'LOST');
    const other = (await reply(lead.id, 'Also, who gave you my address?')).data?.simulateInboundReply.id as string;
    await eventually(async () => (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { id classification { intent } } } } }`, {}, owner.caller)).data?.lead.messages.nodes.find((m: { id: string; classification: unknown }) => m.id === other)?.classification, 20_000, 'the second reply classified');
    await correct(other, 'INTERESTED');
    expect(await leadStatus(app, owner, lead.id)).toBe('LOST');
  });

  it('when the recipient has since used the unsubscribe link, the correction is kept but the lead stays LOST, and the timeline says why', async () => {
    const lead = await replied('We are not interested.', 'LOST');
    await fetch(app.services.links.unsubscribeUrl(owner.tenantId, lead.id), { method: 'POST' });
    const result = await correct(lead.messageId, 'INTERESTED');
    expect(result.data?.correctReplyClassification.classification.intent).toBe('INTERESTED');
    expect(await leadStatus(app, owner, lead.id)).toBe('LOST');
    const note = (await history(app, owner, lead.id)).find((e) => e.kind === 'NOTE' && String(e.reason).startsWith('Not reopened'));
    expect(note?.reason).toContain('unsubscribed with the link');
  });
});

describe('moving a lead forward by a person is an owner\'s or admin\'s call, by every path', () => {
  it('a member cannot correct a reply to buying intent while it would mark the lead interested, nor simulate a reply', async () => {
    const lead = await createLead(app, owner.caller, { email: 'ooo-member@clinic.example.in' });
    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    const replied = await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "I am out of office until Monday.") { id } }`, {}, owner.caller);
    const messageId = replied.data?.simulateInboundReply.id as string;
    const corrected = await app.gql(`mutation { correctReplyClassification(messageId: "${messageId}", intent: INTERESTED) { id } }`, {}, member);
    expect(corrected.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCESS' });
    const simulated = await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Yes, interested!") { id } }`, {}, member);
    expect(simulated.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCESS' });
    expect(await leadStatus(app, owner, lead.id)).toBe('CONTACTED');
    // A member may still correct to what moves nothing.
    expect((await app.gql(`mutation { correctReplyClassification(messageId: "${messageId}", intent: QUESTION) { id } }`, {}, member)).errors).toBeUndefined();
  });
});
