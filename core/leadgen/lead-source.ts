import type { BusinessCategory } from './categories.ts';
import type { FoundBusiness } from './found-business.ts';

/** Where to look: a named place (a city, resolved by the source) or a circle around a point. */
export type SearchArea = { kind: 'place'; name: string; country: string | null } | { kind: 'circle'; lat: number; lon: number; radiusMeters: number };

export interface SourceQuery {
  category: BusinessCategory;
  area: SearchArea;
  /** At most this many businesses in this page. */
  limit: number;
  /** The source's own token for the next page, from the previous answer. */
  page: string | null;
}

export interface SourcePage {
  businesses: FoundBusiness[];
  /** Null when there is nothing more. */
  next: string | null;
}

/** Why a source could not answer; `retryAfterSeconds` when it said when to come back. */
export class SourceUnavailableError extends Error {
  constructor(
    readonly sourceId: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`${sourceId}: ${message}`);
    this.name = 'SourceUnavailableError';
  }
}

/** The area named does not exist for the source (a typo, a place it does not know). */
export class UnknownAreaError extends Error {
  constructor(readonly area: string) {
    super(`no place called "${area}" was found`);
    this.name = 'UnknownAreaError';
  }
}

/**
 * Port: a place where businesses can be found by category and area, through a way its owners
 * allow (OpenStreetMap's Overpass, Google Places). Pages through results; never scrapes.
 */
export interface LeadSource {
  readonly id: string;
  find(query: SourceQuery): Promise<SourcePage>;
}
