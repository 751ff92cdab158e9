import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findCategory } from '../../../core/leadgen/categories.ts';
import { SourceUnavailableError, UnknownAreaError } from '../../../core/leadgen/lead-source.ts';
import { OsmSource } from './osm.source.ts';

// A local server speaking Nominatim's jsonv2 search and Overpass's JSON, as the public ones do.
interface Seen { path: string; userAgent: string | undefined; body: string; at: number }
let server: Server;
let base = '';
let seen: Seen[] = [];
let overpassAnswers: Array<{ status: number; body: string; headers?: Record<string, string> }> = [];

const jaipur = { place_id: 1, osm_type: 'relation', osm_id: 1950528, lat: '26.9154576', lon: '75.8189817', display_name: 'Jaipur, Rajasthan, India', name: 'Jaipur', address: { city: 'Jaipur', state: 'Rajasthan', country: 'India', country_code: 'in' } };
const dentists = {
  version: 0.6,
  elements: [
    { type: 'node', id: 101, lat: 26.91, lon: 75.79, tags: { amenity: 'dentist', name: 'Smile Dental Care', 'addr:street': 'MI Road', 'addr:housenumber': '12', phone: '+91 141 236 5500; +91 98290 11223', website: 'https://smiledental.in', opening_hours: 'Mo-Sa 10:00-19:00' } },
    { type: 'way', id: 202, center: { lat: 26.85, lon: 75.8 }, tags: { healthcare: 'dentist', name: 'Pink City Orthodontics', 'contact:email': 'Info@PinkCityOrtho.in', 'addr:city': 'Jaipur' } },
    { type: 'node', id: 303, lat: 26.9, lon: 75.7, tags: { amenity: 'dentist' } },
    { type: 'node', id: 101, lat: 26.91, lon: 75.79, tags: { amenity: 'dentist', name: 'Smile Dental Care' } },
    { type: 'node', id: 404, lat: 26.92, lon: 75.81, tags: { amenity: 'dentist', name: 'Dr. Gupta Dental' } },
  ],
};

const readBody = (req: IncomingMessage) => new Promise<string>((resolve) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => resolve(b)); });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({ path: req.url ?? '', userAgent: req.headers['user-agent'], body, at: Date.now() });
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/nominatim/search') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(url.searchParams.get('q') === 'Atlantis' ? [] : [jaipur]));
      return;
    }
    const next = overpassAnswers.shift() ?? { status: 200, body: JSON.stringify(dentists) };
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    res.end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  overpassAnswers = [];
});

const source = (over: Record<string, unknown> = {}) => new OsmSource({ overpassUrl: `${base}/api/interpreter`, nominatimUrl: `${base}/nominatim`, userAgent: 'CRM-AutoPilot-test/1 (ops@example.test)', minIntervalMs: 0, timeoutMs: 2_000, ...over });
const dentist = findCategory('dentist')!;
const jaipurArea = { kind: 'place' as const, name: 'Jaipur', country: 'IN' };

describe('OpenStreetMap as a lead source', () => {
  it('resolves the city, asks Overpass for every tag of the category inside its boundary, and reads named places once each', async () => {
    const page = await source().find({ category: dentist, area: jaipurArea, limit: 10, page: null });
    expect(page.next).toBeNull();
    expect(page.businesses.map((b) => b.externalId)).toEqual(['node/101', 'way/202', 'node/404']);
    expect(page.businesses[0]).toMatchObject({ source: 'osm', name: 'Smile Dental Care', category: 'dentist', address: '12 MI Road', city: 'Jaipur', country: 'IN', phone: '+91 141 236 5500', website: 'https://smiledental.in', openingHours: 'Mo-Sa 10:00-19:00', lat: 26.91 });
    expect(page.businesses[1]).toMatchObject({ email: 'info@pinkcityortho.in', lat: 26.85, lon: 75.8 });
    const [lookup, query] = seen;
    expect(lookup!.path).toBe('/nominatim/search?q=Jaipur&format=jsonv2&limit=1&addressdetails=1&countrycodes=in');
    const ql = new URLSearchParams(query!.body).get('data')!;
    expect(ql).toContain(`area(id:${3_600_000_000 + 1950528})->.a;`);
    expect(ql).toContain('nwr["amenity"="dentist"]["name"](area.a);');
    expect(ql).toContain('nwr["healthcare"="dentist"]["name"](area.a);');
    for (const request of seen) expect(request.userAgent).toBe('CRM-AutoPilot-test/1 (ops@example.test)');
  });

  it('pages through one answer, and looks the city up once', async () => {
    const osm = source();
    const first = await osm.find({ category: dentist, area: jaipurArea, limit: 2, page: null });
    const second = await osm.find({ category: dentist, area: jaipurArea, limit: 2, page: first.next });
    expect([first.businesses.length, first.next, second.businesses.map((b) => b.name), second.next]).toEqual([2, '2', ['Dr. Gupta Dental'], null]);
    expect(seen.length).toBe(2);
    await expect(osm.find({ category: dentist, area: jaipurArea, limit: 2, page: 'garbage' })).rejects.toThrow(SourceUnavailableError);
  });

  it('searches a circle with around:, and an empty area is an empty page', async () => {
    overpassAnswers.push({ status: 200, body: JSON.stringify({ elements: [] }) });
    const page = await source().find({ category: findCategory('gym')!, area: { kind: 'circle', lat: 12.97, lon: 77.59, radiusMeters: 2500 }, limit: 10, page: null });
    expect(page).toEqual({ businesses: [], next: null });
    expect(new URLSearchParams(seen[0]!.body).get('data')).toContain('nwr["leisure"="fitness_centre"]["name"](around:2500,12.970000,77.590000);');
  });

  it('waits as told by 429 Retry-After and 504, then succeeds; refuses to wait longer than it may', async () => {
    overpassAnswers.push({ status: 429, body: 'slow down', headers: { 'retry-after': '1' } }, { status: 504, body: '' });
    const page = await source().find({ category: dentist, area: jaipurArea, limit: 10, page: null });
    expect(page.businesses.length).toBe(3);
    const posts = seen.filter((s) => s.path === '/api/interpreter');
    expect(posts.length).toBe(3);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);

    overpassAnswers.push({ status: 429, body: '', headers: { 'retry-after': '3600' } });
    const error = await source().find({ category: dentist, area: jaipurArea, limit: 10, page: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 3600 });
  });

  it('refuses malformed and partial answers with the reason, and names an unknown place', async () => {
    overpassAnswers.push({ status: 200, body: '<html>oops' });
    await expect(source().find({ category: dentist, area: jaipurArea, limit: 10, page: null })).rejects.toThrow(/not JSON/);
    overpassAnswers.push({ status: 200, body: JSON.stringify({ elements: [dentists.elements[0]], remark: 'runtime error: Query timed out in "query" at line 3 after 25 seconds.' }) });
    await expect(source().find({ category: dentist, area: jaipurArea, limit: 10, page: null })).rejects.toThrow(/Query timed out/);
    overpassAnswers.push({ status: 400, body: 'bad query' });
    await expect(source().find({ category: dentist, area: jaipurArea, limit: 10, page: null })).rejects.toThrow(/HTTP 400/);
    await expect(source().find({ category: dentist, area: { kind: 'place', name: 'Atlantis', country: null }, limit: 10, page: null })).rejects.toThrow(UnknownAreaError);
  });

  it('sends one request at a time, spaced by the interval', async () => {
    const osm = source({ minIntervalMs: 300 });
    await Promise.all([
      osm.find({ category: dentist, area: jaipurArea, limit: 1, page: null }),
      osm.find({ category: findCategory('gym')!, area: jaipurArea, limit: 1, page: null }),
    ]);
    const posts = seen.filter((s) => s.path === '/api/interpreter');
    expect(posts.length).toBe(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(290);
  });
});
