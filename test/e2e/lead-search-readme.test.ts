import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { signup } from '../support/factories.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { startLocalSources, type LocalSources } from '../support/lead-sources.ts';
import { eventually } from '../support/multipart.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 90_000 });

/** The README's "Finding leads" examples, sent as written (the shell's ids filled in), answer without errors. */
let app: TestGateway;
let sources: LocalSources;
beforeAll(async () => {
  sources = await startLocalSources({
    overpass: { Jaipur: [{ type: 'node', id: 1, tags: { amenity: 'dentist', name: 'Smile Dental', 'contact:email': 'info@smile.in', website: 'https://smile.in' } }] },
    placesKey: 'AIzaReadmeKey00000000',
    places: { Gym: [[{ id: 'p1', displayName: { text: 'FitZone' } }]] },
    placeDetails: { p1: { nationalPhoneNumber: '080 4123 5566' } },
  }, { 'smile.in': { MX: [{ preference: 10, exchange: 'mx.smile.in' }] } });
  app = await startTestGateway(sources.env);
});
afterAll(async () => {
  await app.close();
  await sources.stop();
});

it('the README\'s lead search examples run as written', async () => {
  const owner = await signup(app);
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Finding leads'), readme.indexOf('### Who may do what'));
  const bodies = [...section.matchAll(/gql '(.*?)'(?:\)| |$)/gm)].map((m) => m[1]!);
  expect(bodies.length).toBeGreaterThan(10);
  let search = '';
  let run = '';
  let found = '';
  for (const raw of bodies) {
    const text = raw.replaceAll(`'$SEARCH'`, search).replaceAll(`'$RUN'`, run).replace('<found business id>', found).replace('<your key>', 'AIzaReadmeKey00000000');
    const body = JSON.parse(text);
    const result = await app.gql(body.query, body.variables, owner.caller);
    expect(result.errors, body.query).toBeUndefined();
    if (result.data?.createLeadSearch && !search) search = result.data.createLeadSearch.id;
    if (result.data?.leadSearch) run = await eventually(async () => {
      const r = await app.gql(`{ leadSearch(id: "${search}") { lastRun { id status } } }`, {}, owner.caller);
      return r.data?.leadSearch.lastRun?.status === 'DONE' ? r.data.leadSearch.lastRun.id : null;
    });
    if (result.data?.foundBusinesses) found = result.data.foundBusinesses.nodes[0]?.id ?? (await app.gql('{ foundBusinesses { nodes { id } } }', {}, owner.caller)).data?.foundBusinesses.nodes[0].id;
  }
});
