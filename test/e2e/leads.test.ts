import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_FIELDS, createLead, forceStatus, leadInput, signup, type Account } from '../support/factories.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';

let app: TestGateway;
let owner: Account;
beforeAll(async () => {
  app = await startTestGateway();
  owner = await signup(app);
});
afterAll(() => app.close());

const CREATE = `mutation($input: CreateLeadInput!) { createLead(input: $input) { ${LEAD_FIELDS} } }`;

describe('creating and editing leads', () => {
  it('normalises what it stores: E.164 phone, lower-cased email, country code, https website', async () => {
    const lead = await app.gql(
      `mutation($input: CreateLeadInput!) { createLead(input: $input) { email phone country website status score tags allowedActions } }`,
      { input: leadInput({ email: 'Dr.Sharma@SmileDental.IN', phone: '098765 43210', country: 'india', website: 'smiledental.in', tags: ['vip', 'VIP', ' dental '] }) },
      owner.caller,
    );
    expect(lead.data?.createLead).toEqual({
      email: 'dr.sharma@smiledental.in',
      phone: '+919876543210',
      country: 'IN',
      website: 'https://smiledental.in',
      status: 'NEW',
      score: null,
      tags: ['vip', 'dental'],
      allowedActions: ['GENERATE_OUTREACH', 'SEND_OUTREACH', 'EDIT', 'ADD_NOTE', 'DELETE', 'CLOSE_AS_LOST'],
    });
  });

  it('a duplicate email in the same tenant is CONFLICT naming the existing lead; another tenant is fine', async () => {
    const first = await createLead(app, owner.caller, { email: 'owner@royalspice.in' });
    const again = await app.gql(CREATE, { input: leadInput({ email: 'OWNER@RoyalSpice.in' }) }, owner.caller);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.extensions?.existingLeadId).toBe(first.id);
    expect(again.errors?.[0]?.message).toContain(first.id);

    const second = (await app.gql('mutation { createTenant(input: { name: "Other client" }) { id } }', {}, { token: owner.token })).data?.createTenant.id;
    const elsewhere = await app.gql(CREATE, { input: leadInput({ email: 'owner@royalspice.in' }) }, { token: owner.token, tenantId: second });
    expect(elsewhere.data?.createLead.email).toBe('owner@royalspice.in');
    const otherAgency = await signup(app);
    expect((await app.gql(CREATE, { input: leadInput({ email: 'owner@royalspice.in' }) }, otherAgency.caller)).data?.createLead.id).toBeTruthy();
  });

  it('reports every invalid field with a reason', async () => {
    const result = await app.gql(CREATE, { input: { businessName: ' ', email: 'not-an-email', phone: '12', country: 'Atlantis' } }, owner.caller);
    expect(errorCode(result)).toBe('VALIDATION');
    const fields = result.errors?.[0]?.extensions?.fields as Array<{ field: string; message: string }>;
    expect(fields.map((f) => f.field)).toEqual(['businessName', 'email', 'phone', 'country']);
    expect(fields.every((f) => f.message.length > 5)).toBe(true);
  });

  it('updates record before and after on the timeline, and expectedVersion guards lost updates', async () => {
    const lead = await createLead(app, owner.caller, { city: 'Jaipur' });
    const updated = await app.gql(`mutation { updateLead(id: "${lead.id}", input: { city: "Udaipur", contactName: null }, expectedVersion: ${lead.version}) { city contactName version } }`, {}, owner.caller);
    expect(updated.data?.updateLead).toEqual({ city: 'Udaipur', contactName: null, version: lead.version + 1 });
    const stale = await app.gql(`mutation { updateLead(id: "${lead.id}", input: { city: "Delhi" }, expectedVersion: ${lead.version}) { city } }`, {}, owner.caller);
    expect(errorCode(stale)).toBe('CONFLICT');
    const clearsBoth = await app.gql(`mutation { updateLead(id: "${lead.id}", input: { email: null, phone: null }) { id } }`, {}, owner.caller);
    expect(errorCode(clearsBoth)).toBe('VALIDATION');
    const other = await createLead(app, owner.caller);
    const taken = await app.gql(`mutation { updateLead(id: "${lead.id}", input: { email: "${other.email}" }) { id } }`, {}, owner.caller);
    expect(errorCode(taken)).toBe('CONFLICT');
    expect(taken.errors?.[0]?.extensions?.existingLeadId).toBe(other.id);

    const history = await app.gql(`{ history(leadId: "${lead.id}") { entries { kind data } } }`, {}, owner.caller);
    const entries = history.data?.history.entries;
    expect(entries.map((e: { kind: string }) => e.kind)).toEqual(['CREATED', 'UPDATED']);
    expect(entries[1].data).toEqual({ before: { city: 'Jaipur', contactName: 'Dr. Sharma' }, after: { city: 'Udaipur', contactName: null } });
  });

  it('deletes only where the lifecycle allows it', async () => {
    const fresh = await createLead(app, owner.caller);
    expect((await app.gql(`mutation { deleteLead(id: "${fresh.id}") }`, {}, owner.caller)).data?.deleteLead).toBe(fresh.id);
    expect(errorCode(await app.gql(`{ lead(id: "${fresh.id}") { id } }`, {}, owner.caller))).toBe('NOT_FOUND');

    const contacted = await createLead(app, owner.caller);
    await forceStatus(app, contacted.id, ['CONTACTED']);
    const refused = await app.gql(`mutation { deleteLead(id: "${contacted.id}") }`, {}, owner.caller);
    expect(errorCode(refused)).toBe('ACTION_NOT_ALLOWED');
    expect(refused.errors?.[0]?.message).toContain('CONTACTED');
  });
});

describe('listing leads', () => {
  let account: Account;
  beforeAll(async () => {
    account = await signup(app);
    const rows = [
      { businessName: 'Alpha Dental', city: 'Jaipur', industry: 'Dental', source: 'csv', tags: ['vip'] },
      { businessName: 'Bravo Gym', city: 'Bangalore', industry: 'Fitness', source: 'web', tags: [] },
      { businessName: 'Charlie Dental', city: 'jaipur', industry: 'dental', source: 'web', tags: ['vip', 'hot'] },
      { businessName: 'Delta Diner', city: 'Delhi', industry: 'Restaurant', source: 'csv', tags: ['hot'] },
      { businessName: 'Echo Eyes', city: 'Jaipur', industry: 'Optician', source: 'web', tags: [] },
    ];
    for (const row of rows) await createLead(app, account.caller, { ...row, contactName: `${row.businessName} owner` });
  });

  const names = (result: { data?: any }) => result.data?.leads.nodes.map((n: { businessName: string }) => n.businessName);

  it('filters by status, search, industry, city, source and tag, and counts', async () => {
    const q = (filter: string) => app.gql(`{ leads(filter: ${filter}, orderBy: { field: BUSINESS_NAME, direction: ASC }) { totalCount nodes { businessName } } }`, {}, account.caller);
    expect(names(await q('{ city: "JAIPUR" }'))).toEqual(['Alpha Dental', 'Charlie Dental', 'Echo Eyes']);
    expect(names(await q('{ industry: "Dental", source: "web" }'))).toEqual(['Charlie Dental']);
    expect(names(await q('{ tag: "hot" }'))).toEqual(['Charlie Dental', 'Delta Diner']);
    expect(names(await q('{ search: "dEnT" }'))).toEqual(['Alpha Dental', 'Charlie Dental']);
    expect(names(await q('{ search: "bravo gym owner" }'))).toEqual(['Bravo Gym']);
    expect(names(await q('{ search: "%" }'))).toEqual([]);
    expect((await q('{ status: [NEW] }')).data?.leads.totalCount).toBe(5);
    expect((await q('{ status: [CONTACTED, LOST] }')).data?.leads.totalCount).toBe(0);
  });

  it('pages with cursors in every order without skipping or repeating', async () => {
    for (const [field, direction] of [['CREATED_AT', 'DESC'], ['BUSINESS_NAME', 'ASC'], ['CITY', 'DESC'], ['SCORE', 'ASC'], ['UPDATED_AT', 'ASC']]) {
      const all = names(await app.gql(`{ leads(first: 200, orderBy: { field: ${field}, direction: ${direction} }) { nodes { businessName } } }`, {}, account.caller));
      const paged: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard += 1) {
        const page: any = await app.gql(
          `query($after: String) { leads(first: 2, after: $after, orderBy: { field: ${field}, direction: ${direction} }) { nodes { businessName } pageInfo { hasNextPage endCursor } } }`,
          { after },
          account.caller,
        );
        paged.push(...names(page));
        if (!page.data.leads.pageInfo.hasNextPage) break;
        after = page.data.leads.pageInfo.endCursor;
      }
      expect(paged, `${field} ${direction}`).toEqual(all);
      expect(new Set(paged).size).toBe(5);
    }
  });

  it('rejects a bad cursor or page size with VALIDATION', async () => {
    expect(errorCode(await app.gql('{ leads(after: "bm9wZQ") { nodes { id } } }', {}, account.caller))).toBe('VALIDATION');
    const forged = Buffer.from(JSON.stringify(['CREATED_AT', 'yesterday', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
    expect(errorCode(await app.gql(`{ leads(after: "${forged}") { nodes { id } } }`, {}, account.caller))).toBe('VALIDATION');
    expect(errorCode(await app.gql('{ leads(first: 0) { nodes { id } } }', {}, account.caller))).toBe('VALIDATION');
    expect(errorCode(await app.gql('{ leads(first: 201) { nodes { id } } }', {}, account.caller))).toBe('VALIDATION');
  });
});

describe('isolation between agencies', () => {
  it('another agency can neither read, list, filter, change nor delete a lead, by id or otherwise', async () => {
    const victim = await signup(app);
    const intruder = await signup(app);
    const lead = await createLead(app, victim.caller, { businessName: 'Secret Smiles Clinic' });
    const attempts = [
      `{ lead(id: "${lead.id}") { id } }`,
      `{ history(leadId: "${lead.id}") { entries { id } } }`,
      `mutation { updateLead(id: "${lead.id}", input: { city: "Hacked" }) { id } }`,
      `mutation { deleteLead(id: "${lead.id}") }`,
      `mutation { addNote(leadId: "${lead.id}", body: "pwned") { id } }`,
      `mutation { closeLead(id: "${lead.id}") { id } }`,
      `mutation { markLeadInterested(id: "${lead.id}") { id } }`,
    ];
    for (const attempt of attempts) {
      const result = await app.gql(attempt, {}, intruder.caller);
      expect(errorCode(result), attempt).toBe('NOT_FOUND');
      expect(JSON.stringify(result)).not.toContain('Secret Smiles');
    }
    const listed = await app.gql('{ leads(filter: { search: "Secret Smiles" }) { totalCount nodes { id } } }', {}, intruder.caller);
    expect(listed.data?.leads).toEqual({ totalCount: 0, nodes: [] });
    const viaHeader = await app.gql('{ leads { nodes { id } } }', {}, { token: intruder.token, tenantId: victim.tenantId });
    expect(errorCode(viaHeader)).toBe('NOT_FOUND');

    const after = await app.gql(`{ lead(id: "${lead.id}") { city version } }`, {}, victim.caller);
    expect(after.data?.lead).toEqual({ city: lead.city, version: 1 });
  });
});
