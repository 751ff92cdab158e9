import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWireServer, type WireServer } from '../../adapters/llm/testing/wire-server.ts';
import { createLead, signup, type Account } from '../support/factories.ts';
import { history, setUpAutopilot, waitForStatus } from '../support/funnel.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000 });

/**
 * Providers that cannot work are refused when chosen, and whatever still fails at run time (a key
 * revoked at the provider, an outage) fails visibly per lead: never an internal error, never a
 * message left "composing".
 */
let app: TestGateway;
let openai: WireServer;

beforeAll(async () => {
  openai = await startWireServer();
  // The server has an OpenAI key (tenants may choose OpenAI without one of their own); Gemini, SendGrid and Stripe have none.
  app = await startTestGateway({ AI_PROVIDER: 'offline', OPENAI_API_KEY: 'sk-local-test', OPENAI_BASE_URL: `${openai.origin}/v1` });
});
afterAll(async () => {
  await app.close();
  await openai.close();
});

const settings = (account: Account, input: string) => app.gql(`mutation { updateAutopilotSettings(input: { ${input} }) { aiProvider aiModel channelProvider paymentsProvider } }`, {}, account.caller);
const fieldsOf = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => (result.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

describe('choosing providers', () => {
  it('refuses values outside the closed sets, providers whose key is nowhere, and absurd model names, naming the field; nothing changes', async () => {
    const account = await signup(app);
    const before = (await app.gql('{ autopilotSettings { aiProvider aiModel channelProvider paymentsProvider } }', {}, account.caller)).data?.autopilotSettings;
    expect(before).toEqual({ aiProvider: 'DEFAULT', aiModel: null, channelProvider: 'DEFAULT', paymentsProvider: 'DEFAULT' });

    const bogus = await app.gql('mutation($i: AutopilotSettingsInput!) { updateAutopilotSettings(input: $i) { aiProvider } }', { i: { aiProvider: 'bogus' } }, account.caller);
    expect(errorCode(bogus)).toBe('VALIDATION');
    expect(bogus.errors?.[0]?.message).toMatch(/aiProvider/);
    for (const [input, field, key] of [['aiProvider: GEMINI', 'aiProvider', 'gemini_api_key'], ['channelProvider: SENDGRID', 'channelProvider', 'sendgrid_api_key'], ['paymentsProvider: STRIPE', 'paymentsProvider', 'stripe_secret_key']] as const) {
      const refused = await settings(account, input);
      expect(errorCode(refused), input).toBe('VALIDATION');
      expect(refused.errors?.[0]?.extensions?.fields, input).toEqual([{ field, message: expect.stringContaining(key) }]);
    }
    const model = await settings(account, `aiModel: "${'m'.repeat(10_000)}"`);
    expect(fieldsOf(model)).toEqual(['aiModel']);
    expect((await app.gql('{ autopilotSettings { aiProvider aiModel channelProvider paymentsProvider } }', {}, account.caller)).data?.autopilotSettings).toEqual(before);
    // The database refuses them too, whoever writes.
    await expect((await app.database.ownerClient()).query("update tenant_settings set ai_provider = 'bogus' where tenant_id = $1", [account.tenantId])).rejects.toThrow(/tenant_settings_ai_provider/);

    // With a key (the server's for OpenAI, the workspace's for the others) the same choices are taken.
    expect((await settings(account, 'aiProvider: OPENAI, aiModel: "gpt-4o-mini"')).data?.updateAutopilotSettings).toMatchObject({ aiProvider: 'OPENAI', aiModel: 'gpt-4o-mini' });
    await app.gql('mutation { setProviderCredential(name: GEMINI_API_KEY, value: "gm-key") }', {}, account.caller);
    await app.gql('mutation { setProviderCredential(name: STRIPE_SECRET_KEY, value: "sk_test_x") }', {}, account.caller);
    expect((await settings(account, 'aiProvider: GEMINI, paymentsProvider: STRIPE, aiModel: ""')).data?.updateAutopilotSettings).toMatchObject({ aiProvider: 'GEMINI', paymentsProvider: 'STRIPE', aiModel: null });
  });

  it('a key a chosen provider needs cannot be removed; it can once another provider is chosen', async () => {
    const account = await signup(app);
    await app.gql('mutation { setProviderCredential(name: STRIPE_SECRET_KEY, value: "sk_test_x") }', {}, account.caller);
    expect(errorCode(await settings(account, 'paymentsProvider: STRIPE'))).toBeUndefined();
    const refused = await app.gql('mutation { setProviderCredential(name: STRIPE_SECRET_KEY, value: null) }', {}, account.caller);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'value', message: expect.stringMatching(/paymentsProvider is stripe/) }] });
    expect((await app.gql('{ autopilotSettings { credentialsSet } }', {}, account.caller)).data?.autopilotSettings.credentialsSet).toContain('STRIPE_SECRET_KEY');
    await settings(account, 'paymentsProvider: OFFLINE');
    expect((await app.gql('mutation { setProviderCredential(name: STRIPE_SECRET_KEY, value: null) }', {}, account.caller)).data?.setProviderCredential).not.toContain('STRIPE_SECRET_KEY');
    // A key the server supplies is not the workspace's to keep: removing the workspace's own is fine.
    await app.gql('mutation { setProviderCredential(name: OPENAI_API_KEY, value: "sk-own") }', {}, account.caller);
    await settings(account, 'aiProvider: OPENAI');
    expect(errorCode(await app.gql('mutation { setProviderCredential(name: OPENAI_API_KEY, value: null) }', {}, account.caller))).toBeUndefined();
  });
});

describe('what fails at run time fails visibly, per lead', () => {
  it('an OpenAI key revoked at the provider: the outreach is failed with the reason, the reply stays unclassified with the reason, classifyReply says UNAVAILABLE', async () => {
    const account = await signup(app);
    await setUpAutopilot(app, account, false, ', aiProvider: OPENAI');
    openai.reply({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } } });
    const lead = await createLead(app, account.caller);
    const generated = await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id status } }`, {}, account.caller);
    expect(generated.data?.generateOutreach.status).toBe('COMPOSING');
    const failed = await eventually(async () => {
      const message = (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { status error } } } }`, {}, account.caller)).data?.lead.messages.nodes[0];
      return message?.status === 'FAILED' ? message : null;
    }, 20_000, 'the outreach to be failed');
    expect(failed.error).toMatch(/OpenAI rejected the credentials \(HTTP 401\)/);
    expect((await history(app, account, lead.id)).find((e) => e.kind === 'FAILURE')?.reason).toMatch(/^Writing the outreach failed: OpenAI rejected the credentials/);
    // A reply that comes in is kept, and says why it is not classified.
    const reply = await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "Interested, tell me more") { id } }`, {}, account.caller);
    expect(reply.data?.simulateInboundReply.id).toBeTruthy();
    const unread = await eventually(async () => (await history(app, account, lead.id)).find((e) => e.kind === 'FAILURE' && /^Classifying the reply failed/.test(e.reason)), 20_000, 'the classification failure');
    expect(unread.reason).toMatch(/OpenAI rejected the credentials.*the lead does not move/);

    const tried = await app.gql('{ classifyReply(body: "Interested, what does it cost?") { intent } }', {}, account.caller);
    expect(tried.status).toBeLessThan(500);
    expect(tried.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'PROVIDER', provider: 'openai' });
    expect(tried.errors?.[0]?.message).toMatch(/rejected the credentials/);
    // An outage is said as one too (it would be retried by a job), not as an internal error.
    openai.reply({ status: 503, body: { error: { message: 'the model is overloaded' } } });
    const outage = await app.gql('{ classifyReply(body: "Interested, what does it cost?") { intent } }', {}, account.caller);
    expect(outage.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('a provider that cannot be set up any more (its key gone behind the API\'s back): steps fail with the reason; nothing is stuck, no internal error', async () => {
    const account = await signup(app);
    await app.gql('mutation { setProviderCredential(name: GEMINI_API_KEY, value: "gm-key") }', {}, account.caller);
    await app.gql('mutation { setProviderCredential(name: SENDGRID_API_KEY, value: "SG.key") }', {}, account.caller);
    await app.gql('mutation { setProviderCredential(name: STRIPE_SECRET_KEY, value: "sk_test_x") }', {}, account.caller);
    await setUpAutopilot(app, account, false, ', aiProvider: GEMINI, channelProvider: SENDGRID, paymentsProvider: STRIPE');
    const lead = await createLead(app, account.caller);
    // The keys disappear (a restore, an operator's mistake): the settings stay, the providers cannot be built.
    await (await app.database.ownerClient()).query("delete from tenant_secrets where tenant_id = $1 and name in ('gemini_api_key', 'sendgrid_api_key', 'stripe_secret_key')", [account.tenantId]);
    app.services.providers.forget(account.tenantId);

    await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, account.caller);
    const failed = await eventually(async () => {
      const message = (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { status error } } } }`, {}, account.caller)).data?.lead.messages.nodes[0];
      return message?.status === 'FAILED' ? message : null;
    }, 20_000, 'the outreach to be failed');
    expect(failed.error).toMatch(/The gemini provider cannot be used: Gemini needs an API key/);

    const tried = await app.gql('{ classifyReply(body: "hello") { intent } }', {}, account.caller);
    expect(tried.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    const simulated = await app.gql(`mutation { simulateInboundReply(leadId: "${lead.id}", body: "hello") { id } }`, {}, account.caller);
    expect(errorCode(simulated)).toBe('FORBIDDEN'); // the channel is SendGrid: replies come from it, not from the outbox
    expect(simulated.status).toBeLessThan(500);
  });

  it('a channel that cannot send: the message is failed with the reason on its lead, which is not lost; a proposal with no payments provider is refused UNAVAILABLE', async () => {
    const account = await signup(app);
    await app.gql('mutation { setProviderCredential(name: SENDGRID_API_KEY, value: "SG.key") }', {}, account.caller);
    await setUpAutopilot(app, account, false, ', channelProvider: SENDGRID');
    const lead = await createLead(app, account.caller);
    await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, account.caller);
    await eventually(async () => (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { status } } } }`, {}, account.caller)).data?.lead.messages.nodes[0]?.status === 'DRAFT', 20_000, 'the draft');
    await (await app.database.ownerClient()).query("delete from tenant_secrets where tenant_id = $1 and name = 'sendgrid_api_key'", [account.tenantId]);
    app.services.providers.forget(account.tenantId);
    await app.gql(`mutation { sendOutreach(leadId: "${lead.id}") { id } }`, {}, account.caller);
    const failed = await eventually(async () => {
      const message = (await app.gql(`{ lead(id: "${lead.id}") { status messages { nodes { status error } } } }`, {}, account.caller)).data?.lead;
      return message?.messages.nodes[0]?.status === 'FAILED' ? message : null;
    }, 20_000, 'the send to be failed');
    expect(failed.messages.nodes[0].error).toMatch(/The sendgrid provider cannot be used/);
    expect(failed.status).toBe('NEW');
    expect((await history(app, account, lead.id)).find((e) => e.kind === 'FAILURE')?.reason).toMatch(/The channel refused the outreach: The sendgrid provider cannot be used/);

    // Payments: Stripe chosen, its key removed behind the API's back.
    const other = await signup(app);
    await app.gql('mutation { setProviderCredential(name: STRIPE_SECRET_KEY, value: "sk_test_x") }', {}, other.caller);
    await setUpAutopilot(app, other, true, ', paymentsProvider: STRIPE');
    const buyer = await createLead(app, other.caller);
    await waitForStatus(app, other, buyer.id, 'CONTACTED');
    await app.gql('mutation { updateAutopilotSettings(input: { autopilot: false }) { autopilot } }', {}, other.caller);
    await (await app.database.ownerClient()).query("delete from tenant_secrets where tenant_id = $1 and name = 'stripe_secret_key'", [other.tenantId]);
    app.services.providers.forget(other.tenantId);
    await app.gql(`mutation { simulateInboundReply(leadId: "${buyer.id}", body: "Interested! Please send a proposal.") { id } }`, {}, other.caller);
    await waitForStatus(app, other, buyer.id, 'INTERESTED');
    await app.gql(`mutation { generateProposal(leadId: "${buyer.id}") { id } }`, {}, other.caller);
    const proposalId = await eventually(async () => (await app.gql(`{ lead(id: "${buyer.id}") { proposal { id } } }`, {}, other.caller)).data?.lead.proposal?.id, 20_000, 'the proposal draft');
    const sent = await app.gql(`mutation { sendProposal(proposalId: "${proposalId}") { id } }`, {}, other.caller);
    expect(sent.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'PROVIDER', provider: 'stripe' });
    expect(sent.errors?.[0]?.message).toMatch(/stripe provider cannot be used/);
  });
});
