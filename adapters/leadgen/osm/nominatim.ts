// A city's name to the OpenStreetMap object that bounds it, through Nominatim's search. Lookups
// are cached: a daily search for "dentists in Jaipur" asks Nominatim about Jaipur once a day at most.
import { UnknownAreaError } from '../../../core/leadgen/lead-source.ts';
import type { PoliteClient } from '../polite-client.ts';

export interface ResolvedPlace {
  osmType: 'node' | 'way' | 'relation';
  osmId: number;
  lat: number;
  lon: number;
  name: string;
  city: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
}

const CACHE_MS = 24 * 60 * 60 * 1000;
const CACHE_SIZE = 500;

export class Nominatim {
  private readonly cache = new Map<string, { at: number; place: ResolvedPlace }>();

  constructor(
    private readonly client: PoliteClient,
    private readonly baseUrl: string,
  ) {}

  async resolve(name: string, country: string | null): Promise<ResolvedPlace> {
    const key = `${country ?? ''}|${name.trim().toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.place;
    const url = new URL('search', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    url.search = new URLSearchParams({ q: name.trim(), format: 'jsonv2', limit: '1', addressdetails: '1', ...(country ? { countrycodes: country.toLowerCase() } : {}) }).toString();
    const answer = await this.client.json(url.toString());
    const place = Array.isArray(answer) ? readPlace(answer[0]) : null;
    if (!place) throw new UnknownAreaError(name);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { at: Date.now(), place });
    return place;
  }
}

function readPlace(raw: unknown): ResolvedPlace | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const osmType = r.osm_type;
  const osmId = Number(r.osm_id);
  const lat = Number(r.lat);
  const lon = Number(r.lon);
  if ((osmType !== 'node' && osmType !== 'way' && osmType !== 'relation') || !Number.isSafeInteger(osmId) || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  const address = r.address && typeof r.address === 'object' ? (r.address as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  const city = text(address.city) ?? text(address.town) ?? text(address.village) ?? text(address.county) ?? text(r.name);
  const country = text(address.country_code)?.toUpperCase() ?? null;
  return { osmType, osmId, lat, lon, name: text(r.display_name) ?? text(r.name) ?? String(osmId), city, country: country && /^[A-Z]{2}$/.test(country) ? country : null };
}
