// Local copies of the lead sources and of the businesses they list, for tests of lead searches:
// one server speaking Nominatim's jsonv2 search, Overpass's JSON and the Places API (New), with
// answers chosen per place; businesses' websites, each on its own loopback address (a site is its
// host); and a DNS server for their mail domains. Everything listens on loopback only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDnsServer, type Zone } from './dns-server.ts';

export interface Answer {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface SourcesOptions {
  /** Overpass elements (or a whole answer, a failure) per place name, as Nominatim resolved it. */
  overpass: Record<string, unknown[] | Answer | Answer[]>;
  /** Places API answers per text query ("Gym in Bangalore"), page by page (page tokens "2", "3"…). */
  places?: Record<string, unknown[][]>;
  placesKey?: string;
  /** Place details (phone, website) by place id. */
  placeDetails?: Record<string, Record<string, unknown>>;
}

export interface LocalSources {
  url: string;
  /** Requests seen: method and path. */
  seen: Array<{ method: string; path: string; body: string }>;
  env: Record<string, string>;
  options: SourcesOptions;
  stop(): Promise<void>;
}

const read = (req: IncomingMessage) => new Promise<string>((resolve) => { let body = ''; req.on('data', (c) => (body += c)); req.on('end', () => resolve(body)); });
const send = (res: ServerResponse, answer: Answer) => {
  res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
  res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
};
/** A stable OpenStreetMap relation id per place name. */
const osmIdOf = (name: string) => 1_000_000 + [...name.toLowerCase()].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7);

export async function startLocalSources(options: SourcesOptions, dnsZone: Zone): Promise<LocalSources> {
  const seen: LocalSources['seen'] = [];
  const calls = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const body = await read(req);
    const url = new URL(req.url ?? '/', 'http://local');
    seen.push({ method: req.method ?? '', path: url.pathname + url.search, body });
    if (url.pathname === '/nominatim/search') {
      const q = url.searchParams.get('q') ?? '';
      if (!(q in options.overpass)) return send(res, { body: [] });
      return send(res, { body: [{ place_id: 1, osm_type: 'relation', osm_id: osmIdOf(q), lat: '26.9', lon: '75.8', display_name: `${q}, India`, name: q, address: { city: q, country_code: 'in' } }] });
    }
    if (url.pathname === '/overpass') {
      const ql = new URLSearchParams(body).get('data') ?? '';
      const place = Object.keys(options.overpass).find((name) => ql.includes(`area(id:${3_600_000_000 + osmIdOf(name)})`));
      const answer = place ? options.overpass[place] : [];
      if (Array.isArray(answer) && answer.length && typeof answer[0] === 'object' && answer[0] !== null && 'body' in (answer[0] as object)) {
        // A sequence of answers: the next one each time, the last one for ever after.
        const n = calls.get(place!) ?? 0;
        calls.set(place!, n + 1);
        return send(res, (answer as Answer[])[Math.min(n, answer.length - 1)]!);
      }
      if (!Array.isArray(answer)) return send(res, answer as Answer);
      return send(res, { body: { version: 0.6, elements: answer } });
    }
    if (url.pathname.startsWith('/places/v1/')) {
      if (req.headers['x-goog-api-key'] !== options.placesKey) return send(res, { status: 400, body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } } });
      if (url.pathname === '/places/v1/places:searchText') {
        const request = JSON.parse(body || '{}') as { textQuery?: string; pageToken?: string };
        const pages = options.places?.[request.textQuery ?? ''] ?? [];
        const index = request.pageToken ? Number(request.pageToken) - 1 : 0;
        return send(res, { body: { places: pages[index] ?? [], ...(index + 1 < pages.length ? { nextPageToken: String(index + 2) } : {}) } });
      }
      const id = decodeURIComponent(url.pathname.replace('/places/v1/places/', ''));
      return send(res, { body: options.placeDetails?.[id] ?? {} });
    }
    send(res, { status: 404, body: { error: 'not here' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dns = await startDnsServer(dnsZone);
  return {
    url,
    seen,
    options,
    env: {
      OSM_NOMINATIM_URL: `${url}/nominatim`,
      OSM_OVERPASS_URL: `${url}/overpass`,
      GOOGLE_PLACES_BASE_URL: `${url}/places`,
      LEADGEN_DNS_SERVERS: dns.address,
      LEADGEN_ALLOW_PRIVATE_SITES: 'true',
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dns.stop();
    },
  };
}

/** A business's website on a loopback address of its own ("127.0.0.N"): its pages by path, HTML. */
export async function startSite(address: string, pages: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const page = pages[req.url ?? '/'];
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': req.url === '/robots.txt' ? 'text/plain' : 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return { url: `http://${address}:${(server.address() as AddressInfo).port}/`, server };
}

export function stopSites(sites: Array<{ server: Server }>): Promise<void[]> {
  return Promise.all(sites.map(({ server }) => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); })));
}
