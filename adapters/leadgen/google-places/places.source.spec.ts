import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findCategory } from '../../../core/leadgen/categories.ts';
import { SourceUnavailableError } from '../../../core/leadgen/lead-source.ts';
import { PlacesSource } from './places.source.ts';

// A local server speaking the Places API (New): places:searchText (POST, paged) and place details (GET).
interface Seen { method: string; path: string; key: string | undefined; mask: string | undefined; body: Record<string, unknown> | null }
let server: Server;
let base = '';
let seen: Seen[] = [];
const KEY = 'AIzaTestKey0123456789';

const place = (n: number) => ({
  id: `ChIJ_place_${n}`, displayName: { text: `Gym ${n}`, languageCode: 'en' }, formattedAddress: `${n} MG Road, Bengaluru, Karnataka 560001, India`,
  addressComponents: [{ longText: 'Bengaluru', shortText: 'Bengaluru', types: ['locality', 'political'] }, { longText: 'India', shortText: 'IN', types: ['country', 'political'] }],
  location: { latitude: 12.97 + n / 1000, longitude: 77.59 }, rating: 4 + n / 10, userRatingCount: 100 + n,
});

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      seen.push({ method: req.method ?? '', path: req.url ?? '', key: req.headers['x-goog-api-key'] as string | undefined, mask: req.headers['x-goog-fieldmask'] as string | undefined, body });
      res.setHeader('content-type', 'application/json');
      if (req.headers['x-goog-api-key'] !== KEY) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } }));
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/places:searchText') {
        if (body?.textQuery === 'Gym in Nowhere') return res.end('{}');
        if (body?.textQuery === 'Gym in Broken') return res.end(JSON.stringify({ places: 'nope' }));
        const second = body?.pageToken === 'page-2';
        res.end(JSON.stringify(second ? { places: [place(3)] } : { places: [place(1), place(2), { id: 'no-name' }], nextPageToken: 'page-2' }));
        return;
      }
      const id = decodeURIComponent((req.url ?? '').replace('/v1/places/', ''));
      res.end(JSON.stringify(id === 'ChIJ_place_2' ? { nationalPhoneNumber: '080 4123 5566' } : { internationalPhoneNumber: '+91 80 4123 0000', websiteUri: `https://gym${id.slice(-1)}.example.in/`, regularOpeningHours: { weekdayDescriptions: ['Monday: 6:00 AM – 10:00 PM', 'Tuesday: 6:00 AM – 10:00 PM'] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (seen = []));

const gym = findCategory('gym')!;
const source = (apiKey = KEY) => new PlacesSource({ apiKey, baseUrl: base, minIntervalMs: 0 });

describe('Google Places as a lead source', () => {
  it('searches "Gym in Bengaluru" with the cheap field mask, then asks details for phone and website only, and pages', async () => {
    const first = await source().find({ category: gym, area: { kind: 'place', name: 'Bengaluru', country: 'IN' }, limit: 50, page: null });
    expect(first.next).toBe('page-2');
    expect(first.businesses.map((b) => [b.externalId, b.name, b.city, b.country, b.rating, b.ratingCount, b.phone, b.website])).toEqual([
      ['ChIJ_place_1', 'Gym 1', 'Bengaluru', 'IN', 4.1, 101, '+91 80 4123 0000', 'https://gym1.example.in/'],
      ['ChIJ_place_2', 'Gym 2', 'Bengaluru', 'IN', 4.2, 102, '080 4123 5566', null],
    ]);
    expect(first.businesses[0]!.openingHours).toBe('Monday: 6:00 AM – 10:00 PM; Tuesday: 6:00 AM – 10:00 PM');
    const [search, ...details] = seen;
    expect(search).toMatchObject({ method: 'POST', key: KEY, body: { textQuery: 'Gym in Bengaluru', pageSize: 20, includedType: 'gym', regionCode: 'in' } });
    expect(search!.mask).not.toMatch(/phone|website/i);
    expect(search!.path).not.toContain(KEY);
    expect(details.map((d) => [d.method, d.path, d.mask])).toEqual([
      ['GET', '/v1/places/ChIJ_place_1', 'internationalPhoneNumber,nationalPhoneNumber,websiteUri,regularOpeningHours.weekdayDescriptions'],
      ['GET', '/v1/places/ChIJ_place_2', 'internationalPhoneNumber,nationalPhoneNumber,websiteUri,regularOpeningHours.weekdayDescriptions'],
    ]);
    const second = await source().find({ category: gym, area: { kind: 'place', name: 'Bengaluru', country: 'IN' }, limit: 50, page: first.next });
    expect([second.businesses.map((b) => b.name), second.next]).toEqual([['Gym 3'], null]);
    expect(seen.find((s) => s.method === 'POST' && s.body?.pageToken === 'page-2')).toBeTruthy();
  });

  it('restricts a circle to its box, and an empty area is an empty page', async () => {
    const page = await source().find({ category: gym, area: { kind: 'circle', lat: 12.97, lon: 77.59, radiusMeters: 1000 }, limit: 5, page: null });
    expect(page.businesses.length).toBe(2);
    const box = (seen[0]!.body!.locationRestriction as { rectangle: { low: { latitude: number }; high: { latitude: number } } }).rectangle;
    expect(box.high.latitude - box.low.latitude).toBeCloseTo(0.018, 3);
    expect(seen[0]!.body!.pageSize).toBe(5);
    expect(await source().find({ category: gym, area: { kind: 'place', name: 'Nowhere', country: null }, limit: 5, page: null })).toEqual({ businesses: [], next: null });
  });

  it('says why Google refused (an invalid key) and refuses a malformed answer', async () => {
    const refused = await source('AIzaWrongKey000000000').find({ category: gym, area: { kind: 'place', name: 'Bengaluru', country: null }, limit: 5, page: null }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SourceUnavailableError);
    expect((refused as Error).message).toBe('google_places: refused the request (HTTP 400: API key not valid. Please pass a valid API key.)');
    await expect(source().find({ category: gym, area: { kind: 'place', name: 'Broken', country: null }, limit: 5, page: null })).rejects.toThrow(/without a list of places/);
    expect(() => new PlacesSource({ apiKey: 'short' })).toThrow();
  });
});
