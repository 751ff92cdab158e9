import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, forceStatus, signup, type Account } from '../support/factories.ts';
import { history, leadStatus, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually, inboundReply } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 120_000 });

const SECRET = 'whsec_reliability_0123456789abcdef';
let app: TestGateway;
let owner: Account;
let inboundUrl: string;
const tally = { attempts: 0, failures: 0 };

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await app.gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${SECRET}") }`, {}, owner.caller);
  inboundUrl = (await setUpAutopilot(app, owner, true)).inboundWebhookUrl;
});
afterAll(async () => {
  console.log(`webhooks: ${tally.attempts} attempts, ${tally.failures} failures`);
  await app.close();
});

async function leadWithProposal(): Promise<{ lead: Record<string, any>; proposal: { id: string; total: number } }> {
  const lead = await createLead(app, owner.caller);
  await waitForStatus(app, owner, lead.id, 'CONTACTED');
  await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Interested! What does it cost?") { id } }`, {}, owner.caller);
  await waitForStatus(app, owner, lead.id, 'PROPOSAL_SENT');
  const found = (await app.gql(`{ lead(id: "${lead.id}") { proposal { id total { amount } } } }`, {}, owner.caller)).data?.lead.proposal;
  const proposal = { id: found.id as string, total: Number(found.total.amount) };
  return { lead, proposal };
}

function event(id: string, type: string, lead: Record<string, any>, proposal: { id: string; total: number }, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ id, object: 'event', created: Math.floor(Date.now() / 1000), livemode: false, type, data: { object: { id: `cs_${id}`, object: 'checkout.session', amount_total: proposal.total, currency: 'inr', payment_status: 'paid', metadata: { tenantId: owner.tenantId, leadId: lead.id, proposalId: proposal.id }, ...extra } } });
}
const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) => Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
const post = (body: string | Buffer, headers: Record<string, string>, tenant = owner.tenantId) => fetch(`${app.url}/webhooks/stripe/${tenant}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

async function expectStatus(response: Promise<Response>, status: number, what: string) {
  tally.attempts += 1;
  const actual = (await response).status;
  if (actual !== status) tally.failures += 1;
  expect(actual, what).toBe(status);
}

describe('the Stripe webhook under attack', () => {
  it('refuses every forged, stale, altered, misaddressed or oversized request, and nothing changes', async () => {
    const { lead, proposal } = await leadWithProposal();
    const payload = event('evt_attack', 'checkout.session.completed', lead, proposal);
    await expectStatus(post(payload, { 'stripe-signature': sign(payload, { secret: 'whsec_wrong' }) }), 400, 'wrong signature');
    await expectStatus(post(payload, {}), 400, 'missing signature');
    await expectStatus(post(payload, { 'stripe-signature': sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 900 }) }), 400, 'stale timestamp');
    await expectStatus(post(payload.replace(String(proposal.total), String(proposal.total + 1)), { 'stripe-signature': sign(payload) }), 400, 'body altered after signing');
    // An unknown tenant answers as a bad signature does: the URL tells nothing about who is a customer.
    await expectStatus(post(payload, { 'stripe-signature': sign(payload) }, '00000000-0000-7000-8000-000000000abc'), 400, 'unknown tenant');
    const unknown = await (await post(payload, { 'stripe-signature': sign(payload) }, '00000000-0000-7000-8000-000000000abc')).json();
    const forged = await (await post(payload, { 'stripe-signature': sign(payload, { secret: 'whsec_wrong' }) })).json();
    expect(unknown).toEqual(forged);
    const huge = Buffer.alloc(1024 * 1024 + 10, 'x');
    await expectStatus(post(huge, { 'stripe-signature': 't=1,v1=00' }), 413, 'oversized body');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await app.gql(`{ lead(id: "${lead.id}") { status } }`, {}, owner.caller)).data?.lead.status).toBe('PROPOSAL_SENT');
  });

  it('acknowledges a verified event it cannot use (malformed, not ours, another tenant\'s), records it with the reason once, and changes nothing', async () => {
    const { lead, proposal } = await leadWithProposal();
    const good = JSON.parse(event('evt_template', 'checkout.session.completed', lead, proposal));
    const withMetadata = (metadata: Record<string, unknown>) => ({ ...good, data: { object: { ...good.data.object, metadata: { ...good.data.object.metadata, ...metadata } } } });
    const other = await signup(app);
    const cases: Array<[string, string, RegExp]> = [
      ['not JSON', '{ not json', /not valid JSON/],
      ['not an object', '[1, 2]', /not a JSON object/],
      ['created is not a number', JSON.stringify({ ...good, id: 'evt_created_x', created: 'x' }), /created is not a number/],
      ['no data.object', JSON.stringify({ ...good, id: 'evt_no_data', data: null }), /no data\.object/],
      ['an id far too long', JSON.stringify({ ...good, id: `evt_${'x'.repeat(100_000)}` }), /no usable id/],
      ['a lead id that is not a UUID', JSON.stringify({ ...withMetadata({ leadId: 'not-a-uuid' }), id: 'evt_bad_lead' }), /metadata\.leadId is not a UUID/],
      ['a proposal id that is not a UUID', JSON.stringify({ ...withMetadata({ proposalId: 'zzz' }), id: 'evt_bad_proposal' }), /metadata\.proposalId is not a UUID/],
      ['an amount past any storable one', JSON.stringify({ ...good, id: 'evt_huge_amount', data: { object: { ...good.data.object, amount_total: '__HUGE__' } } }).replace('"__HUGE__"', '99999999999999999999999'), /amount 99999999999999999999999 is not one this CRM could have asked for/],
      ['a negative amount', JSON.stringify({ ...good, id: 'evt_negative_amount', data: { object: { ...good.data.object, amount_total: -5 } } }), /amount -5 is not one this CRM could have asked for/],
      ['another tenant\'s event', JSON.stringify({ ...withMetadata({ tenantId: other.tenantId }), id: 'evt_other_tenant' }), /another tenant/],
    ];
    const db = await app.database.ownerClient();
    for (const [what, body, reason] of cases) {
      for (const attempt of [1, 2]) {
        const response = await post(body, { 'stripe-signature': sign(body) });
        tally.attempts += 1;
        const answer = (await response.json()) as { received: boolean; duplicate: boolean; ignored?: string };
        if (response.status !== 200) tally.failures += 1;
        expect({ what, status: response.status }).toEqual({ what, status: 200 });
        expect(answer, what).toMatchObject({ received: true, duplicate: attempt === 2 });
        if (attempt === 1) expect(answer.ignored, what).toMatch(reason);
      }
      const { rows } = await db.query("select outcome, reason from payment_events where tenant_id = $1 and reason ~ $2", [owner.tenantId, reason.source]);
      expect(rows, what).toEqual([{ outcome: 'ignored', reason: expect.stringMatching(reason) }]);
    }
    // Unsigned, the same bodies are still refused.
    await expectStatus(post(cases[0]![1], { 'stripe-signature': sign(cases[0]![1], { secret: 'whsec_wrong' }) }), 400, 'malformed and unsigned');
    expect(await leadStatus(app, owner, lead.id)).toBe('PROPOSAL_SENT');
    expect((await db.query('select count(*)::int as n from payment_events where tenant_id = $1', [other.tenantId])).rows[0].n).toBe(0);
  });

  it('the same event five times at once pays once; events out of order still pay once', async () => {
    const first = await leadWithProposal();
    const payload = event('evt_five', 'checkout.session.completed', first.lead, first.proposal);
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(payload, { 'stripe-signature': sign(payload) }).then((r) => r.json() as Promise<any>)));
    tally.attempts += 5;
    expect(answers.filter((a) => a.duplicate === false)).toHaveLength(1);
    // Confirmed in the webhook's own transaction: PAID by the time it answers.
    expect(await leadStatus(app, owner, first.lead.id)).toBe('PAID');

    const second = await leadWithProposal();
    const late = event('evt_async', 'checkout.session.async_payment_succeeded', second.lead, second.proposal);
    const early = event('evt_completed', 'checkout.session.completed', second.lead, second.proposal);
    await expectStatus(post(late, { 'stripe-signature': sign(late) }), 200, 'async success first');
    await expectStatus(post(early, { 'stripe-signature': sign(early) }), 200, 'completed second');
    await waitForStatus(app, owner, second.lead.id, 'PAID');
    await eventually(async () => (await history(app, owner, second.lead.id)).some((e) => e.kind === 'FAILURE' && /second payment event/.test(e.reason)), 20_000, 'the second event to be recorded as a duplicate');

    for (const { lead } of [first, second]) {
      const moves = (await history(app, owner, lead.id)).filter((e) => e.kind === 'TRANSITION' && e.toStatus === 'PAID');
      expect(moves).toHaveLength(1);
    }
  });
});

describe('the webhook secret', () => {
  it('is checked against the new value the moment it is changed; the replaced one verifies for its grace period only', async () => {
    const account = await signup(app);
    const fake = { lead: { id: '00000000-0000-7000-8000-0000000000a1' }, proposal: { id: '00000000-0000-7000-8000-0000000000a2', total: 100 } };
    const payload = (id: string) => event(id, 'checkout.session.completed', fake.lead, fake.proposal).replace(owner.tenantId, account.tenantId);
    const postAs = (id: string, secret: string) => post(payload(id), { 'stripe-signature': sign(payload(id), { secret }) }, account.tenantId);
    await expectStatus(postAs('evt_rotate_0', SECRET), 400, 'no secret set yet');
    const setSecret = (value: string) => app.gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${value}") }`, {}, account.caller);
    await setSecret('whsec_first_0123456789abcdef');
    await expectStatus(postAs('evt_rotate_1', 'whsec_first_0123456789abcdef'), 200, 'the first secret');
    await setSecret('whsec_second_0123456789abcdef');
    await expectStatus(postAs('evt_rotate_3', 'whsec_second_0123456789abcdef'), 200, 'the new secret');
    await expectStatus(postAs('evt_rotate_2', 'whsec_first_0123456789abcdef'), 200, 'the replaced secret, in its grace period');
    const db = await app.database.ownerClient();
    await db.query("update tenant_secrets set expires_at = now() - interval '1 second' where tenant_id = $1 and expires_at is not null", [account.tenantId]);
    await new Promise((resolve) => setTimeout(resolve, 5_200)); // the secrets cache
    await expectStatus(postAs('evt_rotate_4', 'whsec_first_0123456789abcdef'), 400, 'the replaced secret, after its grace period');
    await expectStatus(postAs('evt_rotate_5', 'whsec_second_0123456789abcdef'), 200, 'the new secret, still');
  });
});

describe('a payment that overtakes its proposal', () => {
  it('is stored at once, waits for the proposal to be sent, then pays once', async () => {
    const lead = await createLead(app, owner.caller);
    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    await forceStatus(app, lead.id, ['INTERESTED']);
    const db = await app.database.ownerClient();
    const { rows } = await db.query(
      `insert into proposals (tenant_id, lead_id, version, status, title, summary, line_items, currency, total, expected_results, valid_until)
       values ($1, $2, 1, 'draft', 'Plan', 'A plan', '[]', 'INR', 500000, '[]', now() + interval '14 days') returning id, total`, [owner.tenantId, lead.id]);
    const proposal = { id: rows[0].id as string, total: Number(rows[0].total) };
    const payload = event('evt_too_early', 'checkout.session.completed', lead, proposal);
    const answer = await post(payload, { 'stripe-signature': sign(payload) });
    expect(await answer.json()).toEqual({ received: true, duplicate: false });
    expect(await leadStatus(app, owner, lead.id)).toBe('INTERESTED');
    const stored = await db.query('select outcome from payment_events where tenant_id = $1 and event_id = $2', [owner.tenantId, 'evt_too_early']);
    expect(stored.rows).toEqual([{ outcome: 'pending' }]);

    await forceStatus(app, lead.id, ['PROPOSAL_SENT']);
    await waitForStatus(app, owner, lead.id, 'PAID');
    const entries = await history(app, owner, lead.id);
    expect(entries.filter((e) => e.kind === 'TRANSITION' && e.toStatus === 'PAID')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'PAYMENT')).toHaveLength(1);
  });
});

describe('onboarding a batch of paid leads', () => {
  it('gives one outcome per job, makes nothing twice, and skips what is not PAID', async () => {
    const paid = await leadWithProposal();
    const payload = event('evt_batch', 'checkout.session.completed', paid.lead, paid.proposal);
    await post(payload, { 'stripe-signature': sign(payload) });
    const onboarded = async () => (await app.gql(`{ lead(id: "${paid.lead.id}") { tasks { nodes { id } } messages { nodes { purpose } } } }`, {}, owner.caller)).data?.lead;
    const first = await eventually(async () => {
      const lead = await onboarded();
      return lead.tasks.nodes.length >= 5 && lead.messages.nodes.some((m: { purpose: string }) => m.purpose === 'WELCOME') ? lead : null;
    }, 30_000, 'onboarding');
    const unpaid = await createLead(app, owner.caller);
    const missing = '00000000-0000-7000-8000-000000000def';
    const outcomes = await app.services.autopilot(owner.tenantId).onboarding.startMany([paid.lead.id, unpaid.id, paid.lead.id, missing]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'skipped', 'skipped', 'skipped']);
    expect(outcomes[0]).toMatchObject({ status: 'done', value: { tasks: 0 } });
    const again = await onboarded();
    expect(again.tasks.nodes).toHaveLength(first.tasks.nodes.length);
    expect(again.messages.nodes.filter((m: { purpose: string }) => m.purpose === 'WELCOME')).toHaveLength(1);
    expect((await history(app, owner, paid.lead.id)).filter((e) => e.kind === 'ONBOARDING')).toHaveLength(1);
  });
});

describe('the inbound email webhook under attack', () => {
  it('refuses a wrong secret, garbage and oversized posts; the same reply five times at once is stored once', async () => {
    const lead = await createLead(app, owner.caller, { email: 'five@times.in' });
    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    const reply = inboundReply({ from: 'five@times.in', to: 'asha@growth.example', subject: 'Re: hello', text: 'Tell me more, what is the price?', messageId: '<five-times@mail.example.in>' });
    const send = (url = inboundUrl, body: Buffer = reply.body, type = reply.contentType) => fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
    await expectStatus(send(inboundUrl.replace(/\/[^/]+$/, '/not-the-secret-at-all')), 404, 'wrong secret');
    await expectStatus(send(inboundUrl, Buffer.from('garbage'), 'multipart/form-data; boundary=zzz'), 400, 'malformed multipart');
    await expectStatus(send(inboundUrl, Buffer.from('{"from":"x"}'), 'application/json'), 400, 'not multipart');
    const oversized = inboundReply({ from: 'five@times.in', to: 'a@b.in', subject: 'big', text: 'x'.repeat(11 * 1024 * 1024) });
    await expectStatus(send(inboundUrl, oversized.body, oversized.contentType), 413, 'oversized');
    const answers = await Promise.all(Array.from({ length: 5 }, () => send().then((r) => r.json() as Promise<any>)));
    tally.attempts += 5;
    expect(answers.filter((a) => a.duplicate === false)).toHaveLength(1);
    const inbound = await eventually(async () => {
      const messages = (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { direction } } } }`, {}, owner.caller)).data?.lead.messages.nodes.filter((m: any) => m.direction === 'IN');
      return messages.length ? messages : null;
    }, 10_000, 'the reply');
    expect(inbound).toHaveLength(1);
  });
});
