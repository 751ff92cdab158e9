import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkoutTenant } from '../../adapters/db/units-of-work.ts';
import { buildCheckoutCompletedEvent } from '../../adapters/payments/index.ts';
import { formatMoney, lineTotal, money } from '../../core/money/money.ts';
import { checkoutState } from '../../core/autopilot/checkout.ts';
import { moveLead } from '../../core/leads/lead-moves.ts';
import { LeadStatus, TransitionTrigger } from '../../core/lifecycle/lead-lifecycle.ts';
import type { Services } from '../services.ts';
import { escapeHtml, sendPage } from './page.ts';
import type { Route } from './server.ts';

const PAY = /^\/pay\/([A-Za-z0-9_-]{32,64})$/;
const UNSUBSCRIBE = /^\/u\/([A-Za-z0-9_-]{40,80})$/;
const OPEN = new Set<string>([LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.INTERESTED, LeadStatus.PROPOSAL_SENT]);

/** The offline checkout (/pay/<token>) and one-click unsubscribe (/u/<token>): pages for leads. */
export function publicPages(services: Services, selfUrl: () => string): Route[] {
  return [
    // Where Stripe Checkout sends the customer back; the webhook, not this page, confirms payment.
    { method: 'GET', path: '/pay/success', handler: async (_req, res) => sendPage(res, 200, 'Thank you', '<span class="badge">Payment submitted</span><h1>Thank you!</h1><p>Your payment is being confirmed. You will receive a welcome email shortly.</p>') },
    { method: 'GET', path: '/pay/cancelled', handler: async (_req, res) => sendPage(res, 200, 'Payment cancelled', '<h1>Payment cancelled</h1><p>Nothing was charged. You can use the link in the proposal email again at any time.</p>') },
    { method: ['GET', 'POST'], path: PAY, handler: (req, res, url) => payPage(services, selfUrl, req, res, (url.pathname.match(PAY) as RegExpMatchArray)[1] as string) },
    { method: ['GET', 'POST'], path: UNSUBSCRIBE, handler: (req, res, url) => unsubscribePage(services, req, res, (url.pathname.match(UNSUBSCRIBE) as RegExpMatchArray)[1] as string) },
  ];
}

/**
 * GET shows the proposal and a Pay button; POST "pays": it posts a Stripe-format
 * checkout.session.completed event, signed with the tenant's webhook secret, to our real Stripe
 * webhook endpoint, so the offline funnel exercises the same verification and the same path. Only
 * an open proposal takes a payment (see checkoutState); any other says why, and nothing is posted.
 */
async function payPage(services: Services, selfUrl: () => string, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const tenantId = await checkoutTenant(services.db, token);
  const found = tenantId ? await readCheckout(services, tenantId, token) : null;
  if (!tenantId || !found) return sendPage(res, 404, 'Payment link not found', '<h1>This payment link is not valid</h1><p>Ask the sender for a new link.</p>');
  const { proposal, lead, settings, secret } = found;
  const amount = formatMoney(money(proposal.total, proposal.currency));
  const company = escapeHtml(settings.sender.company);
  const state = checkoutState(proposal, lead, new Date().toISOString().slice(0, 10));
  if (state.kind === 'paid') {
    return sendPage(res, 200, 'Paid', `<span class="badge">Paid</span><h1>${escapeHtml(proposal.title)}</h1><p>Thank you — ${escapeHtml(amount)} was received. ${company} will be in touch about next steps.</p>`);
  }
  if (state.kind === 'closed') {
    return sendPage(res, 410, 'Not open for payment', `<h1>${escapeHtml(proposal.title)}</h1><p>${escapeHtml(state.why)} Nothing was charged.</p><p>If you want to go ahead, reply to the email from ${company}.</p>`);
  }
  if (!secret) {
    // The tenant removed its webhook signing secret: a payment could not be confirmed, so none is taken.
    return sendPage(res, 503, 'Payment unavailable', `<h1>Payment is not available right now</h1><p>Nothing was charged. Try again later, or reply to the email from ${company}.</p>`);
  }
  if (req.method === 'POST') {
    const event = buildCheckoutCompletedEvent({ tenantId, leadId: lead.id, proposalId: proposal.id, amount: proposal.total, currency: proposal.currency, customerEmail: lead.email, token }, secret);
    const response = await fetch(`${selfUrl()}/webhooks/stripe/${tenantId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': event.signature }, body: event.payload });
    if (!response.ok) return sendPage(res, 502, 'Payment failed', `<h1>The payment could not be confirmed</h1><p>${escapeHtml(await response.text())}</p>`);
    // Said as it is: confirmed (the lead is PAID) or received and being confirmed, never more.
    const after = await readCheckout(services, tenantId, token);
    const paid = after ? checkoutState(after.proposal, after.lead, '0000-00-00').kind === 'paid' : false;
    return paid
      ? sendPage(res, 200, 'Payment received', `<span class="badge">Payment received</span><h1>Thank you!</h1><p>${escapeHtml(amount)} for “${escapeHtml(proposal.title)}” is confirmed. A welcome email from ${company} is on its way.</p><p class="muted">Offline checkout: no card was charged.</p>`)
      : sendPage(res, 202, 'Payment received', `<span class="badge">Payment received</span><h1>Thank you!</h1><p>${escapeHtml(amount)} for “${escapeHtml(proposal.title)}” was received. ${company} will confirm it shortly.</p><p class="muted">Offline checkout: no card was charged.</p>`);
  }
  const rows = proposal.lineItems.map((item) => `<tr><td>${escapeHtml(item.description)} × ${item.quantity}</td><td>${escapeHtml(formatMoney(money(lineTotal(item.unitAmount, item.quantity), proposal.currency)))}</td></tr>`).join('');
  sendPage(res, 200, `Pay ${amount}`, `<p class="muted">${company} · proposal for ${escapeHtml(lead.businessName)}</p><h1>${escapeHtml(proposal.title)}</h1>
<table>${rows}<tr class="total"><td>Total</td><td>${escapeHtml(amount)}</td></tr></table>
<form method="post"><button type="submit">Pay ${escapeHtml(amount)}</button></form><p class="muted">Offline checkout (no provider keys set): paying here sends a signed test payment event; no card is charged. Valid until ${escapeHtml(proposal.validUntil)}.</p>`);
}

/** The proposal a checkout token pays, with its lead, the tenant's settings and its webhook signing secret (null when removed). */
async function readCheckout(services: Services, tenantId: string, token: string) {
  return services.autopilot(tenantId).uow.run(async (tx) => {
    const proposal = await tx.records.findProposalByPaymentRef(token);
    const lead = proposal ? await tx.leads.findById(proposal.leadId) : null;
    const settings = await tx.settings.get();
    return proposal && lead ? { proposal, lead, settings, secret: await tx.settings.secret('stripe_webhook_secret') } : null;
  });
}

/** GET asks to confirm (link scanners must not unsubscribe anyone); POST is RFC 8058's one click. */
async function unsubscribePage(services: Services, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const target = services.links.verify(token);
  if (!target) return sendPage(res, 404, 'Link not valid', '<h1>This unsubscribe link is not valid</h1>');
  if (req.method !== 'POST') {
    return sendPage(res, 200, 'Unsubscribe', '<h1>Unsubscribe from these emails?</h1><p>You will not receive any more messages from this sender.</p><form method="post"><button type="submit">Unsubscribe</button></form>');
  }
  const done = await services.autopilot(target.tenantId).uow.run(async (tx) => {
    const lead = await tx.leads.findById(target.leadId, { forUpdate: true });
    if (!lead) return false;
    if (lead.email) await tx.records.suppress(lead.email, 'unsubscribe', lead.id);
    if (OPEN.has(lead.status)) await moveLead(tx.leads, lead, LeadStatus.LOST, TransitionTrigger.UNSUBSCRIBED, { type: 'provider', id: null, name: 'unsubscribe link' }, 'Unsubscribed with the link in an email');
    return true;
  });
  sendPage(res, done ? 200 : 404, 'Unsubscribed', done ? '<span class="badge">Done</span><h1>You are unsubscribed</h1><p>You will not receive any more emails from this sender.</p>' : '<h1>This unsubscribe link is not valid</h1>');
}
