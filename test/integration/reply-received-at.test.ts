import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

vi.setConfig({ testTimeout: 60_000 });

/**
 * The product's own path: a stored reply is classified against the day it ARRIVED (its stored time),
 * not the day the job runs, and our sender address is never taken for a referral. No workers run,
 * so the reply can be given an arrival time in the past before it is classified.
 */
let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  app = await startTestGateway({}, { workers: false });
  owner = await signup(app);
  await setUpAutopilot(app, owner, false);
});
afterAll(() => app.close());

/** A reply stored as arriving at `receivedAt`, then classified by the reply service as its job would. */
async function classifiedReply(body: string, receivedAt: string | null) {
  const lead = await createLead(app, owner.caller);
  const stored = await app.gql(`mutation($l: ID!, $b: String!) { simulateInboundReply(leadId: $l, body: $b) { id } }`, { l: lead.id, b: body }, owner.caller);
  const messageId = stored.data?.simulateInboundReply.id as string;
  if (receivedAt) await (await app.database.ownerClient()).query('update messages set created_at = $2 where id = $1', [messageId, receivedAt]);
  await app.services.autopilot(owner.tenantId, owner.agencyId).replies.classify(messageId);
  const nodes = (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { id classification { intent returnDate referral { name email } } } } } }`, {}, owner.caller)).data?.lead.messages.nodes;
  return nodes.find((node: any) => node.id === messageId).classification;
}

describe('classifying a stored reply', () => {
  it('reads its dates from the day it arrived: "on leave 9-13 March" received on 5 March 2026 is back Monday 16 March 2026', async () => {
    expect(await classifiedReply('I am on leave 9-13 March with no access to email.', '2026-03-05T10:00:00Z')).toMatchObject({ intent: 'OUT_OF_OFFICE', returnDate: '2026-03-16' });
    // The same words arriving after that March mean the next one.
    expect(await classifiedReply('I am on leave 9-13 March with no access to email.', '2026-03-20T10:00:00Z')).toMatchObject({ intent: 'OUT_OF_OFFICE', returnDate: '2027-03-15' });
  });

  it('never refers the lead to our own sender address', async () => {
    const classification = await classifiedReply('Wrong person. I got this from asha@growth.example, please write to meera@smileclinic.example.in instead.', null);
    expect(classification).toMatchObject({ intent: 'WRONG_PERSON', referral: { name: null, email: 'meera@smileclinic.example.in' } });
  });
});
