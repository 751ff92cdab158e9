import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addTeamMember, createApiKey, createLead, signup, type Account } from '../support/factories.ts';
import { setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { inboundReply } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 60_000 });

/** Webhook URLs and secrets are for owners and admins, and can be rotated with a grace period. */
let app: TestGateway;
let owner: Account;

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  await setUpAutopilot(app, owner, true);
});
afterAll(() => app.close());

const settings = (caller: Account['caller']) => app.gql('{ autopilotSettings { inboundWebhookUrl stripeWebhookUrl autopilot } }', {}, caller);

async function postReply(url: string, from: string, text: string): Promise<number> {
  const { body, contentType } = inboundReply({ from, to: 'asha@growth.example', subject: 'Re: hello', text });
  return (await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body })).status;
}

describe('webhook secrets', () => {
  it('a viewer, a member and a viewer key see the settings but not the URL that carries the secret; owners, admins and admin keys do', async () => {
    const viewer = await addTeamMember(app, owner, 'VIEWER');
    const member = await addTeamMember(app, owner, 'MEMBER');
    const admin = await addTeamMember(app, owner, 'ADMIN');
    for (const caller of [viewer.caller, member.caller, (await createApiKey(app, owner, 'VIEWER')).caller, (await createApiKey(app, owner, 'MEMBER')).caller]) {
      const answer = await settings(caller);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.autopilotSettings).toMatchObject({ inboundWebhookUrl: null, autopilot: true });
      const rotate = await app.gql('mutation { rotateInboundWebhookSecret { inboundWebhookUrl } }', {}, caller);
      expect(rotate.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCESS' });
    }
    for (const caller of [owner.caller, admin.caller, (await createApiKey(app, owner, 'ADMIN')).caller]) {
      expect((await settings(caller)).data?.autopilotSettings.inboundWebhookUrl).toMatch(/\/webhooks\/email\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{16,}$/);
    }
  });

  it('rotating gives a new URL; the old one keeps working for the grace period, then stops', async () => {
    const lead = await createLead(app, owner.caller, { email: 'rotation@clinic.example.in' });
    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    const old = (await settings(owner.caller)).data?.autopilotSettings.inboundWebhookUrl as string;
    const rotated = await app.gql('mutation { rotateInboundWebhookSecret { inboundWebhookUrl } }', {}, owner.caller);
    const fresh = rotated.data?.rotateInboundWebhookSecret.inboundWebhookUrl as string;
    expect(fresh).toMatch(/\/webhooks\/email\//);
    expect(fresh).not.toBe(old);
    expect(await postReply(fresh, 'rotation@clinic.example.in', 'Thanks, tell me more')).toBe(200);
    expect(await postReply(old, 'rotation@clinic.example.in', 'Still there?')).toBe(200);
    // The grace period ends (as if a day had passed): the old URL is refused like any wrong one.
    const db = await app.database.ownerClient();
    await db.query("update tenant_settings set inbound_secret_previous_until = now() - interval '1 second' where tenant_id = $1", [owner.tenantId]);
    await new Promise((resolve) => setTimeout(resolve, 5_200)); // the secrets cache
    expect(await postReply(old, 'rotation@clinic.example.in', 'Hello?')).toBe(404);
    expect(await postReply(fresh, 'rotation@clinic.example.in', 'Hello again')).toBe(200);
  });

  it('a replaced Stripe signing secret keeps verifying for the grace period; a removed stranger\'s never did', async () => {
    const post = (secret: string) => {
      const payload = JSON.stringify({ id: `evt_${secret.slice(-6)}_${Date.now()}`, object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_1', object: 'customer' } } });
      return fetch(`${app.url}/webhooks/stripe/${owner.tenantId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) }, body: payload });
    };
    await app.gql('mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "whsec_first_0123456789") }', {}, owner.caller);
    await app.gql('mutation { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: "whsec_second_0123456789") }', {}, owner.caller);
    expect((await post('whsec_second_0123456789')).status).toBe(200);
    expect((await post('whsec_first_0123456789')).status).toBe(200);
    expect((await post('whsec_never_0123456789')).status).toBe(400);
    const names = await app.gql('{ autopilotSettings { credentialsSet } }', {}, owner.caller);
    expect(names.data?.autopilotSettings.credentialsSet).toEqual(['STRIPE_WEBHOOK_SECRET']);
  });

  it('a removed Stripe signing secret stops verifying at once, and so does the one it had replaced; a leaked one ends at once with graceSeconds: 0', async () => {
    const tenant = (await app.gql('mutation { createTenant(input: { name: "Secrets ending" }) { id } }', {}, { token: owner.token })).data?.createTenant.id as string;
    const caller = { token: owner.token, tenantId: tenant };
    const set = (value: string | null, grace = '') => app.gql(`mutation($v: String) { setProviderCredential(name: STRIPE_WEBHOOK_SECRET, value: $v${grace}) }`, { v: value }, caller);
    const post = async (secret: string) => {
      const payload = JSON.stringify({ id: `evt_end_${Math.random().toString(36).slice(2)}`, object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_1', object: 'customer' } } });
      return (await fetch(`${app.url}/webhooks/stripe/${tenant}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) }, body: payload })).status;
    };
    await set('whsec_leaked_0123456789');
    expect(await post('whsec_leaked_0123456789')).toBe(200); // cached now
    await set('whsec_replacement_0123456789');
    expect(await post('whsec_leaked_0123456789')).toBe(200); // the default grace
    // Removed: neither the current secret nor the one it replaced verifies, with no wait for any cache.
    expect((await set(null)).data?.setProviderCredential).toEqual([]);
    expect(await post('whsec_replacement_0123456789')).toBe(400);
    expect(await post('whsec_leaked_0123456789')).toBe(400);

    await set('whsec_third_0123456789');
    await set('whsec_fourth_0123456789', ', graceSeconds: 0');
    expect(await post('whsec_third_0123456789')).toBe(400);
    expect(await post('whsec_fourth_0123456789')).toBe(200);
    // A grace under way can be ended by setting the current secret again with graceSeconds: 0.
    await set('whsec_fifth_0123456789', ', graceSeconds: 3600');
    expect(await post('whsec_fourth_0123456789')).toBe(200);
    await set('whsec_fifth_0123456789', ', graceSeconds: 0');
    expect(await post('whsec_fourth_0123456789')).toBe(400);
    expect(await post('whsec_fifth_0123456789')).toBe(200);

    for (const grace of [-1, 86_401]) {
      const refused = await set('whsec_sixth_0123456789', `, graceSeconds: ${grace}`);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'graceSeconds', message: expect.stringContaining('0') }] });
    }
    expect(await post('whsec_fifth_0123456789')).toBe(200); // nothing changed
  });

  it('rotating with graceSeconds: 0 ends the old inbound URL at once', async () => {
    const lead = await createLead(app, owner.caller, { email: 'leaked-url@clinic.example.in' });
    await waitForStatus(app, owner, lead.id, 'CONTACTED');
    const old = (await settings(owner.caller)).data?.autopilotSettings.inboundWebhookUrl as string;
    expect(await postReply(old, 'leaked-url@clinic.example.in', 'Before the leak was noticed')).toBe(200);
    const rotated = await app.gql('mutation { rotateInboundWebhookSecret(graceSeconds: 0) { inboundWebhookUrl } }', {}, owner.caller);
    const fresh = rotated.data?.rotateInboundWebhookSecret.inboundWebhookUrl as string;
    expect(await postReply(old, 'leaked-url@clinic.example.in', 'After')).toBe(404);
    expect(await postReply(fresh, 'leaked-url@clinic.example.in', 'The new URL works')).toBe(200);
    const refused = await app.gql('mutation { rotateInboundWebhookSecret(graceSeconds: 90000) { inboundWebhookUrl } }', {}, owner.caller);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'graceSeconds' }] });
    expect(await postReply(fresh, 'leaked-url@clinic.example.in', 'Still the same URL')).toBe(200);
  });
});
