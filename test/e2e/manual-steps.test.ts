import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, forceStatus, signup, type Account } from '../support/factories.ts';
import { CATALOG } from '../support/funnel.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 60_000 });

/** The steps a user takes by hand (autopilot off) refuse clearly, or do what they say: never a success that does nothing. */
let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
});
afterAll(() => app.close());

const messages = async (leadId: string) => (await app.gql(`{ lead(id: "${leadId}") { messages { nodes { id purpose status } } proposal { status } } }`, {}, owner.caller)).data?.lead;

describe('manual steps', () => {
  it('"Write proposal" with an empty catalog is refused, saying to add services first; with one it writes the draft', async () => {
    const lead = await createLead(app, owner.caller);
    await forceStatus(app, lead.id, ['CONTACTED', 'INTERESTED']);
    const refused = await app.gql(`mutation { generateProposal(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.reason).toBe('EMPTY_CATALOG');
    expect(refused.errors?.[0]?.message).toMatch(/^Add services to your catalog first/);

    await app.gql('mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { id } }', { s: CATALOG }, owner.caller);
    expect((await app.gql(`mutation { generateProposal(leadId: "${lead.id}") { id } }`, {}, owner.caller)).errors).toBeUndefined();
    await eventually(async () => (await messages(lead.id)).proposal?.status === 'DRAFT', 20_000, 'the proposal draft');
    // Asking again while a proposal exists is refused, not queued to do nothing.
    const twice = await app.gql(`mutation { generateProposal(leadId: "${lead.id}") { id } }`, {}, owner.caller);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROPOSAL_EXISTS', proposalStatus: 'DRAFT' });
  });

  it('an outreach that could not be written is written again when asked; asking twice otherwise changes nothing', async () => {
    const lead = await createLead(app, owner.caller);
    const first = (await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, owner.caller)).data?.generateOutreach.id;
    await eventually(async () => (await messages(lead.id)).messages.nodes[0]?.status === 'DRAFT', 20_000, 'the draft');
    const again = await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id status } }`, {}, owner.caller);
    expect(again.data?.generateOutreach).toEqual({ id: first, status: 'DRAFT' });

    const client = await app.database.ownerClient();
    await client.query(`update messages set status = 'failed', error = 'the AI could not write it' where id = $1`, [first]);
    const retried = await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id status } }`, {}, owner.caller);
    expect(retried.data?.generateOutreach).toEqual({ id: first, status: 'COMPOSING' });
    await eventually(async () => (await messages(lead.id)).messages.nodes[0]?.status === 'DRAFT', 20_000, 'the draft written again');
  });

  it('a new workspace\'s outreach claims nothing it was not told: no placeholder pitch, and it names what the catalog sells', async () => {
    const fresh = await signup(app);
    expect((await app.gql('{ autopilotSettings { sender { pitch } } }', {}, fresh.caller)).data?.autopilotSettings.sender.pitch).toBe('');
    const lead = await createLead(app, fresh.caller, { businessName: 'Sweet Crumbs Bakery', industry: 'Bakery' });
    await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, fresh.caller);
    const text = async () => (await app.gql(`{ lead(id: "${lead.id}") { messages { nodes { status text } } } }`, {}, fresh.caller)).data?.lead.messages.nodes[0];
    const bare = await eventually(async () => ((await text())?.status === 'DRAFT' ? (await text()).text : null), 20_000, 'the draft');
    expect(bare).not.toMatch(/win more customers|more customers finding you/);
    expect(bare).toContain('I would like to show you what we could do for Sweet Crumbs Bakery.');

    // An empty pitch is a valid setting; the catalog then says what the workspace sells.
    const saved = await app.gql('mutation { updateAutopilotSettings(input: { sender: { pitch: "" } }) { sender { pitch } } }', {}, fresh.caller);
    expect(saved.data?.updateAutopilotSettings.sender.pitch).toBe('');
    await app.gql('mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { id } }', { s: [{ name: 'Office cake boxes', priceMin: 150_000, currency: 'INR' }] }, fresh.caller);
    const other = await createLead(app, fresh.caller, { businessName: 'Pink City Software Park', industry: 'IT services' });
    await app.gql(`mutation { generateOutreach(leadId: "${other.id}") { id } }`, {}, fresh.caller);
    const withCatalog = await eventually(async () => {
      const message = (await app.gql(`{ lead(id: "${other.id}") { messages { nodes { status text } } } }`, {}, fresh.caller)).data?.lead.messages.nodes[0];
      return message?.status === 'DRAFT' ? message.text : null;
    }, 20_000, 'the second draft');
    expect(withCatalog).toContain('we offer office cake boxes');
  });
});
