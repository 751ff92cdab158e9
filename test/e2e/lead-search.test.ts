import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLead, signup, type Account } from '../support/factories.ts';
import { history } from '../support/funnel.ts';
import { errorCode, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { startLocalSources, startSite, stopSites, type LocalSources } from '../support/lead-sources.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

/**
 * "Dentists in Jaipur" on OpenStreetMap and "gyms in Bangalore" on Google Places, as a new user
 * would search them, against local copies of the sources, the businesses' sites and their DNS.
 */
let app: TestGateway;
let sources: LocalSources;
let owner: Account;
const sites: Array<Awaited<ReturnType<typeof startSite>>> = [];

const RUN_FIELDS = 'id status reason found created duplicates rejected heldForReview trigger period';
const ITEM_FIELDS = 'id name outcome reasons duplicateOf duplicateBy fit email phone website leadId enrichment { emails pagesRead notes }';

beforeAll(async () => {
  const smile = await startSite('127.0.0.2', {
    '/robots.txt': 'User-agent: *\nDisallow: /private\n',
    '/': '<h1>Smile Dental Care</h1><a href="/contact-us">Contact us</a><a href="/private/staff">Staff</a>',
    '/contact-us': '<script type="application/ld+json">{"@type":"Dentist","email":"appointments@smiledental.in"}</script><p>Write to dr.mehta [at] smiledental [dot] in</p>',
    '/private/staff': '<a href="mailto:secret@smiledental.in">x</a>',
  });
  const fitzone = await startSite('127.0.0.3', { '/': '<footer><a href="mailto:hello@fitzone.in">Email us</a> Call: +91 80 4123 9999</footer>' });
  const ironcore = await startSite('127.0.0.4', { '/': '<p>No email here, only a form.</p>' });
  sites.push(smile, fitzone, ironcore);
  sources = await startLocalSources(
    {
      overpass: {
        Jaipur: [
          { type: 'node', id: 101, lat: 26.91, lon: 75.79, tags: { amenity: 'dentist', name: 'Smile Dental Care', 'addr:street': 'MI Road', 'addr:housenumber': '12', phone: '+91 141 236 5500', website: smile.url } },
          { type: 'way', id: 202, center: { lat: 26.85, lon: 75.8 }, tags: { healthcare: 'dentist', name: 'Pink City Orthodontics', 'contact:email': 'Info@PinkCityOrtho.in' } },
          { type: 'node', id: 303, lat: 26.9, lon: 75.7, tags: { amenity: 'dentist', name: 'Dr. Gupta Dental' } },
          { type: 'node', id: 404, lat: 26.92, lon: 75.81, tags: { amenity: 'dentist', name: 'Jaipur Smiles', website: 'https://www.JaipurSmiles.in/home' } },
          { type: 'node', id: 505, lat: 26.93, lon: 75.82, tags: { amenity: 'dentist', name: 'Tooth Fairy', phone: '0141 270 1234' } },
          { type: 'node', id: 606, lat: 26.94, lon: 75.83, tags: { amenity: 'dentist', name: 'Sharma Dental!', 'contact:email': 'sharma@sharmadental.in' } },
          { type: 'node', id: 707, lat: 26.95, lon: 75.84, tags: { amenity: 'dentist', name: 'No Mail Dental', email: 'info@nomail.example' } },
        ],
      },
      placesKey: 'AIzaLocalTestKey0123',
      places: {
        'Gym in Bangalore': [
          [
            { id: 'ChIJ_fitzone', displayName: { text: 'FitZone Gym' }, formattedAddress: '1 MG Road, Bengaluru', addressComponents: [{ longText: 'Bengaluru', types: ['locality'] }, { shortText: 'IN', types: ['country'] }], rating: 4.6, userRatingCount: 210 },
            { id: 'ChIJ_ironcore', displayName: { text: 'IronCore Gym' }, formattedAddress: '2 Brigade Road, Bengaluru', addressComponents: [{ longText: 'Bengaluru', types: ['locality'] }, { shortText: 'IN', types: ['country'] }], rating: 3.2, userRatingCount: 12 },
          ],
          [{ id: 'ChIJ_pulse', displayName: { text: 'Pulse Fitness' }, formattedAddress: '3 Indiranagar, Bengaluru', addressComponents: [{ longText: 'Bengaluru', types: ['locality'] }, { shortText: 'IN', types: ['country'] }], rating: 4.8, userRatingCount: 90 }],
        ],
      },
      placeDetails: {
        ChIJ_fitzone: { websiteUri: fitzone.url, nationalPhoneNumber: '080 4123 5566' },
        ChIJ_ironcore: { websiteUri: ironcore.url, nationalPhoneNumber: '080 4123 7777' },
        ChIJ_pulse: { internationalPhoneNumber: '+91 80 4123 8888' },
      },
    },
    {
      'smiledental.in': { MX: [{ preference: 10, exchange: 'mail.smiledental.in' }] },
      'pinkcityortho.in': { MX: [{ preference: 10, exchange: 'mx.pinkcityortho.in' }] },
      'sharmadental.in': { A: ['203.0.113.5'] },
      'nomail.example': { MX: [{ preference: 0, exchange: '' }] },
      'fitzone.in': { MX: [{ preference: 10, exchange: 'mx.fitzone.in' }] },
    },
  );
  app = await startTestGateway(sources.env);
  owner = await signup(app);
  // Leads the tenant already has: the search must not add them again.
  await createLead(app, owner.caller, { businessName: 'Jaipur Smiles Dental', email: 'hello@jaipursmiles.in', website: 'jaipursmiles.in' });
  await createLead(app, owner.caller, { businessName: 'The Tooth Fairy Clinic', email: 'tf@toothfairy.in', phone: '+91 141 270 1234' });
  await createLead(app, owner.caller, { businessName: 'Sharma Dental', email: 'dr@sharma.in', phone: '+91 98290 00000', city: 'Jaipur' });
});
afterAll(async () => {
  await app?.close();
  await sources?.stop();
  await stopSites(sites);
});

async function finished(runId: string): Promise<Record<string, any>> {
  return eventually(async () => {
    const run = (await app.gql(`{ leadSearchRun(id: "${runId}") { ${RUN_FIELDS} } }`, {}, owner.caller)).data?.leadSearchRun;
    return run && (run.status === 'DONE' || run.status === 'FAILED') ? run : null;
  }, 60_000, `run ${runId} to end`);
}

async function items(runId: string): Promise<Array<Record<string, any>>> {
  return (await app.gql(`{ leadSearchRun(id: "${runId}") { items(first: 50) { nodes { ${ITEM_FIELDS} } } } }`, {}, owner.caller)).data?.leadSearchRun.items.nodes;
}

describe('dentists in Jaipur, on OpenStreetMap', () => {
  let searchId = '';
  let runId = '';

  it('previews what a run would bring, saving nothing: duplicates, how each can be reached, the fit', async () => {
    const preview = await app.gql(`{ previewLeadSearch(input: { category: "dentists", area: { placeName: "Jaipur", country: "IN" } }, size: 10) {
      name category more businesses { name verdict reachability fit reasons duplicateBy } } }`, {}, owner.caller);
    expect(preview.errors).toBeUndefined();
    const byName = Object.fromEntries(preview.data?.previewLeadSearch.businesses.map((b: any) => [b.name, b]));
    expect(preview.data?.previewLeadSearch).toMatchObject({ name: 'Dental clinic in Jaipur', category: 'dentist', more: false });
    expect(byName['Smile Dental Care']).toMatchObject({ verdict: 'NEW', reachability: 'WEBSITE_TO_READ' });
    expect(byName['Pink City Orthodontics']).toMatchObject({ verdict: 'NEW', reachability: 'EMAIL' });
    expect(byName['Dr. Gupta Dental']).toMatchObject({ verdict: 'REJECTED', reachability: 'NONE' });
    expect(byName['Jaipur Smiles']).toMatchObject({ verdict: 'DUPLICATE', duplicateBy: 'WEBSITE' });
    expect(byName['Tooth Fairy']).toMatchObject({ verdict: 'DUPLICATE', duplicateBy: 'PHONE' });
    expect(byName['Sharma Dental!']).toMatchObject({ verdict: 'DUPLICATE', duplicateBy: 'NAME_AND_PLACE' });
    expect((await app.gql('{ leadSearches { nodes { id } } foundBusinesses { nodes { id } } }', {}, owner.caller)).data).toEqual({ leadSearches: { nodes: [] }, foundBusinesses: { nodes: [] } });
  });

  it('runs when saved: leads with their source, industry, tag and the email found on the contact page; duplicates skipped and the unreachable rejected, each with its reason', async () => {
    const created = await app.gql(`mutation { createLeadSearch(input: { category: "Dentists", area: { placeName: "Jaipur", country: "IN" } }) { id name source schedule lastRun { id } } }`, {}, owner.caller);
    expect(created.errors).toBeUndefined();
    searchId = created.data?.createLeadSearch.id;
    expect(created.data?.createLeadSearch).toMatchObject({ name: 'Dental clinic in Jaipur', source: 'OSM', schedule: 'ONCE' });
    runId = await eventually(async () => (await app.gql(`{ leadSearch(id: "${searchId}") { lastRun { id } } }`, {}, owner.caller)).data?.leadSearch.lastRun?.id, 20_000, 'the first run');
    const run = await finished(runId);
    expect(run).toMatchObject({ status: 'DONE', trigger: 'SCHEDULED', period: 'once', found: 7, created: 2, duplicates: 3, rejected: 2, heldForReview: 0, reason: 'The source has no more businesses for this search.' });

    const found = Object.fromEntries((await items(runId)).map((item) => [item.name, item]));
    // The front desk's address (declared in JSON-LD) over a person's the text happened to show.
    expect(found['Smile Dental Care']).toMatchObject({ outcome: 'CREATED', email: 'appointments@smiledental.in', phone: '+911412365500', fit: 100 });
    expect(found['Smile Dental Care'].enrichment.pagesRead).toEqual([sites[0]!.url, `${sites[0]!.url}contact-us`]);
    expect(found['Smile Dental Care'].enrichment.emails).toEqual(['appointments@smiledental.in', 'dr.mehta@smiledental.in']);
    expect(found['Smile Dental Care'].reasons[0]).toBe('Reachable by email (appointments@smiledental.in, from its website).');
    expect(found['Pink City Orthodontics']).toMatchObject({ outcome: 'CREATED', email: 'info@pinkcityortho.in', reasons: expect.arrayContaining(['Reachable by email (info@pinkcityortho.in, from its listing).']) });
    expect(found['Dr. Gupta Dental']).toMatchObject({ outcome: 'REJECTED', reasons: [expect.stringMatching(/^No way to reach it/)] });
    expect(found['No Mail Dental'].outcome).toBe('REJECTED');
    expect(found['No Mail Dental'].enrichment.notes).toEqual(['The listing\'s email info@nomail.example was not used: nomail.example says it accepts no mail (null MX).']);
    expect(found['Jaipur Smiles']).toMatchObject({ outcome: 'DUPLICATE', duplicateBy: 'WEBSITE', duplicateOf: expect.any(String), reasons: ['Already a lead: Jaipur Smiles Dental has the same website (jaipursmiles.in).'] });
    expect(found['Tooth Fairy']).toMatchObject({ outcome: 'DUPLICATE', duplicateBy: 'PHONE', reasons: ['Already a lead: The Tooth Fairy Clinic has the same phone number (+911412701234).'] });
    expect(found['Sharma Dental!']).toMatchObject({ outcome: 'DUPLICATE', duplicateBy: 'NAME_AND_PLACE' });

    const lead = (await app.gql(`{ lead(id: "${found['Smile Dental Care'].leadId}") { businessName status source industry tags city customFields foundBy { searchName fit enrichment { pagesRead } } } }`, {}, owner.caller)).data?.lead;
    expect(lead).toMatchObject({ businessName: 'Smile Dental Care', status: 'NEW', source: 'search: Dental clinic in Jaipur', industry: 'Dental clinic', tags: ['Dental clinic'], city: 'Jaipur', customFields: { Address: '12 MI Road', 'Found on': 'OpenStreetMap (node/101)' } });
    expect(lead.foundBy).toMatchObject({ searchName: 'Dental clinic in Jaipur', fit: 100 });
    const timeline = await history(app, owner, found['Smile Dental Care'].leadId);
    expect(timeline[0]).toMatchObject({ kind: 'CREATED', reason: expect.stringMatching(/^Found by the search "Dental clinic in Jaipur"\. Smile Dental Care fits 100\/100/), data: { via: 'lead_search', searchId, runId } });
  });

  it('run again, finds nothing new: every business it took before is the same listing', async () => {
    const again = await app.gql(`mutation { runLeadSearch(id: "${searchId}") { id trigger status } }`, {}, owner.caller);
    expect(again.data?.runLeadSearch).toMatchObject({ trigger: 'MANUAL', status: 'QUEUED' });
    const run = await finished(again.data?.runLeadSearch.id);
    expect(run).toMatchObject({ status: 'DONE', found: 7, created: 0, duplicates: 5, rejected: 2 });
    const smile = (await items(run.id)).find((item) => item.name === 'Smile Dental Care');
    expect(smile).toMatchObject({ outcome: 'DUPLICATE', duplicateBy: 'SAME_PLACE', reasons: ['Already a lead: the same listing (osm node/101), found by the search "Dental clinic in Jaipur" as Smile Dental Care.'] });
    expect((await app.gql('{ leads(filter: { source: "search: Dental clinic in Jaipur" }) { totalCount } }', {}, owner.caller)).data?.leads.totalCount).toBe(2);
    const runs = await app.gql(`{ leadSearchRuns(searchId: "${searchId}", first: 5) { nodes { id } } }`, {}, owner.caller);
    expect(runs.data?.leadSearchRuns.nodes.map((r: any) => r.id)).toEqual([run.id, runId]);
  });

  it('deleting the search keeps its runs and leads', async () => {
    expect((await app.gql(`mutation { deleteLeadSearch(id: "${searchId}") }`, {}, owner.caller)).data?.deleteLeadSearch).toBe(searchId);
    expect(errorCode(await app.gql(`{ leadSearch(id: "${searchId}") { id } }`, {}, owner.caller))).toBe('NOT_FOUND');
    expect((await app.gql(`{ leadSearchRuns(searchId: "${searchId}") { nodes { id status } } }`, {}, owner.caller)).data?.leadSearchRuns.nodes).toHaveLength(2);
    expect((await app.gql(`{ leadSearchRun(id: "${runId}") { created } }`, {}, owner.caller)).data?.leadSearchRun.created).toBe(2);
  });
});

describe('gyms in Bangalore, on Google Places', () => {
  it('is refused without an API key, naming the field; with the workspace\'s key it pages through Google and reads each gym\'s site', async () => {
    const input = 'input: { category: "gym", area: { placeName: "Bangalore" }, source: GOOGLE_PLACES, idealCustomer: { minRating: 4 }, minFit: 50 }';
    const refused = await app.gql(`mutation { createLeadSearch(${input}) { id } }`, {}, owner.caller);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION', fields: [{ field: 'source', message: expect.stringMatching(/^Google Places needs an API key/) }] } });
    await app.gql('mutation { setProviderCredential(name: GOOGLE_PLACES_API_KEY, value: "AIzaLocalTestKey0123") }', {}, owner.caller);
    const created = await app.gql(`mutation { createLeadSearch(${input}) { id name } }`, {}, owner.caller);
    expect(created.data?.createLeadSearch.name).toBe('Gym in Bangalore');
    const runId = await eventually(async () => (await app.gql(`{ leadSearch(id: "${created.data?.createLeadSearch.id}") { lastRun { id } } }`, {}, owner.caller)).data?.leadSearch.lastRun?.id, 20_000, 'the run');
    const run = await finished(runId);
    expect(run).toMatchObject({ status: 'DONE', found: 3, created: 2, rejected: 1 });
    const found = Object.fromEntries((await items(runId)).map((item) => [item.name, item]));
    expect(found['FitZone Gym']).toMatchObject({ outcome: 'CREATED', email: 'hello@fitzone.in', phone: '+918041235566', fit: 100 });
    expect(found['Pulse Fitness']).toMatchObject({ outcome: 'CREATED', email: null, phone: '+918041238888', reasons: expect.arrayContaining([expect.stringMatching(/^Reachable by phone only/)]) });
    expect(found['IronCore Gym']).toMatchObject({ outcome: 'REJECTED', reasons: [expect.stringMatching(/^Fits 30\/100, below this search's minimum of 50\./), expect.stringContaining('is rated 3.2 (12 reviews), below your minimum of 4.0')] });
    const searched = sources.seen.filter((s) => s.path === '/places/v1/places:searchText');
    expect(searched.map((s) => JSON.parse(s.body).pageToken ?? null)).toEqual([null, '2']);
  });
});

describe('inputs', () => {
  it('names each bad field, and offers the kinds of business as people type them', async () => {
    const bad = await app.gql('mutation { createLeadSearch(input: { category: "spaceships", area: { placeName: "Jaipur", latitude: 1 }, maxNewLeadsPerRun: 0 }) { id } }', {}, owner.caller);
    expect(bad.errors?.[0]?.extensions?.fields.map((f: any) => f.field)).toEqual(['category', 'area', 'maxNewLeadsPerRun']);
    const suggested = await app.gql('{ suggestCategories(prefix: "de", first: 3) { nodes { id label } } }', {}, owner.caller);
    expect(suggested.data?.suggestCategories.nodes).toEqual([{ id: 'dentist', label: 'Dental clinic' }]);
    expect(errorCode(await app.gql('{ previewLeadSearch(input: { category: "gym", area: { placeName: "Atlantis" } }) { name } }', {}, owner.caller))).toBe('VALIDATION');
  });
});
