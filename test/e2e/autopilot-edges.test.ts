import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWireServer, type WireServer } from '../../adapters/llm/testing/wire-server.ts';
import { createLead, signup } from '../support/factories.ts';
import { history, leadStatus, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000 });

let app: TestGateway;
let openai: WireServer;
const chat = (content: string) => ({
  id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
});

beforeAll(async () => {
  openai = await startWireServer();
  // OpenAI is configured for the process but each test's tenant opts in: the others stay offline.
  app = await startTestGateway({ AI_PROVIDER: 'offline', OPENAI_API_KEY: 'sk-local-test', OPENAI_BASE_URL: `${openai.origin}/v1` });
});
afterAll(async () => {
  await app.close();
  await openai.close();
});

describe('AI providers behind the funnel', () => {
  it('uses the tenant\'s OpenAI (any compatible base URL) to write outreach, and logs the decision', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, true, ', aiProvider: OPENAI, aiModel: "gpt-4o-mini"');
    openai.reply({ status: 200, body: chat(JSON.stringify({ subject: 'An idea for Sharma Dental', text: 'Hi Dr. Sharma, I noticed your clinic in Jaipur and had an idea.', html: '<p>Hi Dr. Sharma, I noticed your clinic in Jaipur and had an idea.</p>' })) });
    const lead = await createLead(app, account.caller, { contactName: 'Dr. Sharma' });
    await waitForStatus(app, account, lead.id, 'CONTACTED');
    const request = openai.requests.at(-1)?.body as any;
    expect(request.model).toBe('gpt-4o-mini');
    expect(request.response_format.type).toBe('json_schema');
    expect(JSON.stringify(request.messages)).toContain('Dr. Sharma');
    const decisions = (await app.gql(`{ lead(id: "${lead.id}") { aiDecisions { nodes { kind status provider model } } } }`, {}, account.caller)).data?.lead.aiDecisions.nodes;
    expect(decisions[0]).toEqual({ kind: 'WRITE_OUTREACH', status: 'OK', provider: 'openai', model: 'gpt-4o-mini' });
  });

  it('an AI that returns garbage is asked again, then logged as a failed decision; the lead does not move', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, true, ', aiProvider: OPENAI');
    openai.reply({ status: 200, body: chat('this is not json at all') });
    const before = openai.requests.length;
    const lead = await createLead(app, account.caller);
    const failure = await eventually(async () => (await history(app, account, lead.id)).find((e) => e.kind === 'FAILURE'), 20_000, 'the failure on the timeline');
    expect(failure.reason).toContain('Writing the outreach failed');
    expect(openai.requests.length - before).toBe(3);
    const decisions = (await app.gql(`{ lead(id: "${lead.id}") { aiDecisions { nodes { status attempts error } } messages { nodes { status } } } }`, {}, account.caller)).data?.lead;
    expect(decisions.aiDecisions.nodes[0]).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(decisions.messages.nodes[0].status).toBe('FAILED');
    expect(await leadStatus(app, account, lead.id)).toBe('NEW');
  });
});

describe('jobs out of retries', () => {
  it('land in the dead-letter queue and on the lead\'s timeline as a failure with the reason', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, false, ', aiProvider: OPENAI');
    const lead = await createLead(app, account.caller);
    openai.reply({ status: 503, body: { error: { message: 'the model is overloaded' } } });
    // One attempt only, so the test need not wait out the real backoff (5 retries from 2 s, doubling).
    await app.services.boss.send('outreach.compose', { tenantId: account.tenantId, leadId: lead.id, step: 0 }, { retryLimit: 0 });
    const failure = await eventually(async () => (await history(app, account, lead.id)).find((e) => e.kind === 'FAILURE'), 20_000, 'the failure');
    expect(failure.reason).toMatch(/^outreach\.compose failed after every retry: .*overloaded/);
    const dead = await eventually(async () => {
      const { rows } = await (await app.database.ownerClient()).query("select count(*)::int as n from pgboss.job where name = 'job.failed' and data->>'leadId' = $1", [lead.id]);
      return rows[0].n > 0;
    }, 20_000, 'the dead letter');
    expect(dead).toBe(true);
    expect(await leadStatus(app, account, lead.id)).toBe('NEW');
    // The message it was writing is failed with the reason, not left "composing".
    const messages = (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { status error } } } }`, {}, account.caller)).data?.lead.messages.nodes;
    expect(messages).toEqual([{ status: 'FAILED', error: expect.stringMatching(/^outreach\.compose failed after every retry: .*overloaded/) }]);
  });
});

describe('limits and exactly-once', () => {
  it('the daily send limit holds further messages until tomorrow', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, true, ', dailySendLimit: 1');
    const first = await createLead(app, account.caller);
    await waitForStatus(app, account, first.id, 'CONTACTED');
    const second = await createLead(app, account.caller);
    await eventually(async () => (await app.gql(`{ lead(id: "${second.id}") { messages { nodes { status } } } }`, {}, account.caller)).data?.lead.messages.nodes[0]?.status === 'QUEUED', 20_000, 'the second message to be written');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await leadStatus(app, account, second.id)).toBe('NEW');
    expect((await app.gql('{ outbox { nodes { toAddress } } }', {}, account.caller)).data?.outbox.nodes).toHaveLength(1);
  });

  it('a duplicated or retried send job has no second effect', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, true);
    const lead = await createLead(app, account.caller);
    await waitForStatus(app, account, lead.id, 'CONTACTED');
    const message = (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { id } } } }`, {}, account.caller)).data?.lead.messages.nodes[0];
    const delivery = app.services.autopilot(account.tenantId).delivery;
    await expect(delivery.deliver(message.id)).rejects.toThrow(/the message is sent/);
    await app.services.boss.send('message.send', { tenantId: account.tenantId, messageId: message.id });
    await app.services.boss.send('outreach.compose', { tenantId: account.tenantId, leadId: lead.id, step: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await app.gql('{ outbox { nodes { toAddress } } }', {}, account.caller)).data?.outbox.nodes).toHaveLength(1);
    expect((await history(app, account, lead.id)).filter((e) => e.kind === 'TRANSITION')).toHaveLength(1);
  });

  it('a payment for the wrong amount does not mark the lead paid; the right amount does', async () => {
    const account = await signup(app);
    const secret = 'whsec_edges_0123456789abcdef';
    await app.gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${secret}") }`, {}, account.caller);
    await setUpAutopilot(app, account, true);
    const lead = await createLead(app, account.caller);
    await waitForStatus(app, account, lead.id, 'CONTACTED');
    await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Yes! Interested, what's the price?") { id } }`, {}, account.caller);
    await waitForStatus(app, account, lead.id, 'PROPOSAL_SENT');
    const found = (await app.gql(`{ lead(id: "${lead.id}") { proposal { id total { amount } } } }`, {}, account.caller)).data?.lead.proposal;
    const proposal = { id: found.id as string, total: Number(found.total.amount) };
    const post = async (id: string, amount: number) => {
      const payload = JSON.stringify({ id, object: 'event', created: Math.floor(Date.now() / 1000), livemode: false, type: 'checkout.session.completed', data: { object: { id: `cs_${id}`, object: 'checkout.session', amount_total: amount, currency: 'inr', payment_status: 'paid', metadata: { tenantId: account.tenantId, leadId: lead.id, proposalId: proposal.id } } } });
      return fetch(`${app.url}/webhooks/stripe/${account.tenantId}`, { method: 'POST', headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) }, body: payload });
    };
    expect((await post('evt_short', proposal.total - 100)).status).toBe(200);
    const mismatch = await eventually(async () => (await history(app, account, lead.id)).find((e) => e.kind === 'FAILURE' && /does not match/.test(e.reason)), 20_000, 'the mismatch');
    expect(mismatch.reason).toContain('not marked paid');
    expect(await leadStatus(app, account, lead.id)).toBe('PROPOSAL_SENT');
    expect((await post('evt_right', proposal.total)).status).toBe(200);
    await waitForStatus(app, account, lead.id, 'PAID');
  });
});
