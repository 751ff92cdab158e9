// Google Places (New) as a lead source, with the tenant's key: Text Search ("dentist in Jaipur",
// restricted to the category's place type), 20 places a page, then Place Details for each place's
// phone and website. Field masks ask only for what a lead needs: the cheapest fields in the
// search, contact fields only in details, so a run costs what it brings.
import { z } from 'zod';
import type { FoundBusiness } from '../../../core/leadgen/found-business.ts';
import { SourceUnavailableError, type LeadSource, type SourcePage, type SourceQuery } from '../../../core/leadgen/lead-source.ts';
import { PoliteClient } from '../polite-client.ts';
import { placeDetails, placesBusiness } from './places-business.ts';

export const placesOptionsSchema = z.object({
  apiKey: z.string().min(10).max(200),
  baseUrl: z.url({ protocol: /^https?$/ }).default('https://places.googleapis.com'),
  timeoutMs: z.number().int().min(100).max(60_000).default(15_000),
  minIntervalMs: z.number().int().min(0).max(10_000).default(100),
});
export type PlacesOptions = z.input<typeof placesOptionsSchema>;

const SEARCH_FIELDS = ['places.id', 'places.displayName', 'places.formattedAddress', 'places.addressComponents', 'places.location', 'places.rating', 'places.userRatingCount', 'nextPageToken'].join(',');
const DETAIL_FIELDS = ['internationalPhoneNumber', 'nationalPhoneNumber', 'websiteUri', 'regularOpeningHours.weekdayDescriptions'].join(',');
const PAGE_SIZE = 20;

export class PlacesSource implements LeadSource {
  static readonly id = 'google_places';
  readonly id = PlacesSource.id;
  private readonly options: z.output<typeof placesOptionsSchema>;
  private readonly client: PoliteClient;

  constructor(options: PlacesOptions) {
    this.options = placesOptionsSchema.parse(options);
    this.client = new PoliteClient({ sourceId: this.id, userAgent: 'CRM-AutoPilot/1.0', minIntervalMs: this.options.minIntervalMs, timeoutMs: this.options.timeoutMs, maxBytes: 8 * 1024 * 1024, retries: 2, maxWaitMs: 30_000 });
  }

  async find(query: SourceQuery): Promise<SourcePage> {
    const body: Record<string, unknown> = {
      textQuery: query.area.kind === 'place' ? `${query.category.label} in ${query.area.name}` : query.category.label,
      pageSize: Math.min(PAGE_SIZE, Math.max(1, query.limit)),
      includedType: query.category.places[0],
      ...(query.area.kind === 'place' && query.area.country ? { regionCode: query.area.country.toLowerCase() } : {}),
      ...(query.area.kind === 'circle' ? { locationRestriction: circleBox(query.area.lat, query.area.lon, query.area.radiusMeters) } : {}),
      ...(query.page ? { pageToken: query.page } : {}),
    };
    const answer = (await this.call('v1/places:searchText', 'POST', SEARCH_FIELDS, JSON.stringify(body))) as { places?: unknown; nextPageToken?: unknown };
    if (answer.places !== undefined && !Array.isArray(answer.places)) throw new SourceUnavailableError(this.id, 'answered without a list of places');
    const businesses = ((answer.places as unknown[] | undefined) ?? []).map((place) => placesBusiness(place, query.category.id)).filter((b): b is FoundBusiness => b !== null);
    // Details one place at a time (the client serialises them): phone and website are what a lead needs.
    for (const business of businesses) Object.assign(business, placeDetails(await this.call(`v1/places/${encodeURIComponent(business.externalId)}`, 'GET', DETAIL_FIELDS)));
    return { businesses, next: typeof answer.nextPageToken === 'string' && answer.nextPageToken ? answer.nextPageToken : null };
  }

  private async call(path: string, method: 'GET' | 'POST', fields: string, body?: string): Promise<Record<string, unknown>> {
    const url = new URL(path, this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    // The key goes in a header, never the URL, so no log or proxy keeps it.
    const headers = { 'x-goog-api-key': this.options.apiKey, 'x-goog-fieldmask': fields };
    const answer = await this.client.json(url.toString(), { method, headers, ...(body !== undefined ? { body, contentType: 'application/json' } : {}) });
    if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw new SourceUnavailableError(this.id, 'answered with something that is not a JSON object');
    return answer as Record<string, unknown>;
  }
}

/** Text Search restricts to a rectangle: the box around the circle. */
function circleBox(lat: number, lon: number, radiusMeters: number) {
  const dLat = radiusMeters / 111_320;
  const dLon = radiusMeters / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { rectangle: { low: { latitude: lat - dLat, longitude: lon - dLon }, high: { latitude: lat + dLat, longitude: lon + dLon } } };
}
