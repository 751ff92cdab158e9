import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { history, leadStatus, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000 });

/** Money for a proposal that is no longer open is never lost, and the checkout page takes none. */
const SECRET = 'whsec_closed_payments_0123456789';
let app: TestGateway;
let owner: Account;

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await app.gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${SECRET}") }`, {}, owner.caller);
  await setUpAutopilot(app, owner, true);
});
afterAll(() => app.close());

async function leadWithProposal(name: string) {
  const lead = await createLead(app, owner.caller, { businessName: name });
  await waitForStatus(app, owner, lead.id, 'CONTACTED');
  await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Interested! What does it cost?") { id } }`, {}, owner.caller);
  await waitForStatus(app, owner, lead.id, 'PROPOSAL_SENT');
  const proposal = (await app.gql(`{ lead(id: "${lead.id}") { proposal { id paymentUrl total { amount } } } }`, {}, owner.caller)).data?.lead.proposal;
  return { lead, proposal: { id: proposal.id as string, total: proposal.total.amount as string, url: proposal.paymentUrl as string } };
}

function postPayment(eventId: string, leadId: string, proposal: { id: string; total: string }) {
  const payload = JSON.stringify({
    id: eventId, object: 'event', created: Math.floor(Date.now() / 1000), livemode: false, type: 'checkout.session.completed',
    data: { object: { id: `cs_${eventId}`, object: 'checkout.session', amount_total: Number(proposal.total), currency: 'inr', payment_status: 'paid', payment_intent: `pi_${eventId}`, metadata: { tenantId: owner.tenantId, leadId, proposalId: proposal.id } } },
  });
  return fetch(`${app.url}/webhooks/stripe/${owner.tenantId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) }, body: payload });
}

const paymentEvent = async (eventId: string) =>
  (await (await app.database.ownerClient()).query('select outcome, reason from payment_events where tenant_id = $1 and event_id = $2', [owner.tenantId, eventId])).rows[0];
const jobsOf = async (eventId: string) =>
  (await (await app.database.ownerClient()).query("select state, start_after > now() as later from pgboss.job where name = 'payment.confirmed' and data->>'eventId' = $1", [eventId])).rows as Array<{ state: string; later: boolean }>;

describe('a verified payment for a lead closed as lost', () => {
  it('is held, not lost: recorded, on the timeline, a task for a person; no client, no failing job', async () => {
    const { lead, proposal } = await leadWithProposal('Lost Payer Clinic');
    expect((await app.gql(`mutation { closeLead(id: "${lead.id}", reason: "went quiet") { status } }`, {}, owner.caller)).data?.closeLead.status).toBe('LOST');
    const answer = await postPayment('evt_lost_1', lead.id, proposal);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ received: true, duplicate: false });

    expect(await leadStatus(app, owner, lead.id)).toBe('LOST');
    expect(await paymentEvent('evt_lost_1')).toEqual({ outcome: 'held', reason: expect.stringMatching(/not applied: the lead is closed as lost/) });
    const payment = (await history(app, owner, lead.id)).find((entry) => entry.kind === 'PAYMENT');
    expect(payment?.reason).toMatch(/^Payment of ₹[\d,.]+ received \(evt_lost_1\) but not applied: the lead is closed as lost\. Reopen it to apply the payment/);
    const tasks = (await app.gql(`{ lead(id: "${lead.id}") { tasks { nodes { kind title status } } } }`, {}, owner.caller)).data?.lead.tasks.nodes;
    expect(tasks).toContainEqual({ kind: 'FOLLOW_UP', title: expect.stringMatching(/^Payment received for a lead closed as lost: reopen it or refund/), status: 'OPEN' });
    expect((await app.gql('{ clients { nodes { leadId } } }', {}, owner.caller)).data?.clients.nodes.map((c: { leadId: string }) => c.leadId)).not.toContain(lead.id);
    // It is looked at again later (a reopen applies it), never retried into a dead letter.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const jobs = await jobsOf('evt_lost_1');
    expect(jobs.filter((job) => ['failed', 'retry'].includes(job.state))).toEqual([]);
    expect(jobs).toContainEqual({ state: 'created', later: true });

    // The same event again is a duplicate: one task, one entry.
    expect(await (await postPayment('evt_lost_1', lead.id, proposal)).json()).toEqual({ received: true, duplicate: true });
    const again = (await app.gql(`{ lead(id: "${lead.id}") { tasks { nodes { title } } } }`, {}, owner.caller)).data?.lead.tasks.nodes;
    expect(again.filter((task: { title: string }) => task.title.startsWith('Payment received'))).toHaveLength(1);

    // Reopened by a person (back to PROPOSAL_SENT, as reopenLead does), the next look applies it: PAID, onboarding, the task done.
    const db = await app.database.ownerClient();
    // (This branch has no reopenLead: the move back is made in SQL, past the lifecycle trigger, as a superuser.)
    await db.query('begin');
    await db.query('set local session_replication_role = replica');
    await db.query("update leads set status = 'PROPOSAL_SENT' where id = $1", [lead.id]);
    await db.query('commit');
    expect(await app.services.autopilot(owner.tenantId).payments.confirm('stripe', 'evt_lost_1')).toBe('paid');
    expect(await leadStatus(app, owner, lead.id)).toBe('PAID');
    expect(await paymentEvent('evt_lost_1')).toEqual({ outcome: 'paid', reason: null });
    const done = (await app.gql(`{ lead(id: "${lead.id}") { tasks { nodes { title status } } } }`, {}, owner.caller)).data?.lead.tasks.nodes;
    expect(done.find((task: { title: string }) => task.title.startsWith('Payment received'))?.status).toBe('DONE');
    await eventually(async () => (await app.gql('{ clients { nodes { leadId } } }', {}, owner.caller)).data?.clients.nodes.some((c: { leadId: string }) => c.leadId === lead.id), 30_000, 'the client record');
    // A look after that finds nothing to do.
    await expect(app.services.autopilot(owner.tenantId).payments.confirm('stripe', 'evt_lost_1')).rejects.toThrow(/is paid/);
  });
});

describe('the offline checkout page of a proposal that is not open', () => {
  it('takes no payment and says why: the lead is lost, the proposal was replaced or expired, payments are switched off', async () => {
    const db = await app.database.ownerClient();
    const count = async () => (await db.query('select count(*)::int as n from payment_events where tenant_id = $1', [owner.tenantId])).rows[0].n as number;
    const { lead, proposal } = await leadWithProposal('Closed Checkout Gym');
    expect((await fetch(proposal.url)).status).toBe(200);

    await db.query("update proposals set valid_until = current_date - 1 where id = $1", [proposal.id]);
    const expired = await fetch(proposal.url, { method: 'POST' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/expired on \d{4}-\d{2}-\d{2}\. Nothing was charged/);
    await db.query("update proposals set valid_until = current_date + 14, status = 'superseded' where id = $1", [proposal.id]);
    expect(await (await fetch(proposal.url)).text()).toMatch(/replaced by a newer one/);
    await db.query("update proposals set status = 'sent' where id = $1", [proposal.id]);

    await app.gql(`mutation { closeLead(id: "${lead.id}", reason: "chose another agency") { status } }`, {}, owner.caller);
    const before = await count();
    const page = await fetch(proposal.url);
    expect(page.status).toBe(410);
    const text = await page.text();
    expect(text).toMatch(/This proposal is closed/);
    expect(text).not.toMatch(/<form|Pay ₹/);
    const post = await fetch(proposal.url, { method: 'POST' });
    expect(post.status).toBe(410);
    expect(await post.text()).not.toMatch(/welcome email/);
    expect(await count()).toBe(before);
    expect(await leadStatus(app, owner, lead.id)).toBe('LOST');
  });

  it('says "received", not "confirmed", unless the lead is PAID; with the signing secret removed it takes nothing', async () => {
    const { lead, proposal } = await leadWithProposal('Secretless Salon');
    await app.gql('mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: null) }', {}, owner.caller);
    const off = await fetch(proposal.url, { method: 'POST' });
    expect(off.status).toBe(503);
    expect(await off.text()).toMatch(/not available right now/);
    await app.gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${SECRET}") }`, {}, owner.caller);
    const paid = await fetch(proposal.url, { method: 'POST' });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toMatch(/is confirmed\. A welcome email/);
    expect(await leadStatus(app, owner, lead.id)).toBe('PAID');
  });
});
