import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createLead, forceStatus, signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
});
afterAll(() => app.close());

const interested = (id: string, reason = 'called back, wants pricing') =>
  app.gql(`mutation($id: ID!, $reason: String) { markLeadInterested(id: $id, reason: $reason) { status allowedActions } }`, { id, reason }, owner.caller);
const close = (id: string, caller = owner.caller) => app.gql(`mutation($id: ID!) { closeLead(id: $id, reason: "no budget") { status } }`, { id }, caller);

describe('manual moves through the API', () => {
  it('an admin overrides CONTACTED → INTERESTED; the move is recorded with actor, trigger and reason', async () => {
    const lead = await createLead(app, owner.caller);
    await forceStatus(app, lead.id, ['CONTACTED']);
    const moved = await interested(lead.id);
    expect(moved.data?.markLeadInterested).toEqual({ status: 'INTERESTED', allowedActions: ['GENERATE_PROPOSAL', 'SEND_PROPOSAL', 'SCHEDULE_CALL', 'EDIT', 'ADD_NOTE', 'CLOSE_AS_LOST'] });
    const history = await app.gql(`{ history(leadId: "${lead.id}") { entries { kind fromStatus toStatus trigger reason actor { type id } createdAt } } }`, {}, owner.caller);
    const transition = history.data?.history.entries.find((e: { kind: string }) => e.kind === 'TRANSITION');
    expect(transition).toMatchObject({ fromStatus: 'CONTACTED', toStatus: 'INTERESTED', trigger: 'MANUAL_OVERRIDE', reason: 'called back, wants pricing', actor: { type: 'USER', id: owner.userId } });
  });

  it('every illegal move is ILLEGAL_TRANSITION naming the state and what it allows', async () => {
    const lead = await createLead(app, owner.caller);
    const fromNew = await interested(lead.id);
    expect(errorCode(fromNew)).toBe('ILLEGAL_TRANSITION');
    expect(fromNew.errors?.[0]?.message).toContain('from NEW to INTERESTED');
    expect(fromNew.errors?.[0]?.message).toContain('allowed actions: GENERATE_OUTREACH, SEND_OUTREACH, EDIT, ADD_NOTE, DELETE, CLOSE_AS_LOST');
    expect(fromNew.errors?.[0]?.extensions).toMatchObject({ status: 'NEW', allowedActions: expect.arrayContaining(['CLOSE_AS_LOST']) });

    const paid = await createLead(app, owner.caller);
    await forceStatus(app, paid.id, ['CONTACTED', 'INTERESTED', 'PROPOSAL_SENT', 'PAID']);
    const closePaid = await close(paid.id);
    expect(errorCode(closePaid)).toBe('ILLEGAL_TRANSITION');
    expect(closePaid.errors?.[0]?.message).toContain('The lead is PAID');

    expect((await close(lead.id)).data?.closeLead.status).toBe('LOST');
    const twice = await close(lead.id);
    expect(errorCode(twice)).toBe('ILLEGAL_TRANSITION');
    expect(twice.errors?.[0]?.message).toContain('already LOST');
    expect(errorCode(await interested(lead.id))).toBe('ILLEGAL_TRANSITION');
  });

  it('closing works from every open state', async () => {
    const paths = [[], ['CONTACTED'], ['CONTACTED', 'INTERESTED'], ['CONTACTED', 'INTERESTED', 'PROPOSAL_SENT']];
    for (const path of paths) {
      const lead = await createLead(app, owner.caller);
      await forceStatus(app, lead.id, path);
      expect((await close(lead.id)).data?.closeLead.status, path.join('>')).toBe('LOST');
    }
  });

  it('members cannot override the lifecycle; the override is an admin\'s', async () => {
    const { token } = await addUser(app, owner, { role: 'MEMBER', tenantIds: [owner.tenantId] });
    const lead = await createLead(app, owner.caller);
    await forceStatus(app, lead.id, ['CONTACTED']);
    const member = { token, tenantId: owner.tenantId };
    const result = await app.gql(`mutation { markLeadInterested(id: "${lead.id}") { status } }`, {}, member);
    expect(errorCode(result)).toBe('FORBIDDEN');
    const seen = await app.gql(`{ lead(id: "${lead.id}") { allowedActions } }`, {}, member);
    expect(seen.data?.lead.allowedActions).not.toContain('MARK_INTERESTED');
    expect((await close(lead.id, member)).data?.closeLead.status).toBe('LOST');
  });
});

describe('concurrent moves', () => {
  it('ten simultaneous closes of one lead: one wins, nine get a typed error, one transition recorded', async () => {
    const lead = await createLead(app, owner.caller);
    await forceStatus(app, lead.id, ['CONTACTED']);
    const results = await Promise.all(Array.from({ length: 10 }, () => close(lead.id)));
    expect(results.filter((r) => r.data?.closeLead?.status === 'LOST')).toHaveLength(1);
    const codes = results.filter((r) => r.errors).map(errorCode);
    expect(codes).toHaveLength(9);
    for (const code of codes) expect(['ILLEGAL_TRANSITION', 'CONFLICT']).toContain(code);
    const history = await app.gql(`{ history(leadId: "${lead.id}") { entries { kind } } }`, {}, owner.caller);
    expect(history.data?.history.entries.filter((e: { kind: string }) => e.kind === 'TRANSITION')).toHaveLength(1);
  });

  it('an override racing a close: exactly one happens and the history matches the final state', async () => {
    for (let round = 0; round < 5; round += 1) {
      const lead = await createLead(app, owner.caller);
      await forceStatus(app, lead.id, ['CONTACTED']);
      const [a, b] = await Promise.all([interested(lead.id), close(lead.id)]);
      const final = (await app.gql(`{ lead(id: "${lead.id}") { status } history(leadId: "${lead.id}") { entries { kind fromStatus toStatus } } }`, {}, owner.caller)).data;
      const transitions = final?.history.entries.filter((e: { kind: string }) => e.kind === 'TRANSITION');
      if (a.data && b.data) {
        // Override first, then close from INTERESTED: both legal, in that order.
        expect(transitions.map((t: { toStatus: string }) => t.toStatus)).toEqual(['INTERESTED', 'LOST']);
      } else {
        expect(transitions).toHaveLength(1);
      }
      expect(transitions.at(-1).toStatus).toBe(final?.lead.status);
      expect(transitions[0].fromStatus).toBe('CONTACTED');
    }
  });
});

describe('notes and history', () => {
  it('one chronological timeline of creation, edits, notes and transitions, paged', async () => {
    const lead = await createLead(app, owner.caller);
    await app.gql(`mutation { updateLead(id: "${lead.id}", input: { city: "Kota" }) { id } }`, {}, owner.caller);
    const note = await app.gql(`mutation { addNote(leadId: "${lead.id}", body: "  Prefers WhatsApp  ") { kind data actor { name } } }`, {}, owner.caller);
    expect(note.data?.addNote).toEqual({ kind: 'NOTE', data: { body: 'Prefers WhatsApp' }, actor: { name: 'Owner' } });
    await close(lead.id);
    await app.gql(`mutation { addNote(leadId: "${lead.id}", body: "closed after call") { id } }`, {}, owner.caller);
    const all = await app.gql(`{ history(leadId: "${lead.id}") { entries { kind createdAt } } }`, {}, owner.caller);
    const kinds = all.data?.history.entries.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['CREATED', 'UPDATED', 'NOTE', 'TRANSITION', 'NOTE']);
    const times = all.data?.history.entries.map((e: { createdAt: string }) => Date.parse(e.createdAt));
    expect([...times].sort((x, y) => x - y)).toEqual(times);

    const first = await app.gql(`{ history(leadId: "${lead.id}", first: 2) { entries { kind } pageInfo { hasNextPage endCursor } } }`, {}, owner.caller);
    expect(first.data?.history.pageInfo.hasNextPage).toBe(true);
    const rest = await app.gql(`query($after: String) { history(leadId: "${lead.id}", first: 10, after: $after) { entries { kind } } }`, { after: first.data?.history.pageInfo.endCursor }, owner.caller);
    expect([...first.data?.history.entries, ...rest.data?.history.entries].map((e: { kind: string }) => e.kind)).toEqual(kinds);
    expect(errorCode(await app.gql(`mutation { addNote(leadId: "${lead.id}", body: "   ") { id } }`, {}, owner.caller))).toBe('VALIDATION');
  });
});

describe('moveLead: a card dropped on a board column', () => {
  const move = (id: string, to: string) => app.gql(`mutation { moveLead(id: "${id}", to: ${to}) { status } }`, {}, owner.caller);

  it('does the manual moves and refuses the others with the reason', async () => {
    const lead = await createLead(app, owner.caller);
    const toPaid = await move(lead.id, 'PAID');
    expect(errorCode(toPaid)).toBe('ILLEGAL_TRANSITION');
    expect(toPaid.errors?.[0]?.message).toContain('The lead is NEW');
    const toContacted = await move(lead.id, 'CONTACTED');
    expect(errorCode(toContacted)).toBe('ACTION_NOT_ALLOWED');
    expect(toContacted.errors?.[0]?.message).toContain('first outreach');
    expect(errorCode(await move(lead.id, 'NEW'))).toBe('ILLEGAL_TRANSITION');

    await forceStatus(app, lead.id, ['CONTACTED']);
    expect((await move(lead.id, 'INTERESTED')).data?.moveLead.status).toBe('INTERESTED');
    const toProposal = await move(lead.id, 'PROPOSAL_SENT');
    expect(errorCode(toProposal)).toBe('ACTION_NOT_ALLOWED');
    expect(toProposal.errors?.[0]?.message).toContain('proposal is sent');
    expect((await move(lead.id, 'LOST')).data?.moveLead.status).toBe('LOST');
  });
});
