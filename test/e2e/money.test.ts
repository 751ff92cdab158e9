import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot, history, leadStatus, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { postStripeWebhook, proposalDraft, signedPayment } from '../support/money.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 120_000 });

let app: TestGateway;
beforeAll(async () => {
  app = await startTestGateway();
});
afterAll(() => app.close());

const MONEY = 'amount currency exponent';
const CATALOG = `mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { name currency priceMin { ${MONEY} } priceMax { ${MONEY} } } }`;

/** An account whose catalog is one service at `price` minor units of `currency`, the autopilot on. */
async function sellingAt(price: string, currency: string): Promise<Account> {
  const account = await signup(app);
  await setUpAutopilot(app, account, true);
  const set = await app.gql(CATALOG, { s: [{ name: 'Hospital network website', description: 'Websites for every hospital of the group', priceMin: price, currency }] }, account.caller);
  expect(set.errors).toBeUndefined();
  return account;
}

/** The autopilot takes a new lead to PROPOSAL_SENT once it replies with interest. */
async function leadWithSentProposal(account: Account, name: string) {
  const lead = await createLead(app, account.caller, { businessName: name, industry: null });
  await waitForStatus(app, account, lead.id, 'CONTACTED');
  await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Interested, what is the price?") { id } }`, {}, account.caller);
  await waitForStatus(app, account, lead.id, 'PROPOSAL_SENT');
  const proposal = (await app.gql(`{ lead(id: "${lead.id}") { proposal { id status currency paymentUrl total { ${MONEY} } lineItems { quantity unitAmount { amount } amount { amount } } } } }`, {}, account.caller)).data?.lead.proposal;
  return { lead, proposal };
}

describe('amounts past 32 bits and past 2^53, exact end to end', () => {
  it('catalog prices of 30,000,000,000 paise, 9,000,000,000,000 rupiah and the largest amount stored round-trip exactly', async () => {
    const account = await signup(app);
    const services = [
      { name: 'Hospital network website', priceMin: '30000000000', currency: 'INR' },
      { name: 'Toll road sponsorship', priceMin: '9000000000000', priceMax: '9223372036854775807', currency: 'idr' },
      { name: 'Temple trust', priceMin: 9_007_199_254_740_991, currency: 'JPY' }, // a JSON integer is still accepted up to 2^53
    ];
    const set = await app.gql(CATALOG, { s: services }, account.caller);
    expect(set.errors).toBeUndefined();
    const read = (await app.gql(`{ serviceCatalog { name currency priceMin { ${MONEY} } priceMax { ${MONEY} } } }`, {}, account.caller)).data?.serviceCatalog;
    expect(read).toEqual(set.data?.setServiceCatalog);
    expect(read).toEqual([
      { name: 'Hospital network website', currency: 'INR', priceMin: { amount: '30000000000', currency: 'INR', exponent: 2 }, priceMax: { amount: '30000000000', currency: 'INR', exponent: 2 } },
      { name: 'Toll road sponsorship', currency: 'IDR', priceMin: { amount: '9000000000000', currency: 'IDR', exponent: 2 }, priceMax: { amount: '9223372036854775807', currency: 'IDR', exponent: 2 } },
      { name: 'Temple trust', currency: 'JPY', priceMin: { amount: '9007199254740991', currency: 'JPY', exponent: 0 }, priceMax: { amount: '9007199254740991', currency: 'JPY', exponent: 0 } },
    ]);
    // An Int literal of any length keeps its digits too.
    const literal = await app.gql('mutation { setServiceCatalog(services: [{ name: "Literal", priceMin: 30000000000, currency: "INR" }]) { priceMin { amount } } }', {}, account.caller);
    expect(literal.data?.setServiceCatalog).toEqual([{ priceMin: { amount: '30000000000' } }]);
  });

  it('a proposal of 30,000,000,000 paise is written, read, emailed, shown on the checkout page and paid, to the paisa', async () => {
    const account = await sellingAt('30000000000', 'INR');
    const { lead, proposal } = await leadWithSentProposal(account, 'Apollo Hospitals Group');
    expect(proposal).toMatchObject({ status: 'SENT', currency: 'INR', total: { amount: '30000000000', currency: 'INR', exponent: 2 } });
    expect(proposal.lineItems).toEqual([{ quantity: 1, unitAmount: { amount: '30000000000' }, amount: { amount: '30000000000' } }]);

    const email = (await app.gql('{ outbox { nodes { subject text } } }', {}, account.caller)).data?.outbox.nodes.find((m: any) => m.subject.startsWith('Proposal:'));
    expect(email.text).toContain('Total: ₹30,00,00,000.00');
    const page = await fetch(proposal.paymentUrl);
    expect(await page.text()).toContain('Pay ₹30,00,00,000.00');
    expect((await fetch(proposal.paymentUrl, { method: 'POST' })).status).toBe(200);
    await waitForStatus(app, account, lead.id, 'PAID');
    expect((await history(app, account, lead.id)).some((e) => e.reason === 'Payment received: ₹30,00,00,000.00')).toBe(true);
    // Still readable after payment, on the lead, in the list and on the client.
    const again = (await app.gql(`{ leads { nodes { proposal { status total { amount } } } } }`, {}, account.caller)).data?.leads.nodes;
    expect(again).toEqual([{ proposal: { status: 'PAID', total: { amount: '30000000000' } } }]);
    const client = await eventually(async () => (await app.gql('{ clients { nodes { amountPaid { amount currency } } } }', {}, account.caller)).data?.clients.nodes[0], 20_000, 'the client');
    expect(client.amountPaid).toEqual({ amount: '30000000000', currency: 'INR' });
  });

  it('a proposal of 9,000,000,000,000 rupiah (Rp 90,000,000,000.00) round-trips exactly', async () => {
    const account = await sellingAt('9000000000000', 'IDR');
    const { proposal } = await leadWithSentProposal(account, 'Jakarta Toll Roads');
    expect(proposal.total).toEqual({ amount: '9000000000000', currency: 'IDR', exponent: 2 });
    expect(await (await fetch(proposal.paymentUrl)).text()).toContain('IDR\u00a090,00,00,00,000.00');
  });

  it('a webhook one minor unit off a total past 2^53 is refused; the exact total pays', async () => {
    const account = await signup(app);
    const secret = 'whsec_money_0123456789abcdef';
    await app.gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${secret}") }`, {}, account.caller);
    await setUpAutopilot(app, account, false);
    const lead = await createLead(app, account.caller, { businessName: 'Reliance Retail' });
    const proposalId = await proposalDraft(app, account, lead.id);
    const edited = await app.gql(`mutation { updateProposalDraft(proposalId: "${proposalId}", input: { lineItems: [{ description: "Stores", quantity: 2, unitAmount: "4500000000000000001" }] }) { total { amount } lineItems { amount { amount } } } }`, {}, account.caller);
    expect(edited.data?.updateProposalDraft).toEqual({ total: { amount: '9000000000000000002' }, lineItems: [{ amount: { amount: '9000000000000000002' } }] });
    await app.gql(`mutation { sendProposal(proposalId: "${proposalId}") { id } }`, {}, account.caller);
    await waitForStatus(app, account, lead.id, 'PROPOSAL_SENT');

    const pay = (id: string, amount: string) => postStripeWebhook(app, account.tenantId, signedPayment({ secret, id, tenantId: account.tenantId, leadId: lead.id, proposalId, amount, currency: 'INR' }));
    // Both differ by one paisa, yet are the same JS number: only exact reading tells them apart.
    expect(Number('9000000000000000001')).toBe(Number('9000000000000000002'));
    expect((await pay('evt_one_short', '9000000000000000001')).status).toBe(200);
    const refused = await eventually(async () => (await history(app, account, lead.id)).find((e) => e.kind === 'FAILURE' && /does not match/.test(e.reason)), 20_000, 'the refusal');
    expect(refused.reason).toContain('Payment of ₹90,00,00,00,00,00,00,000.01 does not match the proposal total ₹90,00,00,00,00,00,00,000.02');
    expect(await leadStatus(app, account, lead.id)).toBe('PROPOSAL_SENT');
    expect((await pay('evt_exact', '9000000000000000002')).status).toBe(200);
    await waitForStatus(app, account, lead.id, 'PAID');
  });

  it('a proposal stored before amounts were strings (a JSON number per line, a currency outside the list) still reads', async () => {
    const account = await signup(app);
    const lead = await createLead(app, account.caller);
    const client = await app.database.ownerClient();
    await client.query(
      `insert into proposals (tenant_id, lead_id, version, status, title, summary, line_items, currency, total, expected_results, valid_until)
       values ($1, $2, 1, 'draft', 'Old plan', 'Written by an earlier release', '[{"serviceId": null, "description": "Plan", "quantity": 3, "unitAmount": 150000}]', 'ABC', 450000, '[]', current_date)`,
      [account.tenantId, lead.id],
    );
    const read = await app.gql(`{ lead(id: "${lead.id}") { proposal { total { ${MONEY} } lineItems { unitAmount { amount } amount { amount } } } } }`, {}, account.caller);
    expect(read.errors).toBeUndefined();
    expect(read.data?.lead.proposal).toEqual({ total: { amount: '450000', currency: 'ABC', exponent: 2 }, lineItems: [{ unitAmount: { amount: '150000' }, amount: { amount: '450000' } }] });
  });
});

describe('the agency overview', () => {
  it('sums two payments of 1,200,000,000 paise past 32 bits, per currency, with the open pipeline; a tenant whose figures fail shows its error and the others still show', async () => {
    const account = await sellingAt('1200000000', 'INR');
    const owner = { token: account.token };
    for (const name of ['Tata Motors', 'Infosys']) {
      const { lead, proposal } = await leadWithSentProposal(account, name);
      expect((await fetch(proposal.paymentUrl, { method: 'POST' })).status).toBe(200);
      await waitForStatus(app, account, lead.id, 'PAID');
    }
    const open = await leadWithSentProposal(account, 'Wipro');
    // A dollar payment in the same tenant (its catalog was in dollars once): never added to the rupees.
    const client = await app.database.ownerClient();
    await client.query(
      `insert into proposals (tenant_id, lead_id, version, status, title, summary, line_items, currency, total, expected_results, valid_until, paid_at)
       values ($1, $2, 2, 'paid', 'Earlier plan', 'In dollars', '[{"serviceId": null, "description": "Plan", "quantity": 1, "unitAmount": 12345}]', 'USD', 12345, '[]', current_date, now())`,
      [account.tenantId, open.lead.id],
    );

    const broken = (await app.gql('mutation { createTenant(input: { name: "Broken books" }) { id } }', {}, owner)).data?.createTenant.id;
    const quiet = (await app.gql('mutation { createTenant(input: { name: "Quiet client" }) { id } }', {}, owner)).data?.createTenant.id;
    await createLead(app, { token: account.token, tenantId: broken }, { businessName: 'Unlucky Ltd' });
    // One tenant's rows cannot be read (a stand-in for any fault in its figures).
    await client.query(`create function overview_fault(tenant uuid) returns boolean language plpgsql as $$ begin raise exception 'simulated fault reading tenant %', tenant; end $$`);
    await client.query(`create policy overview_fault on leads as restrictive for select using (tenant_id <> '${broken}' or overview_fault(tenant_id))`);

    const result = await app.gql(`{ agencyOverview { nodes { tenantId name error totalLeads conversionRate messagesSentThisWeek autopilot leadsByStatus { status count } revenue { ${MONEY} } pipelineValue { ${MONEY} } } } }`, {}, owner);
    expect(result.errors).toBeUndefined();
    const byName = Object.fromEntries(result.data?.agencyOverview.nodes.map((t: any) => [t.name, t]));
    expect(byName['First client']).toMatchObject({
      error: null,
      totalLeads: 3,
      revenue: [{ amount: '2400000000', currency: 'INR', exponent: 2 }, { amount: '12345', currency: 'USD', exponent: 2 }],
      pipelineValue: [{ amount: '1200000000', currency: 'INR', exponent: 2 }],
    });
    expect(byName['First client'].leadsByStatus.find((s: any) => s.status === 'PAID').count).toBe(2);
    expect(byName['Broken books']).toEqual({
      tenantId: broken, name: 'Broken books', error: expect.stringMatching(/^This tenant's figures could not be computed\. Quote request id [0-9a-f-]{36} when reporting it\.$/),
      totalLeads: null, conversionRate: null, messagesSentThisWeek: null, autopilot: null, leadsByStatus: null, revenue: null, pipelineValue: null,
    });
    expect(byName['Quiet client']).toMatchObject({ tenantId: quiet, error: null, totalLeads: 0, revenue: [], pipelineValue: [] });
  });
});
