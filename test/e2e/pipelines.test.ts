import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addTeamMember, createApiKey, createLead, signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { DEAL_FIELDS, PIPELINE_FIELDS, createDeal, createFiveStagePipeline, moveDeal, pipelinesOf, type PipelineInfo } from '../support/pipelines.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let app: TestGateway;
let owner: Account;
let custom: PipelineInfo;

beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
  custom = await createFiveStagePipeline(app, owner.caller, 'Partnerships');
});
afterAll(() => app.close());

async function newDeal(pipeline: PipelineInfo, extra: Record<string, unknown> = {}) {
  const lead = await createLead(app, owner.caller);
  return createDeal(app, owner.caller, { leadId: lead.id, pipelineId: pipeline.id, ...extra });
}

describe('pipelines are data', () => {
  it('every tenant starts with the seed\'s Sales and Backlink outreach pipelines, built in, with their stages in order', async () => {
    const pipelines = await pipelinesOf(app, owner.caller);
    expect(pipelines.Sales).toMatchObject({ kind: 'SALES', builtIn: true });
    expect(pipelines.Sales!.stages.map((s) => [s.name, s.probability, s.terminal])).toEqual([
      ['New Lead', 10, 'NONE'], ['Contacted', 20, 'NONE'], ['Interested', 40, 'NONE'], ['Proposal Sent', 60, 'NONE'], ['Negotiating', 80, 'NONE'], ['Won', 100, 'WON'], ['Lost', 0, 'LOST'],
    ]);
    expect(pipelines['Backlink outreach']!.stages.map((s) => s.name)).toEqual(['Opportunity Found', 'Contact Found', 'Pitch Sent', 'Follow-up 1', 'Follow-up 2', 'Responded', 'Link Placed', 'Rejected']);
    expect(pipelines.Partnerships).toMatchObject({ kind: 'OTHER', builtIn: false });
  });

  it('a new pipeline is checked, each problem naming its field', async () => {
    const bad = await app.gql(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`, {
      input: { name: ' ', kind: 'SALES', stages: [{ name: 'Only', probability: 120, terminal: 'WON' }, { name: 'only', probability: 10, followUpDays: -1 }] },
    }, owner.caller);
    expect(errorCode(bad)).toBe('VALIDATION');
    expect(bad.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'input.name', message: 'is required' },
      { field: 'input.stages[0].probability', message: 'must be a whole number from 0 to 100' },
      { field: 'input.stages[1].followUpDays', message: 'must be a whole number from 0 to 365' },
    ]);
    const twice = await app.gql(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`, {
      input: { name: 'Twice', kind: 'SALES', stages: [{ name: 'Only', probability: 20 }, { name: 'ONLY', probability: 10 }] },
    }, owner.caller);
    expect(twice.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.stages', message: 'must have different names (ONLY is used twice)' }]);
    const taken = await app.gql(`mutation { createPipeline(input: { name: "sales", kind: SALES, stages: [{ name: "A", probability: 5 }] }) { id } }`, {}, owner.caller);
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
  });

  it('stages are added, renamed, reordered and retired; the moves follow the new definition', async () => {
    const p = await createFiveStagePipeline(app, owner.caller, 'Editable');
    const added = await app.gql(`mutation($id: ID!) { addPipelineStage(pipelineId: $id, input: { name: "Two and a half", probability: 40 }, position: 3) { ${PIPELINE_FIELDS} } }`, { id: p.id }, owner.caller);
    expect(added.data?.addPipelineStage.stages.nodes.map((s: { name: string }) => s.name)).toEqual(['One', 'Two', 'Two and a half', 'Three', 'Four', 'Five', 'Won', 'Lost']);
    const renamed = await app.gql(`mutation($id: ID!) { updatePipelineStage(id: $id, input: { name: "Second", probability: 33 }) { name probability position } }`, { id: p.byName.Two!.id }, owner.caller);
    expect(renamed.data?.updatePipelineStage).toEqual({ name: 'Second', probability: 33, position: 2 });
    const clash = await app.gql(`mutation($id: ID!) { updatePipelineStage(id: $id, input: { name: "one" }) { name } }`, { id: p.byName.Two!.id }, owner.caller);
    expect(clash.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.name', message: 'is already the name of a stage of Editable' }]);

    const deal = await newDeal(p);
    const halfId = added.data?.addPipelineStage.stages.nodes[2].id as string;
    expect((await moveDeal(app, owner.caller, deal.id, p.byName.Two!.id)).data?.moveDeal.stage.name).toBe('Second');
    expect((await moveDeal(app, owner.caller, deal.id, halfId)).data?.moveDeal.stage.name).toBe('Two and a half');

    // Three before Two and a half now: forward one from Two and a half is Four.
    const order = [p.byName.One, p.byName.Two, p.byName.Three, { id: halfId }, p.byName.Four, p.byName.Five, p.byName.Won, p.byName.Lost].map((s) => s!.id);
    const reordered = await app.gql(`mutation($id: ID!, $ids: [ID!]!) { reorderPipelineStages(pipelineId: $id, stageIds: $ids) { stages { nodes { name position } } } }`, { id: p.id, ids: order }, owner.caller);
    expect(reordered.data?.reorderPipelineStages.stages.nodes.map((s: { name: string }) => s.name)).toEqual(['One', 'Second', 'Three', 'Two and a half', 'Four', 'Five', 'Won', 'Lost']);
    const fromHalf = await app.gql(`{ deal(id: "${deal.id}") { allowedStageIds } }`, {}, owner.caller);
    expect(fromHalf.data?.deal.allowedStageIds).toEqual([p.byName.Four!.id, p.byName.Won!.id, p.byName.Lost!.id]);
    const partial = await app.gql(`mutation($id: ID!, $ids: [ID!]!) { reorderPipelineStages(pipelineId: $id, stageIds: $ids) { id } }`, { id: p.id, ids: order.slice(1) }, owner.caller);
    expect(partial.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('stageIds');

    // Retired: no new deals, no moves into it; the deal in it moves on.
    const retired = await app.gql(`mutation($id: ID!) { retirePipelineStage(id: $id) { retired dealCount } }`, { id: p.byName.Four!.id }, owner.caller);
    expect(retired.data?.retirePipelineStage).toEqual({ retired: true, dealCount: 0 });
    const intoRetired = await moveDeal(app, owner.caller, deal.id, p.byName.Four!.id);
    expect(errorCode(intoRetired)).toBe('ILLEGAL_TRANSITION');
    expect(intoRetired.errors?.[0]?.message).toBe('Cannot move the deal from Two and a half to Four: that stage is retired and takes no new deals. From Two and a half it can move to: Five, Won, Lost.');
    const startRetired = await app.gql(`mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }`, { input: { leadId: deal.leadId, pipelineId: p.id, stageId: p.byName.Four!.id } }, owner.caller);
    expect(startRetired.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.stageId');
    expect((await moveDeal(app, owner.caller, deal.id, p.byName.Five!.id)).data?.moveDeal.stage.name).toBe('Five');
  });

  it('a stage with deals (now or in their history) cannot be deleted, only retired; an unused one can', async () => {
    const p = await createFiveStagePipeline(app, owner.caller, 'Deletable');
    const deal = await newDeal(p);
    await moveDeal(app, owner.caller, deal.id, p.byName.Two!.id);
    for (const stage of ['One', 'Two']) {
      const refused = await app.gql(`mutation($id: ID!) { deletePipelineStage(id: $id) { id } }`, { id: p.byName[stage]!.id }, owner.caller);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STAGE_IN_USE' });
      expect(refused.errors?.[0]?.message).toContain('retire it instead');
    }
    const deleted = await app.gql(`mutation($id: ID!) { deletePipelineStage(id: $id) { stages { nodes { name position } } } }`, { id: p.byName.Four!.id }, owner.caller);
    expect(deleted.data?.deletePipelineStage.stages.nodes).toEqual([
      { name: 'One', position: 1 }, { name: 'Two', position: 2 }, { name: 'Three', position: 3 }, { name: 'Five', position: 4 }, { name: 'Won', position: 5 }, { name: 'Lost', position: 6 },
    ]);
  });
});

describe('deals move by their pipeline\'s rules, over GraphQL and from raw SQL', () => {
  it('a deal opens in the first open stage with its value; legal moves succeed, illegal ones name where it can go', async () => {
    const deal = await newDeal(custom, { value: { amount: '9223372036854775807', currency: 'inr' } });
    expect(deal).toMatchObject({ status: 'ACTIVE', stage: { name: 'One' }, probability: 15, value: { amount: '9223372036854775807', currency: 'INR' }, weightedValue: { amount: '1383505805528216371', currency: 'INR' } });
    expect(deal.allowedStageIds).toEqual([custom.byName.Two!.id, custom.byName.Won!.id, custom.byName.Lost!.id]);

    const skip = await moveDeal(app, owner.caller, deal.id, custom.byName.Three!.id);
    expect(errorCode(skip)).toBe('ILLEGAL_TRANSITION');
    expect(skip.errors?.[0]?.message).toBe('Cannot move the deal from One to Three: Partnerships allows moves forward to the next open stage, or to any closing (won or lost) stage. From One it can move to: Two, Won, Lost.');
    expect(skip.errors?.[0]?.extensions?.allowedStageIds).toEqual(deal.allowedStageIds);

    const moved = await moveDeal(app, owner.caller, deal.id, custom.byName.Two!.id, { reason: 'call booked' });
    expect(moved.data?.moveDeal).toMatchObject({ stage: { name: 'Two' }, previousStageId: custom.byName.One!.id, version: 2 });
    // Entering a stage sets the next action its follow-up days later (Sales' Contacted: 3), or none.
    const sales = (await pipelinesOf(app, owner.caller)).Sales!;
    const salesDeal = await newDeal(sales);
    const followUp = async () => (await app.gql(`{ deal(id: "${salesDeal.id}") { stageEnteredAt nextActionAt } }`, {}, owner.caller)).data?.deal;
    const opened = await followUp();
    expect(Math.abs(Date.parse(opened.nextActionAt) - Date.parse(opened.stageEnteredAt))).toBeLessThan(1000); // New Lead: 0 days
    await moveDeal(app, owner.caller, salesDeal.id, sales.byName.Contacted!.id);
    const contacted = await followUp();
    expect(Date.parse(contacted.nextActionAt) - Date.parse(contacted.stageEnteredAt)).toBeCloseTo(3 * 86_400_000, -3);
    await moveDeal(app, owner.caller, salesDeal.id, sales.byName.Won!.id);
    expect((await followUp()).nextActionAt).toBeNull();
    expect(errorCode(await moveDeal(app, owner.caller, deal.id, custom.byName.One!.id))).toBe('ILLEGAL_TRANSITION');
    expect((await moveDeal(app, owner.caller, deal.id, custom.byName.Two!.id)).errors?.[0]?.message).toContain('the deal is already there');
    const won = await moveDeal(app, owner.caller, deal.id, custom.byName.Won!.id);
    expect(won.data?.moveDeal).toMatchObject({ status: 'WON', allowedStageIds: [] });
    expect(errorCode(await moveDeal(app, owner.caller, deal.id, custom.byName.Five!.id))).toBe('ILLEGAL_TRANSITION');
    // A stage of another pipeline is not a stage of this deal's.
    const elsewhere = await moveDeal(app, owner.caller, deal.id, sales.byName.Won!.id);
    expect(elsewhere.errors?.[0]?.extensions?.fields).toEqual([{ field: 'stageId', message: 'is not a stage of the deal\'s pipeline (Partnerships)' }]);
  });

  it('createDeal is safe to retry with an idempotency key: the same deal comes back, with its figures', async () => {
    const lead = await createLead(app, owner.caller);
    const create = () => app.gql(`mutation($input: CreateDealInput!) { createDeal(input: $input, idempotencyKey: "deal-retry-1") { ${DEAL_FIELDS} daysInStage rotting stageEnteredAt } }`, { input: { leadId: lead.id, pipelineId: custom.id, value: { amount: '1005', currency: 'INR' } } }, owner.caller);
    const first = await create();
    const again = await create();
    expect(first.data?.createDeal).toMatchObject({ weightedValue: { amount: '151', currency: 'INR' }, rotting: false });
    expect(again.data?.createDeal).toMatchObject({ id: first.data?.createDeal.id, weightedValue: { amount: '151', currency: 'INR' }, stageEnteredAt: first.data?.createDeal.stageEnteredAt });
    expect((await app.gql(`{ deals(filter: { lead: "${lead.id}" }) { totalCount } }`, {}, owner.caller)).data?.deals.totalCount).toBe(1);
  });

  it('from raw SQL, as the app\'s role or the owner, an illegal move in the custom pipeline fails and changes nothing', async () => {
    const deal = await newDeal(custom);
    const appSql = await app.database.appClient();
    await appSql.query('begin');
    try {
      await appSql.query("select set_config('app.tenant_id', $1, true)", [owner.tenantId]);
      await expect(appSql.query('update deals set stage_id = $2 where id = $1', [deal.id, custom.byName.Four!.id])).rejects.toThrow(/illegal deal stage change from One to Four/);
    } finally {
      await appSql.query('rollback');
    }
    const ownerSql = await app.database.ownerClient();
    await expect(ownerSql.query("update deals set stage_id = $2, status = 'won' where id = $1", [deal.id, custom.byName.Three!.id])).rejects.toThrow(/illegal deal stage change from One to Three/);
    await ownerSql.query('update deals set stage_id = $2 where id = $1', [deal.id, custom.byName.Two!.id]);
    expect((await app.gql(`{ deal(id: "${deal.id}") { stage { name } status } }`, {}, owner.caller)).data?.deal).toEqual({ stage: { name: 'Two' }, status: 'ACTIVE' });
  });

  it('the pipeline\'s move policy is data: with skipping and moving back allowed, the same moves succeed', async () => {
    const p = await createFiveStagePipeline(app, owner.caller, 'Flexible', { skipForward: true, moveBack: true });
    const deal = await newDeal(p);
    expect((await moveDeal(app, owner.caller, deal.id, p.byName.Four!.id)).data?.moveDeal.stage.name).toBe('Four');
    expect((await moveDeal(app, owner.caller, deal.id, p.byName.Two!.id)).data?.moveDeal.stage.name).toBe('Two');
    await app.gql(`mutation($id: ID!) { updatePipeline(id: $id, input: { moveBack: false }) { movePolicy { skipForward moveBack } } }`, { id: p.id }, owner.caller);
    expect(errorCode(await moveDeal(app, owner.caller, deal.id, p.byName.One!.id))).toBe('ILLEGAL_TRANSITION');
  });

  it('a move into a lost stage needs one of the tenant\'s lost reasons, which owners and admins set', async () => {
    const deal = await newDeal(custom);
    const none = await moveDeal(app, owner.caller, deal.id, custom.byName.Lost!.id);
    expect(none.errors?.[0]?.extensions?.fields?.[0]).toMatchObject({ field: 'lostReason', message: expect.stringContaining('is required when a deal is lost') });
    const unknown = await moveDeal(app, owner.caller, deal.id, custom.byName.Lost!.id, { lostReason: 'Aliens' });
    expect(unknown.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('lostReason');
    const misplaced = await moveDeal(app, owner.caller, deal.id, custom.byName.Two!.id, { lostReason: 'No budget' });
    expect(misplaced.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('lostReason');
    expect((await app.gql('{ lostReasons }', {}, owner.caller)).data?.lostReasons).toContain('No budget');
    const set = await app.gql('mutation { setLostReasons(reasons: ["Too expensive", "Went quiet"]) }', {}, owner.caller);
    expect(set.data?.setLostReasons).toEqual(['Too expensive', 'Went quiet']);
    expect(errorCode(await app.gql('mutation { setLostReasons(reasons: ["Same", "same"]) }', {}, owner.caller))).toBe('VALIDATION');
    // Replacements at once take turns: each succeeds, and the list is one of them whole.
    const lists = [['A1', 'A2'], ['B1'], ['C1', 'C2', 'C3'], ['D1']];
    const answers = await Promise.all(lists.map((reasons) => app.gql('mutation($r: [String!]!) { setLostReasons(reasons: $r) }', { r: reasons }, owner.caller)));
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(lists).toContainEqual((await app.gql('{ lostReasons }', {}, owner.caller)).data?.lostReasons);
    await app.gql('mutation { setLostReasons(reasons: ["Too expensive", "Went quiet"]) }', {}, owner.caller);
    const lost = await moveDeal(app, owner.caller, deal.id, custom.byName.Lost!.id, { lostReason: 'too EXPENSIVE', reason: 'chose the cheaper offer' });
    expect(lost.data?.moveDeal).toMatchObject({ status: 'LOST', lostReason: 'Too expensive' });
  });

  it('every stage change is in the deal\'s history and on the lead\'s timeline, with actor and reason', async () => {
    const deal = await newDeal(custom);
    await moveDeal(app, owner.caller, deal.id, custom.byName.Two!.id, { reason: 'replied' });
    await moveDeal(app, owner.caller, deal.id, custom.byName.Lost!.id, { reason: 'went with a rival', lostReason: 'Went quiet' });
    const history = await app.gql(`{ deal(id: "${deal.id}") { history { nodes { fromStage { name } toStage { name } actor { type id } reason lostReason } } } }`, {}, owner.caller);
    const actor = { type: 'USER', id: owner.userId };
    expect(history.data?.deal.history.nodes).toEqual([
      { fromStage: null, toStage: { name: 'One' }, actor, reason: null, lostReason: null },
      { fromStage: { name: 'One' }, toStage: { name: 'Two' }, actor, reason: 'replied', lostReason: null },
      { fromStage: { name: 'Two' }, toStage: { name: 'Lost' }, actor, reason: 'went with a rival', lostReason: 'Went quiet' },
    ]);
    const timeline = await app.gql(`{ history(leadId: "${deal.leadId}") { nodes { kind actor { type id } reason data } } }`, {}, owner.caller);
    const dealEntries = timeline.data?.history.nodes.filter((e: { kind: string }) => e.kind.startsWith('DEAL_'));
    expect(dealEntries.map((e: { kind: string; reason: string; data: Record<string, unknown> }) => [e.kind, e.reason, e.data.fromStage ?? null, e.data.toStage, e.data.pipeline])).toEqual([
      ['DEAL_OPENED', null, null, 'One', 'Partnerships'],
      ['DEAL_MOVED', 'replied', 'One', 'Two', 'Partnerships'],
      ['DEAL_MOVED', 'went with a rival', 'Two', 'Lost', 'Partnerships'],
    ]);
    expect(dealEntries[2].data).toMatchObject({ dealId: deal.id, lostReason: 'Went quiet', status: 'lost' });
  });

  it('the lead lifecycle is unchanged by deals: a lead with several deals keeps its own status and rules', async () => {
    const lead = await createLead(app, owner.caller);
    const sales = (await pipelinesOf(app, owner.caller)).Sales!;
    const one = await createDeal(app, owner.caller, { leadId: lead.id, pipelineId: sales.id });
    await createDeal(app, owner.caller, { leadId: lead.id, pipelineId: custom.id });
    await moveDeal(app, owner.caller, one.id, sales.byName.Won!.id);
    const seen = await app.gql(`{ lead(id: "${lead.id}") { status allowedActions } deals(filter: { lead: "${lead.id}" }) { totalCount nodes { pipeline { name } status } } }`, {}, owner.caller);
    expect(seen.data?.lead).toEqual({ status: 'NEW', allowedActions: ['GENERATE_OUTREACH', 'SEND_OUTREACH', 'EDIT', 'ADD_NOTE', 'DELETE', 'CLOSE_AS_LOST'] });
    expect(seen.data?.deals.totalCount).toBe(2);
    const illegal = await app.gql(`mutation { moveLead(id: "${lead.id}", to: PAID) { status } }`, {}, owner.caller);
    expect(errorCode(illegal)).toBe('ILLEGAL_TRANSITION');
    const ownerSql = await app.database.ownerClient();
    await expect(ownerSql.query("update leads set status = 'PAID' where id = $1", [lead.id])).rejects.toThrow(/illegal lead status change from NEW to PAID/);
  });
});

describe('deals: editing, filters and access', () => {
  it('value, dates, notes and owner are checked and saved; a paused deal is not rotting; stale versions conflict', async () => {
    const member = await addTeamMember(app, owner, 'MEMBER');
    const deal = await newDeal(custom);
    const update = (input: Record<string, unknown>, expectedVersion?: number) =>
      app.gql(`mutation($id: ID!, $input: UpdateDealInput!, $v: Int) { updateDeal(id: $id, input: $input, expectedVersion: $v) { ${DEAL_FIELDS} ownerId expectedClose aiNotes nextActionAt rotting } }`, { id: deal.id, input, v: expectedVersion }, owner.caller);
    const bad = await update({ value: { amount: '-5', currency: 'XYZ' }, expectedClose: '2026-02-30', ownerId: owner.tenantId });
    expect(bad.errors?.[0]?.extensions?.fields?.map((f: { field: string }) => f.field)).toEqual(['input.value.amount', 'input.value.currency', 'input.expectedClose']);
    const notAUser = await update({ ownerId: owner.tenantId });
    expect(notAUser.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.ownerId', message: 'is not a user who can work in this tenant' }]);
    const saved = await update({ value: { amount: '250000', currency: 'USD' }, expectedClose: '2026-03-31', ownerId: member.userId, aiNotes: 'Asked for a case study', paused: true, nextActionAt: '2026-03-01T09:00:00.000Z' });
    expect(saved.data?.updateDeal).toMatchObject({ status: 'PAUSED', value: { amount: '250000', currency: 'USD' }, weightedValue: { amount: '37500', currency: 'USD' }, ownerId: member.userId, expectedClose: '2026-03-31', aiNotes: 'Asked for a case study', nextActionAt: '2026-03-01T09:00:00.000Z', rotting: false });
    expect(errorCode(await update({ aiNotes: 'x' }, 1))).toBe('CONFLICT');
    const mine = await app.gql(`{ deals(filter: { owner: "${member.userId}", status: [PAUSED], pipeline: "${custom.id}" }) { totalCount nodes { id } } }`, {}, owner.caller);
    expect(mine.data?.deals).toEqual({ totalCount: 1, nodes: [{ id: deal.id }] });
    // Its owner leaves the agency: the deal stays, with no owner.
    expect((await app.gql(`mutation { removeUser(id: "${member.userId}") }`, {}, { token: owner.token })).errors).toBeUndefined();
    expect((await app.gql(`{ deal(id: "${deal.id}") { ownerId status version } }`, {}, owner.caller)).data?.deal).toEqual({ ownerId: null, status: 'PAUSED', version: 2 });
  });

  it('viewers read deals and pipelines; members and member keys move deals; only owners and admins (and admin keys) define pipelines', async () => {
    const viewer = await addTeamMember(app, owner, 'VIEWER');
    const member = await addTeamMember(app, owner, 'MEMBER');
    const memberKey = await createApiKey(app, owner, 'MEMBER');
    const adminKey = await createApiKey(app, owner, 'ADMIN');
    const deal = await newDeal(custom);
    expect((await app.gql(`{ deal(id: "${deal.id}") { id } pipelines { nodes { id } } lostReasons }`, {}, viewer.caller)).data?.deal.id).toBe(deal.id);
    expect(errorCode(await moveDeal(app, viewer.caller, deal.id, custom.byName.Two!.id))).toBe('FORBIDDEN');
    expect((await moveDeal(app, member.caller, deal.id, custom.byName.Two!.id)).data?.moveDeal.stage.name).toBe('Two');
    expect((await moveDeal(app, memberKey.caller, deal.id, custom.byName.Three!.id)).data?.moveDeal.stage.name).toBe('Three');
    const retire = `mutation { retirePipelineStage(id: "${custom.byName.Five!.id}") { retired } }`;
    expect(errorCode(await app.gql(retire, {}, member.caller))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(retire, {}, memberKey.caller))).toBe('FORBIDDEN');
    expect((await app.gql(retire, {}, adminKey.caller)).data?.retirePipelineStage.retired).toBe(true);
    await app.gql(`mutation { restorePipelineStage(id: "${custom.byName.Five!.id}") { retired } }`, {}, owner.caller);
    // Another tenant's deal is not found, whoever asks.
    const stranger = await signup(app);
    const foreign = await moveDeal(app, stranger.caller, deal.id, custom.byName.Four!.id);
    expect(errorCode(foreign)).toBe('NOT_FOUND');
  });
});

describe('concurrent moves of one deal serialise', () => {
  it('ten simultaneous moves to the next stage: one wins, nine are refused from where the winner left it, one history entry', async () => {
    const deal = await newDeal(custom);
    const results = await Promise.all(Array.from({ length: 10 }, () => moveDeal(app, owner.caller, deal.id, custom.byName.Two!.id)));
    expect(results.filter((r) => r.data?.moveDeal?.stage.name === 'Two')).toHaveLength(1);
    const refused = results.filter((r) => r.errors);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r.errors?.[0]?.message).toContain('Cannot move the deal from Two to Two: the deal is already there');
    const history = await app.gql(`{ deal(id: "${deal.id}") { version history { nodes { toStage { name } } } } }`, {}, owner.caller);
    expect(history.data?.deal).toEqual({ version: 2, history: { nodes: [{ toStage: { name: 'One' } }, { toStage: { name: 'Two' } }] } });
  });

  it('a move racing a closing move: whichever wins, the other is judged from the stage it left (never a move out of a closed deal)', async () => {
    for (let run = 0; run < 5; run += 1) {
      const deal = await newDeal(custom);
      const [won, forward] = await Promise.all([moveDeal(app, owner.caller, deal.id, custom.byName.Won!.id), moveDeal(app, owner.caller, deal.id, custom.byName.Two!.id)]);
      const final = (await app.gql(`{ deal(id: "${deal.id}") { status stage { name } history { nodes { toStage { name } } } } }`, {}, owner.caller)).data?.deal;
      expect(won.data?.moveDeal.status).toBe('WON');
      if (forward.data) expect(final.history.nodes.map((n: { toStage: { name: string } }) => n.toStage.name)).toEqual(['One', 'Two', 'Won']);
      else expect(final.history.nodes.map((n: { toStage: { name: string } }) => n.toStage.name)).toEqual(['One', 'Won']);
      expect(final.status).toBe('WON');
    }
  });
});
