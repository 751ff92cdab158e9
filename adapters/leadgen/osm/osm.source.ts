// OpenStreetMap as a lead source: the default (free, no key). Businesses by category within a city
// (resolved by Nominatim) or a circle, through the Overpass API; public or self-hosted endpoints.
// Overpass has no paging: one query brings up to MAX_RESULTS places, kept briefly so the pages a
// run asks for next come from the same answer instead of new queries.
import { z } from 'zod';
import type { LeadSource, SourcePage, SourceQuery } from '../../../core/leadgen/lead-source.ts';
import { SourceUnavailableError } from '../../../core/leadgen/lead-source.ts';
import type { FoundBusiness } from '../../../core/leadgen/found-business.ts';
import { PoliteClient } from '../polite-client.ts';
import { Nominatim } from './nominatim.ts';
import { osmBusiness } from './osm-business.ts';
import { overpassQuery, type OverpassArea } from './overpass-query.ts';

export const osmOptionsSchema = z.object({
  overpassUrl: z.url({ protocol: /^https?$/ }).default('https://overpass-api.de/api/interpreter'),
  nominatimUrl: z.url({ protocol: /^https?$/ }).default('https://nominatim.openstreetmap.org'),
  /** Both services ask for an identifying User-Agent with a way to reach the operator. */
  userAgent: z.string().min(5).max(200).default('CRM-AutoPilot/1.0 (lead search; https://github.com/crm-autopilot)'),
  minIntervalMs: z.number().int().min(0).max(60_000).default(1_000),
  timeoutMs: z.number().int().min(100).max(180_000).default(60_000),
  /** A city Nominatim knows only as a point is searched within this radius. */
  pointRadiusMeters: z.number().int().min(100).max(50_000).default(8_000),
});
export type OsmOptions = z.input<typeof osmOptionsSchema>;

const MAX_RESULTS = 1_000;
const KEEP_MS = 10 * 60 * 1000;

export class OsmSource implements LeadSource {
  static readonly id = 'osm';
  readonly id = OsmSource.id;
  private readonly options: z.output<typeof osmOptionsSchema>;
  private readonly overpass: PoliteClient;
  private readonly nominatim: Nominatim;
  private readonly kept = new Map<string, { at: number; businesses: FoundBusiness[] }>();

  constructor(options: OsmOptions = {}) {
    this.options = osmOptionsSchema.parse(options);
    const common = { userAgent: this.options.userAgent, minIntervalMs: this.options.minIntervalMs, timeoutMs: this.options.timeoutMs, maxBytes: 32 * 1024 * 1024, retries: 3, maxWaitMs: 60_000 };
    this.overpass = new PoliteClient({ sourceId: 'osm', ...common });
    this.nominatim = new Nominatim(new PoliteClient({ sourceId: 'osm', ...common }), this.options.nominatimUrl);
  }

  async find(query: SourceQuery): Promise<SourcePage> {
    const offset = query.page === null ? 0 : Number(query.page);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new SourceUnavailableError(this.id, `the page token ${JSON.stringify(query.page)} is not one this source gave`);
    const all = await this.search(query);
    const businesses = all.slice(offset, offset + query.limit);
    const end = offset + businesses.length;
    return { businesses, next: end < all.length ? String(end) : null };
  }

  private async search(query: SourceQuery): Promise<FoundBusiness[]> {
    const key = JSON.stringify([query.category.id, query.area]);
    const kept = this.kept.get(key);
    if (kept && Date.now() - kept.at < KEEP_MS) return kept.businesses;
    let area: OverpassArea;
    let city: string | null = null;
    let country: string | null = null;
    if (query.area.kind === 'place') {
      const place = await this.nominatim.resolve(query.area.name, query.area.country);
      area = { kind: 'place', place, radiusMeters: this.options.pointRadiusMeters };
      city = place.city;
      country = place.country;
    } else area = query.area;
    const ql = overpassQuery(query.category.osm, area, { max: MAX_RESULTS, timeoutSeconds: Math.ceil(this.options.timeoutMs / 1000) });
    const answer = await this.overpass.json(this.options.overpassUrl, { method: 'POST', body: new URLSearchParams({ data: ql }).toString(), contentType: 'application/x-www-form-urlencoded' });
    const elements = answer && typeof answer === 'object' && Array.isArray((answer as { elements?: unknown }).elements) ? (answer as { elements: unknown[] }).elements : null;
    const remark = answer && typeof answer === 'object' ? (answer as { remark?: unknown }).remark : undefined;
    // A query that ran out of time or memory answers 200 with what it had: partial, so not used.
    if (typeof remark === 'string' && /runtime error/i.test(remark)) throw new SourceUnavailableError(this.id, `Overpass said: ${remark.slice(0, 200)}`);
    if (!elements) {
      throw new SourceUnavailableError(this.id, typeof remark === 'string' ? `Overpass said: ${remark.slice(0, 200)}` : 'Overpass answered without elements');
    }
    const seen = new Set<string>();
    const businesses: FoundBusiness[] = [];
    for (const element of elements) {
      const business = osmBusiness(element, { category: query.category.id, city, country });
      if (business && !seen.has(business.externalId)) {
        seen.add(business.externalId);
        businesses.push(business);
      }
    }
    this.kept.set(key, { at: Date.now(), businesses });
    for (const [k, v] of this.kept) if (Date.now() - v.at >= KEEP_MS) this.kept.delete(k);
    return businesses;
  }
}
