import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 90_000 });
import { createLead, signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually, inboundReply } from '../support/multipart.ts';

let app: TestGateway;
let owner: Account;
let inboundUrl: string;
const WEBHOOK_SECRET = 'whsec_test_funnel_secret_0123456789';

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await app.gql('mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { id } }', { s: [
    { name: 'Website redesign for clinics', description: 'A fast, mobile-first website with online booking', priceMin: 4_500_000, priceMax: 6_000_000, currency: 'INR' },
    { name: 'Google reviews programme', description: 'Monthly review requests and replies', priceMin: 1_200_000, currency: 'INR' },
  ] }, owner.caller);
  await app.gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${WEBHOOK_SECRET}") }`, {}, owner.caller);
  const settings = await app.gql(`mutation { updateAutopilotSettings(input: { autopilot: true, sender: { name: "Asha", email: "asha@growth.example", company: "Growth Co", pitch: "build websites that bring patients in" } }) { autopilot inboundWebhookUrl stripeWebhookUrl } }`, {}, owner.caller);
  expect(settings.data?.updateAutopilotSettings.autopilot).toBe(true);
  inboundUrl = settings.data?.updateAutopilotSettings.inboundWebhookUrl;
});
afterAll(() => app.close());

const leadState = async (id: string) => (await app.gql(`{ lead(id: "${id}") { status } }`, {}, owner.caller)).data?.lead.status as string;
const waitFor = (id: string, status: string) => eventually(async () => (await leadState(id)) === status, 30_000, `lead ${id} to be ${status}`);

function signedStripeEvent(input: { id: string; tenantId: string; leadId: string; proposalId: string; amount: number; currency: string; type?: string }) {
  const payload = JSON.stringify({
    id: input.id, object: 'event', api_version: '2025-01-27', created: Math.floor(Date.now() / 1000), livemode: false, type: input.type ?? 'checkout.session.completed',
    data: { object: { id: `cs_test_${input.id}`, object: 'checkout.session', amount_total: input.amount, currency: input.currency.toLowerCase(), payment_status: 'paid', status: 'complete', payment_intent: `pi_${input.id}`, metadata: { tenantId: input.tenantId, leadId: input.leadId, proposalId: input.proposalId } } },
  });
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) };
}

describe('the autopilot funnel, end to end over HTTP', () => {
  it('NEW → CONTACTED → INTERESTED → PROPOSAL_SENT → PAID → onboarding, each step once', async () => {
    const lead = await createLead(app, owner.caller, { businessName: 'Sharma Dental Clinic', contactName: 'Dr. Sharma', email: 'dr.sharma@sharmadental.in', city: 'Jaipur', industry: 'Dental' });
    await waitFor(lead.id, 'CONTACTED');

    const outbox = (await app.gql('{ outbox { nodes { messageId toAddress subject text headers } } }', {}, owner.caller)).data?.outbox.nodes;
    const outreach = outbox.find((entry: { toAddress: string }) => entry.toAddress === 'dr.sharma@sharmadental.in');
    expect(outreach.text).toContain('Dr. Sharma');
    expect(outreach.text).toContain('Jaipur');
    expect(outreach.headers['Message-ID']).toMatch(/^<.+@.+>$/);
    expect(outreach.headers['List-Unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/u\/[A-Za-z0-9_-]+>$/);
    expect(outreach.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    const reply = inboundReply({ from: 'Dr. Sharma <dr.sharma@sharmadental.in>', to: 'asha@growth.example', subject: `Re: ${outreach.subject}`, text: 'Yes, this sounds interesting. How much does it cost?', inReplyTo: outreach.headers['Message-ID'] });
    const posted = await fetch(inboundUrl, { method: 'POST', headers: { 'content-type': reply.contentType }, body: reply.body });
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as any).leadId).toBe(lead.id);
    await waitFor(lead.id, 'PROPOSAL_SENT');

    const view = (await app.gql(`{ lead(id: "${lead.id}") { proposal { id status total { amount currency } currency paymentUrl lineItems { description quantity unitAmount { amount } amount { amount } } } messages { nodes { direction purpose status classification { intent confidence } } } } }`, {}, owner.caller)).data?.lead;
    expect(view.proposal).toMatchObject({ status: 'SENT', currency: 'INR' });
    expect(view.proposal.total).toEqual({ amount: String(view.proposal.lineItems.reduce((sum: bigint, item: any) => sum + BigInt(item.unitAmount.amount) * BigInt(item.quantity), 0n)), currency: 'INR' });
    for (const item of view.proposal.lineItems) expect(BigInt(item.amount.amount)).toBe(BigInt(item.unitAmount.amount) * BigInt(item.quantity));
    expect(view.proposal.paymentUrl).toMatch(/\/pay\/[A-Za-z0-9_-]{32,}$/);
    const inbound = view.messages.nodes.find((m: { direction: string }) => m.direction === 'IN');
    expect(['INTERESTED', 'ASKING_PRICE']).toContain(inbound.classification.intent);

    const event = signedStripeEvent({ id: 'evt_funnel_1', tenantId: owner.tenantId, leadId: lead.id, proposalId: view.proposal.id, amount: Number(view.proposal.total.amount), currency: 'INR' });
    const webhook = `${app.url}/webhooks/stripe/${owner.tenantId}`;
    const paid = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': event.signature }, body: event.payload });
    expect(await paid.json()).toEqual({ received: true, duplicate: false });
    await waitFor(lead.id, 'PAID');
    const again = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': event.signature }, body: event.payload });
    expect(await again.json()).toEqual({ received: true, duplicate: true });

    const done = await eventually(async () => {
      const data = (await app.gql(`{ lead(id: "${lead.id}") { tasks { nodes { kind title } } messages { nodes { purpose status } } } }`, {}, owner.caller)).data?.lead;
      return data.tasks.nodes.length >= 5 && data.messages.nodes.some((m: any) => m.purpose === 'WELCOME' && m.status === 'SENT') ? data : null;
    }, 30_000, 'onboarding');
    expect(done.tasks.nodes.every((t: { kind: string }) => t.kind === 'ONBOARDING')).toBe(true);
    const added = await app.gql(`mutation { createTask(leadId: "${lead.id}", title: "Send the kick-off agenda") { kind status } }`, {}, owner.caller);
    expect(added.data?.createTask).toEqual({ kind: 'MANUAL', status: 'OPEN' });
    await app.gql(`mutation { restartOnboarding(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = (await app.gql(`{ lead(id: "${lead.id}") { tasks { nodes { kind } } messages { nodes { purpose } } } }`, {}, owner.caller)).data?.lead;
    expect(after.tasks.nodes.filter((t: any) => t.kind === 'ONBOARDING')).toHaveLength(done.tasks.nodes.length);
    expect(after.messages.nodes.filter((m: any) => m.purpose === 'WELCOME')).toHaveLength(1);
    const clients = (await app.gql('{ clients { nodes { leadId businessName proposalId amountPaid { amount currency exponent } } } }', {}, owner.caller)).data?.clients.nodes;
    expect(clients).toEqual([{ leadId: lead.id, businessName: 'Sharma Dental Clinic', proposalId: view.proposal.id, amountPaid: { ...view.proposal.total, exponent: 2 } }]);
    // The tenant's tasks, open ones only, a page at a time: the lead's onboarding checklist and the task added by hand.
    const open = (await app.gql('{ tasks(status: OPEN, first: 100) { nodes { leadId kind status } pageInfo { hasNextPage } } }', {}, owner.caller)).data?.tasks;
    expect(open.nodes.filter((t: any) => t.leadId === lead.id)).toHaveLength(done.tasks.nodes.length + 1);
    expect(open.nodes.every((t: any) => t.status === 'OPEN')).toBe(true);
    expect(open.pageInfo.hasNextPage).toBe(false);

    const history = (await app.gql(`{ history(leadId: "${lead.id}", first: 500) { entries { kind fromStatus toStatus trigger } } }`, {}, owner.caller)).data?.history.entries;
    const transitions = history.filter((e: { kind: string }) => e.kind === 'TRANSITION').map((e: any) => `${e.fromStatus}>${e.toStatus}:${e.trigger}`);
    expect(transitions).toEqual(['NEW>CONTACTED:OUTREACH_SENT', 'CONTACTED>INTERESTED:REPLY_INTERESTED', 'INTERESTED>PROPOSAL_SENT:PROPOSAL_SENT', 'PROPOSAL_SENT>PAID:PAYMENT_CONFIRMED']);
    expect(history.filter((e: { kind: string }) => e.kind === 'ONBOARDING')).toHaveLength(1);
    const sent = (await app.gql('{ outbox { nodes { toAddress subject } } }', {}, owner.caller)).data?.outbox.nodes.filter((m: { toAddress: string }) => m.toAddress === 'dr.sharma@sharmadental.in');
    expect(sent).toHaveLength(3);
  });

  it('pays through the offline checkout page, with an event signed like Stripe\'s', async () => {
    const lead = await createLead(app, owner.caller, { businessName: 'Pink City Gym', contactName: 'Meera', email: 'meera@pinkcitygym.in', industry: 'Fitness' });
    await waitFor(lead.id, 'CONTACTED');
    await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "haan interested hoon, rate kya hai?") { id } }`, {}, owner.caller);
    await waitFor(lead.id, 'PROPOSAL_SENT');
    const url = (await app.gql(`{ lead(id: "${lead.id}") { proposal { paymentUrl } } }`, {}, owner.caller)).data?.lead.proposal.paymentUrl;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Pay ₹/);
    const pay = await fetch(url, { method: 'POST' });
    expect(pay.status).toBe(200);
    await waitFor(lead.id, 'PAID');
    expect(await (await fetch(url)).text()).toContain('Paid');
  });

  it('refuses bad webhooks and changes nothing', async () => {
    const webhook = `${app.url}/webhooks/stripe/${owner.tenantId}`;
    const event = signedStripeEvent({ id: 'evt_bad', tenantId: owner.tenantId, leadId: '00000000-0000-7000-8000-000000000000', proposalId: '00000000-0000-7000-8000-000000000001', amount: 100, currency: 'INR' });
    const post = (body: string, signature?: string, url = webhook) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) }, body });
    expect((await post(event.payload)).status).toBe(400);
    expect((await post(event.payload.replace('"amount_total":100', '"amount_total":1'), event.signature)).status).toBe(400);
    const stale = Stripe.webhooks.generateTestHeaderString({ payload: event.payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await post(event.payload, stale)).status).toBe(400);
    // An unknown tenant is answered as a bad signature: the URL reveals nobody.
    expect((await post(event.payload, event.signature, `${app.url}/webhooks/stripe/00000000-0000-7000-8000-00000000beef`)).status).toBe(400);
    const bad = inboundReply({ from: 'x@y.in', to: 'a@b.in', subject: 's', text: 't' });
    expect((await fetch(inboundUrl.replace(/\/[^/]+$/, '/wrong-secret-0123456789'), { method: 'POST', headers: { 'content-type': bad.contentType }, body: bad.body })).status).toBe(404);
    expect((await fetch(inboundUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' })).status).toBe(400);
  });

  it('a reply that matches no lead is kept in the inbox; an unsubscribe suppresses and closes', async () => {
    const stranger = inboundReply({ from: 'someone@else.in', to: 'asha@growth.example', subject: 'Hello', text: 'Who are you?' });
    const response = await fetch(inboundUrl, { method: 'POST', headers: { 'content-type': stranger.contentType }, body: stranger.body });
    expect(((await response.json()) as any).leadId).toBeNull();
    await eventually(async () => (await app.gql('{ inbox { nodes { fromAddress classification { intent } } } }', {}, owner.caller)).data?.inbox.nodes.find((m: any) => m.fromAddress === 'someone@else.in' && m.classification), 20_000, 'the stranger\'s reply to be classified');

    const lead = await createLead(app, owner.caller, { email: 'stop@please.in' });
    await waitFor(lead.id, 'CONTACTED');
    await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Please unsubscribe me and stop emailing.") { id } }`, {}, owner.caller);
    await waitFor(lead.id, 'LOST');
    const again = await app.gql(`mutation { sendPaymentLink(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    expect(errorCode(again)).toBe('ACTION_NOT_ALLOWED');
  });
});

describe('lists with funnel fields', () => {
  it('a page of leads carries each lead\'s own messages, proposal and tasks (loaded together), each list paged per lead', async () => {
    const query = (messages: string) =>
      app.gql(`{ leads(first: 20) { nodes { id status messages${messages} { nodes { id leadId } pageInfo { hasNextPage hasPreviousPage } } proposal { leadId } tasks(first: 10) { nodes { leadId } } aiDecisions(first: 5) { nodes { id } } } } }`, {}, owner.caller);
    const page = (await query('(first: 10)')).data?.leads.nodes;
    expect(page.length).toBeGreaterThan(2);
    for (const lead of page) {
      for (const message of lead.messages.nodes) expect(message.leadId).toBe(lead.id);
      for (const task of lead.tasks.nodes) expect(task.leadId).toBe(lead.id);
      if (lead.proposal) expect(lead.proposal.leadId).toBe(lead.id);
      if (lead.status !== 'NEW') expect(lead.messages.nodes.length).toBeGreaterThan(0);
    }
    // The latest message of every lead at once: each lead's own last one, with older ones before it.
    const latest = (await query('(last: 1)')).data?.leads.nodes;
    for (const lead of latest) {
      const all = page.find((l: any) => l.id === lead.id).messages.nodes;
      expect(lead.messages.nodes).toEqual(all.slice(-1));
      expect(lead.messages.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: all.length > 1 });
    }
  });
});

describe('pages for leads', () => {
  it('Stripe Checkout\'s return pages exist; unknown payment and unsubscribe links are 404', async () => {
    expect((await fetch(`${app.url}/pay/success?session_id=cs_test_1`)).status).toBe(200);
    expect((await fetch(`${app.url}/pay/cancelled`)).status).toBe(200);
    expect((await fetch(`${app.url}/pay/${'x'.repeat(32)}`)).status).toBe(404);
    expect((await fetch(`${app.url}/u/${'A'.repeat(64)}`, { method: 'POST' })).status).toBe(404);
  });
});
