import Stripe from 'stripe';
import type { Account } from './factories.ts';
import { forceStatus } from './factories.ts';
import type { TestGateway } from './gateway.ts';
import { eventually } from './multipart.ts';

/**
 * A checkout.session.completed signed as Stripe signs it, its amount a bare JSON number written from
 * `amount`'s digits (as Stripe writes one; JSON.stringify of a JS number could not say them past 2^53).
 */
export function signedPayment(input: { secret: string; id: string; tenantId: string; leadId: string; proposalId: string; amount: string; currency: string }) {
  const session = { id: `cs_test_${input.id}`, object: 'checkout.session', amount_total: '__AMOUNT__', currency: input.currency.toLowerCase(), payment_status: 'paid', status: 'complete', payment_intent: `pi_${input.id}`, metadata: { tenantId: input.tenantId, leadId: input.leadId, proposalId: input.proposalId } };
  const payload = JSON.stringify({ id: input.id, object: 'event', created: Math.floor(Date.now() / 1000), livemode: false, type: 'checkout.session.completed', data: { object: session } }).replace('"__AMOUNT__"', input.amount);
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: input.secret }) };
}

export function postStripeWebhook(app: TestGateway, tenantId: string, event: { payload: string; signature: string }): Promise<Response> {
  return fetch(`${app.url}/webhooks/stripe/${tenantId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': event.signature }, body: event.payload });
}

/** With the autopilot off: the lead made INTERESTED (as the owner, in SQL), a proposal written from the catalog; its id. */
export async function proposalDraft(app: TestGateway, account: Account, leadId: string): Promise<string> {
  await forceStatus(app, leadId, ['CONTACTED', 'INTERESTED']);
  await app.gql(`mutation { generateProposal(leadId: "${leadId}") { id } }`, {}, account.caller);
  const draft = await eventually(async () => (await app.gql(`{ lead(id: "${leadId}") { proposal { id status } } }`, {}, account.caller)).data?.lead.proposal, 20_000, 'the proposal draft');
  return draft.id;
}
