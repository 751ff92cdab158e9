// A place of the Places API (New) as a found business.
import type { FoundBusiness } from '../../../core/leadgen/found-business.ts';

export interface PlaceDetails {
  phone: string | null;
  website: string | null;
  openingHours: string | null;
}

const text = (value: unknown, max = 300): string | null => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function placesBusiness(raw: unknown, category: string): FoundBusiness | null {
  if (!raw || typeof raw !== 'object') return null;
  const place = raw as Record<string, unknown>;
  const id = text(place.id, 300);
  const name = text((place.displayName as { text?: unknown } | undefined)?.text, 200);
  if (!id || !name) return null;
  const components = Array.isArray(place.addressComponents) ? (place.addressComponents as Array<{ longText?: unknown; shortText?: unknown; types?: unknown }>) : [];
  const component = (type: string, short = false) => {
    const found = components.find((c) => Array.isArray(c.types) && c.types.includes(type));
    return found ? text(short ? found.shortText : found.longText, 100) : null;
  };
  const location = (place.location ?? {}) as { latitude?: unknown; longitude?: unknown };
  const country = component('country', true)?.toUpperCase() ?? null;
  const rating = num(place.rating);
  const count = num(place.userRatingCount);
  return {
    source: 'google_places',
    externalId: id,
    name,
    category,
    address: text(place.formattedAddress),
    city: component('locality') ?? component('administrative_area_level_3') ?? component('administrative_area_level_2'),
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    lat: num(location.latitude),
    lon: num(location.longitude),
    phone: null,
    website: null,
    email: null,
    openingHours: null,
    rating: rating !== null && rating >= 0 && rating <= 5 ? rating : null,
    ratingCount: count !== null && Number.isSafeInteger(count) && count >= 0 ? count : null,
  };
}

export function placeDetails(raw: unknown): PlaceDetails {
  const place = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const hours = (place.regularOpeningHours as { weekdayDescriptions?: unknown } | undefined)?.weekdayDescriptions;
  return {
    phone: text(place.internationalPhoneNumber, 50) ?? text(place.nationalPhoneNumber, 50),
    website: text(place.websiteUri, 500),
    openingHours: Array.isArray(hours) ? hours.filter((h): h is string => typeof h === 'string').join('; ').slice(0, 500) || null : null,
  };
}
