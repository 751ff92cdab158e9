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

const messages = async (leadId: string) => (await app.gql(`{ lead(id: "${leadId}") { messages { id purpose status } proposal { status } } }`, {}, owner.caller)).data?.lead;

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
    await eventually(async () => (await messages(lead.id)).proposal?.status === 'draft', 20_000, 'the proposal draft');
  });

  it('an outreach that could not be written is written again when asked; asking twice otherwise changes nothing', async () => {
    const lead = await createLead(app, owner.caller);
    const first = (await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id } }`, {}, owner.caller)).data?.generateOutreach.id;
    await eventually(async () => (await messages(lead.id)).messages[0]?.status === 'draft', 20_000, 'the draft');
    const again = await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id status } }`, {}, owner.caller);
    expect(again.data?.generateOutreach).toEqual({ id: first, status: 'draft' });

    const client = await app.database.ownerClient();
    await client.query(`update messages set status = 'failed', error = 'the AI could not write it' where id = $1`, [first]);
    const retried = await app.gql(`mutation { generateOutreach(leadId: "${lead.id}") { id status } }`, {}, owner.caller);
    expect(retried.data?.generateOutreach).toEqual({ id: first, status: 'composing' });
    await eventually(async () => (await messages(lead.id)).messages[0]?.status === 'draft', 20_000, 'the draft written again');
  });
});
