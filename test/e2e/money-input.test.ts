import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { history, leadStatus, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { errorCode, startTestGateway, type GqlResult, type TestGateway } from '../support/gateway.ts';
import { proposalDraft } from '../support/money.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 120_000 });

let app: TestGateway;
beforeAll(async () => {
  // Stripe's API is never reached in these tests (an amount above its maximum is refused before); if it were, nothing answers here.
  app = await startTestGateway({ STRIPE_API_BASE_URL: 'http://127.0.0.1:9' });
});
afterAll(() => app.close());

const CATALOG = 'mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { id } }';
const fieldsOf = (result: GqlResult) => (result.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);
const catalogNames = async (account: Account) => (await app.gql('{ serviceCatalog { name priceMin { amount } } }', {}, account.caller)).data?.serviceCatalog;

describe('bad amounts and currencies are refused on input, naming the field, and nothing is stored', () => {
  it('catalog prices: negative, fractional, not a number, beyond 64 bits, max below min, unknown currency', async () => {
    const account = await signup(app);
    await app.gql(CATALOG, { s: [{ name: 'Website', priceMin: '4500000', currency: 'INR' }] }, account.caller);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ priceMin: '-1' }, 'services.0.priceMin', /negative/],
      [{ priceMin: '12.5' }, 'services.0.priceMin', /not a decimal/],
      [{ priceMin: 'abc' }, 'services.0.priceMin', /digits/],
      [{ priceMin: '' }, 'services.0.priceMin', /digits/],
      [{ priceMin: '1e5' }, 'services.0.priceMin', /digits/],
      [{ priceMin: '9223372036854775808' }, 'services.0.priceMin', /at most 9223372036854775807/],
      [{ priceMin: '1'.repeat(100_000) }, 'services.0.priceMin', /at most/],
      [{ priceMin: 12.5 }, 'services.0.priceMin', /not a decimal/],
      [{ priceMin: '10', priceMax: '5' }, 'services.0.priceMax', /at least priceMin/],
      [{ priceMax: '-5' }, 'services.0.priceMax', /negative/],
      [{ currency: 'XYZ' }, 'services.0.currency', /XYZ is not one/],
      [{ currency: 'XAU' }, 'services.0.currency', /XAU is not one/],
      [{ currency: 'rupees' }, 'services.0.currency', /3-letter/],
    ];
    for (const [change, field, message] of cases) {
      const service = { name: 'Big deal', priceMin: '100', currency: 'INR', ...change };
      const result = await app.gql(CATALOG, { s: [{ name: 'Fine', priceMin: '1', currency: 'INR' }, service] }, account.caller);
      const shifted = field.replace('services.0', 'services.1');
      expect({ change: JSON.stringify(change).slice(0, 60), code: errorCode(result), fields: fieldsOf(result) }).toEqual({ change: JSON.stringify(change).slice(0, 60), code: 'VALIDATION', fields: [shifted] });
      expect(result.errors?.[0]?.extensions?.fields[0].message).toMatch(message);
    }
    // A JSON number past 2^53 has lost its digits before the API sees it: refused, never rounded and stored.
    const unsafe = await app.gql(CATALOG, { s: [{ name: 'Rounded', priceMin: 9_007_199_254_740_993, currency: 'INR' }] }, account.caller);
    expect(errorCode(unsafe)).toBe('VALIDATION');
    expect(unsafe.errors?.[0]?.message).toMatch(/must be sent as a string of digits/);
    const literal = await app.gql('mutation { setServiceCatalog(services: [{ name: "Literal", priceMin: -5, currency: "INR" }]) { id } }', {}, account.caller);
    expect(fieldsOf(literal)).toEqual(['services.0.priceMin']);
    expect(await catalogNames(account)).toEqual([{ name: 'Website', priceMin: { amount: '4500000' } }]);
  });

  it('the tenant\'s currency is checked against the ISO 4217 list and kept upper case', async () => {
    const account = await signup(app);
    const set = (currency: string) => app.gql(`mutation { updateAutopilotSettings(input: { currency: "${currency}" }) { currency } }`, {}, account.caller);
    expect(fieldsOf(await set('XYZ'))).toEqual(['currency']);
    expect((await set('jpy')).data?.updateAutopilotSettings.currency).toBe('JPY');
  });

  it('proposal lines: a bad unit amount or quantity names its line, and a total past 64 bits is refused; the draft is unchanged', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, false);
    const lead = await createLead(app, account.caller);
    const proposalId = await proposalDraft(app, account, lead.id);
    const before = (await app.gql(`{ lead(id: "${lead.id}") { proposal { total { amount } } } }`, {}, account.caller)).data?.lead.proposal.total;
    const edit = (lines: unknown[]) => app.gql('mutation($id: ID!, $lines: [ProposalLineItemInput!]) { updateProposalDraft(proposalId: $id, input: { lineItems: $lines }) { total { amount } } }', { id: proposalId, lines }, account.caller);
    const line = (unitAmount: unknown, quantity = 1) => ({ description: 'Work', quantity, unitAmount });
    expect(fieldsOf(await edit([line('100'), line('-1')]))).toEqual(['lineItems.1.unitAmount']);
    expect(fieldsOf(await edit([line('1.5')]))).toEqual(['lineItems.0.unitAmount']);
    expect(fieldsOf(await edit([line('₹100')]))).toEqual(['lineItems.0.unitAmount']);
    expect(fieldsOf(await edit([line('100', 0)]))).toEqual(['lineItems.0.quantity']);
    expect(fieldsOf(await edit([line('9223372036854775807', 2)]))).toEqual(['lineItems']);
    expect(fieldsOf(await edit([line('9223372036854775807'), line('1')]))).toEqual(['lineItems']);
    expect((await app.gql(`{ lead(id: "${lead.id}") { proposal { total { amount } } } }`, {}, account.caller)).data?.lead.proposal.total).toEqual(before);
    expect((await edit([line('9223372036854775807')])).data?.updateProposalDraft.total).toEqual({ amount: '9223372036854775807' });
  });
});

describe('Stripe\'s maximum amount', () => {
  it('a total above it is refused clearly when sent by hand, and recorded on the timeline (not retried) when the autopilot sends it', async () => {
    const account = await signup(app);
    await app.gql('mutation { setProviderCredential(name: STRIPE_SECRET_KEY, value: "sk_test_money") }', {}, account.caller);
    await setUpAutopilot(app, account, false, ', paymentsProvider: STRIPE');
    await app.gql(CATALOG, { s: [{ name: 'Hospital network website', priceMin: '30000000000', currency: 'INR' }] }, account.caller);

    const lead = await createLead(app, account.caller);
    const proposalId = await proposalDraft(app, account, lead.id);
    const sent = await app.gql(`mutation { sendProposal(proposalId: "${proposalId}") { id } }`, {}, account.caller);
    expect(errorCode(sent)).toBe('VALIDATION');
    expect(sent.errors?.[0]?.extensions?.fields).toEqual([{ field: 'total', message: 'Stripe accepts at most ₹9,99,999.99 in one payment, and ₹30,00,00,000.00 is more: lower the total, or collect the payment another way' }]);
    expect(await leadStatus(app, account, lead.id)).toBe('INTERESTED');

    await app.gql('mutation { updateAutopilotSettings(input: { autopilot: true }) { autopilot } }', {}, account.caller);
    const auto = await createLead(app, account.caller);
    await waitForStatus(app, account, auto.id, 'CONTACTED');
    await app.gql(`mutation { simulateInboundReply(leadId: "${auto.id}", body: "Interested, send the proposal") { id } }`, {}, account.caller);
    const failure = await eventually(async () => (await history(app, account, auto.id)).find((e) => e.kind === 'FAILURE'), 20_000, 'the refusal on the timeline');
    expect(failure.reason).toBe('Proposal v1 was not sent: Stripe accepts at most ₹9,99,999.99 in one payment, and ₹30,00,00,000.00 is more: lower the total, or collect the payment another way');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await history(app, account, auto.id)).filter((e) => e.kind === 'FAILURE')).toHaveLength(1);
    expect(await leadStatus(app, account, auto.id)).toBe('INTERESTED');
  });
});
