import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000 });

/**
 * An address on the suppression list never receives another message, whichever path tries to send
 * to it: the autopilot, a manual send, a follow-up, or a send job queued before the suppression
 * and run after it (a retry of an old job).
 */
let app: TestGateway;
let owner: Account;
const tally = { attempts: 0, failures: 0 };

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
});
afterAll(async () => {
  console.log(`suppression: ${tally.attempts} attempts to reach a suppressed address, ${tally.failures} failures`);
  await app.close();
});

/** Puts an address on the tenant's list, as a hard bounce or a complaint reported by the provider would. */
async function suppress(address: string): Promise<void> {
  await app.services.autopilot(owner.tenantId).uow.run((tx) => tx.records.suppress(address, 'bounce', null));
}

async function delivered(address: string): Promise<number> {
  const owners = await app.database.ownerClient();
  const { rows } = await owners.query('select count(*)::int as n from outbox where lower(to_address) = lower($1)', [address]);
  return rows[0].n;
}

async function messages(gateway: TestGateway, leadId: string): Promise<Array<{ id: string; purpose: string; status: string; error: string | null }>> {
  return (await gateway.gql(`{ lead(id: "${leadId}") { messages { nodes { id purpose status error } } } }`, {}, owner.caller)).data?.lead.messages.nodes;
}

/** Waits until a message of `purpose` settles as suppressed, then checks nothing reached the address. */
async function refused(gateway: TestGateway, leadId: string, purpose: string, address: string, before: number): Promise<void> {
  tally.attempts += 1;
  const message = await eventually(async () => (await messages(gateway, leadId)).find((m) => m.purpose === purpose && ['SUPPRESSED', 'SENT'].includes(m.status)), 30_000, `the ${purpose} to settle`);
  const ok = message.status === 'SUPPRESSED' && (await delivered(address)) === before;
  if (!ok) tally.failures += 1;
  expect(message.status).toBe('SUPPRESSED');
  expect(message.error).toContain('suppression list');
  expect(await delivered(address)).toBe(before);
}

describe('a suppressed address, under every path that can send', () => {
  it('the autopilot: a new lead with the address is never contacted', async () => {
    await setUpAutopilot(app, owner, true);
    await suppress('bounced@clinic.in');
    const lead = await createLead(app, owner.caller, { email: 'Bounced@Clinic.in' });
    await refused(app, lead.id, 'OUTREACH', 'bounced@clinic.in', 0);
    expect((await app.gql(`{ lead(id: "${lead.id}") { status } }`, {}, owner.caller)).data?.lead.status).toBe('NEW');
  });

  it('a manual send of a draft written before the suppression', async () => {
    await setUpAutopilot(app, owner, false);
    const lead = await createLead(app, owner.caller, { email: 'draft-then-bounce@clinic.in' });
    await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    await eventually(async () => (await messages(app, lead.id)).some((m) => m.status === 'DRAFT'), 20_000, 'the draft');
    await suppress('draft-then-bounce@clinic.in');
    const sent = await app.gql(`mutation { sendOutreach(leadId: "${lead.id}") { status } }`, {}, owner.caller);
    expect(sent.errors).toBeUndefined();
    await refused(app, lead.id, 'OUTREACH', 'draft-then-bounce@clinic.in', 0);
  });

  it('a follow-up to a lead that was contacted before its address was suppressed', async () => {
    await setUpAutopilot(app, owner, false);
    const lead = await createLead(app, owner.caller, { email: 'contacted-then-bounce@clinic.in' });
    await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    await eventually(async () => (await messages(app, lead.id)).some((m) => m.status === 'DRAFT'), 20_000, 'the draft');
    await app.gql(`mutation { sendOutreach(leadId: "${lead.id}") { status } }`, {}, owner.caller);
    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    expect(await delivered('contacted-then-bounce@clinic.in')).toBe(1);
    await suppress('contacted-then-bounce@clinic.in');
    await app.gql(`mutation { sendFollowUp(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    const draft = await eventually(async () => (await messages(app, lead.id)).find((m) => m.purpose === 'FOLLOW_UP' && m.status === 'DRAFT'), 20_000, 'the follow-up draft');
    await app.gql(`mutation { sendDraft(messageId: "${draft.id}") { status } }`, {}, owner.caller);
    await refused(app, lead.id, 'FOLLOW_UP', 'contacted-then-bounce@clinic.in', 1);
  });

  it('a send job queued before the suppression and run after it (an old job retried, twice)', async () => {
    await setUpAutopilot(app, owner, false);
    const lead = await createLead(app, owner.caller, { email: 'queued-then-bounce@clinic.in' });
    await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    const draft = await eventually(async () => (await messages(app, lead.id)).find((m) => m.status === 'DRAFT'), 20_000, 'the draft');
    // The message was queued for sending while the address was still fine (its job not run yet)...
    await app.services.autopilot(owner.tenantId).uow.run((tx) => tx.messages.update(draft.id, ['draft'], { status: 'queued' }));
    await suppress('queued-then-bounce@clinic.in');
    // ...then its job runs, and runs again.
    await app.services.boss.send('message.send', { tenantId: owner.tenantId, messageId: draft.id });
    await refused(app, lead.id, 'OUTREACH', 'queued-then-bounce@clinic.in', 0);
    await app.services.boss.send('message.send', { tenantId: owner.tenantId, messageId: draft.id });
    await app.services.autopilot(owner.tenantId).delivery.deliver(draft.id).catch(() => undefined);
    expect(await delivered('queued-then-bounce@clinic.in')).toBe(0);
  });
});
