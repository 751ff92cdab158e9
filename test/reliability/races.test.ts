import fc from 'fast-check';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findTransition, type LeadStatus } from '../../core/lifecycle/lead-lifecycle.ts';
import { createLead, forceStatus, signup, type Account } from '../support/factories.ts';
import { history, setUpAutopilot } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 600_000 });

const SECRET = 'whsec_races_0123456789abcdefghij';
const PATHS: LeadStatus[][] = [[], ['CONTACTED'], ['CONTACTED', 'INTERESTED'], ['CONTACTED', 'INTERESTED', 'PROPOSAL_SENT']];
const tally = { runs: 0, events: 0, failures: 0 };

let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  // The races send many simulated replies at once: the per-minute AI budget is not what they test.
  app = await startTestGateway({ AI_REQUESTS_PER_MINUTE: '100000' });
  owner = await signup(app);
  await app.gql(`mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "${SECRET}") }`, {}, owner.caller);
  // Autopilot off: every move comes from the events below (the workers still classify replies).
  await setUpAutopilot(app, owner, false);
});
afterAll(async () => {
  console.log(`races: ${tally.runs} runs, ${tally.events} concurrent events, ${tally.failures} failures`);
  await app.close();
});

type Event = { lead: number; kind: 'interested-reply' | 'not-interested-reply' | 'override' | 'close' | 'payment' | 'payment-again' };

async function settle(): Promise<void> {
  const db = await app.database.ownerClient();
  await eventually(async () => {
    const { rows } = await db.query("select count(*)::int as n from pgboss.job where data->>'tenantId' = $1 and state in ('created', 'retry', 'active')", [owner.tenantId]);
    return rows[0].n === 0;
  }, 60_000, 'the jobs to settle');
}

async function run(events: Event[], leadCount: number): Promise<void> {
  const db = await app.database.ownerClient();
  const leads: Array<{ id: string; start: LeadStatus; proposal: { id: string; total: number } | null }> = [];
  for (let i = 0; i < leadCount; i += 1) {
    const lead = await createLead(app, owner.caller);
    const path = PATHS[i % PATHS.length] as LeadStatus[];
    await forceStatus(app, lead.id, path);
    let proposal = null;
    if (path.at(-1) === 'PROPOSAL_SENT') {
      const { rows } = await db.query(
        `insert into proposals (tenant_id, lead_id, version, status, title, summary, line_items, currency, total, expected_results, valid_until)
         values ($1, $2, 1, 'sent', 'Plan', 'A plan', '[]', 'INR', 500000, '[]', now() + interval '14 days') returning id, total`, [owner.tenantId, lead.id]);
      proposal = { id: rows[0].id, total: Number(rows[0].total) };
    }
    leads.push({ id: lead.id, start: path.at(-1) ?? 'NEW', proposal });
  }
  await Promise.all(
    events.map(async (event) => {
      const lead = leads[event.lead % leads.length]!;
      switch (event.kind) {
        case 'interested-reply':
        case 'not-interested-reply': {
          const body = event.kind === 'interested-reply' ? 'Yes, interested! What does it cost?' : 'Not interested, thanks.';
          return app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "${body}") { id } }`, {}, owner.caller);
        }
        case 'override':
          return app.gql(`mutation { markLeadInterested(id: "${lead.id}") { id } }`, {}, owner.caller);
        case 'close':
          return app.gql(`mutation { closeLead(id: "${lead.id}") { id } }`, {}, owner.caller);
        case 'payment':
        case 'payment-again': {
          if (!lead.proposal) return null;
          const id = `evt_${lead.id}_${event.kind === 'payment' ? 1 : 2}`;
          const payload = JSON.stringify({ id, object: 'event', created: Math.floor(Date.now() / 1000), livemode: false, type: 'checkout.session.completed', data: { object: { id: `cs_${id}`, object: 'checkout.session', amount_total: lead.proposal.total, currency: 'inr', payment_status: 'paid', metadata: { tenantId: owner.tenantId, leadId: lead.id, proposalId: lead.proposal.id } } } });
          return fetch(`${app.url}/webhooks/stripe/${owner.tenantId}`, { method: 'POST', headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) }, body: payload });
        }
      }
    }),
  );
  await settle();
  tally.runs += 1;
  tally.events += events.length;
  for (const lead of leads) {
    const status = (await app.gql(`{ lead(id: "${lead.id}") { status } }`, {}, owner.caller)).data?.lead.status as LeadStatus;
    const moves = (await history(app, owner, lead.id)).filter((e) => e.kind === 'TRANSITION');
    // Starting states were set with SQL (not on the timeline); every move after must chain from there.
    let current: LeadStatus = lead.start;
    for (const move of moves) {
      const legal = move.fromStatus === current && findTransition(current, move.toStatus) !== undefined;
      if (!legal) tally.failures += 1;
      expect(legal, `${current} then ${move.fromStatus} → ${move.toStatus}`).toBe(true);
      current = move.toStatus;
    }
    if (current !== status) tally.failures += 1;
    expect(current).toBe(status);
    const paid = moves.filter((m) => m.toStatus === 'PAID');
    expect(paid.length).toBeLessThanOrEqual(1);
  }
}

describe('races', () => {
  it('random concurrent replies, overrides, closes and payments on the same leads never commit an illegal move; history matches the final state', async () => {
    const event = fc.record({
      lead: fc.nat({ max: 7 }),
      kind: fc.constantFrom('interested-reply', 'not-interested-reply', 'override', 'close', 'payment', 'payment-again'),
    }) as fc.Arbitrary<Event>;
    await fc.assert(fc.asyncProperty(fc.array(event, { minLength: 8, maxLength: 30 }), (events) => run(events, 8)), { numRuns: Number(process.env.RACES_RUNS ?? 6), seed: 20261124 });
  });
});
