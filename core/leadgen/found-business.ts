/** A business as a lead source found it, before it is a lead: what the source knows, nothing invented. */
export interface FoundBusiness {
  /** The source's static id ('osm', 'google_places') and its id for the place, together unique. */
  source: string;
  externalId: string;
  name: string;
  /** Our category id (categories.ts), from the search or the source's own tags. */
  category: string | null;
  address: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2, when the source says. */
  country: string | null;
  lat: number | null;
  lon: number | null;
  phone: string | null;
  website: string | null;
  email: string | null;
  openingHours: string | null;
  /** 0-5 stars and how many reviews, where the source has them (Google does, OpenStreetMap does not). */
  rating: number | null;
  ratingCount: number | null;
}
