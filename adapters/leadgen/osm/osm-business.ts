// An Overpass element (node, way or relation with tags) as a found business: only what is mapped.
import type { FoundBusiness } from '../../../core/leadgen/found-business.ts';

const first = (tags: Record<string, string>, ...keys: string[]): string | null => {
  for (const key of keys) {
    const value = tags[key]?.trim();
    if (value) return value.split(';')[0]!.trim(); // OSM separates several values with ";"
  }
  return null;
};

export function osmBusiness(raw: unknown, context: { category: string; city: string | null; country: string | null }): FoundBusiness | null {
  if (!raw || typeof raw !== 'object') return null;
  const element = raw as { type?: unknown; id?: unknown; lat?: unknown; lon?: unknown; center?: { lat?: unknown; lon?: unknown }; tags?: unknown };
  if ((element.type !== 'node' && element.type !== 'way' && element.type !== 'relation') || !Number.isSafeInteger(element.id)) return null;
  const tags = element.tags && typeof element.tags === 'object' ? (Object.fromEntries(Object.entries(element.tags).filter(([, v]) => typeof v === 'string')) as Record<string, string>) : {};
  const name = first(tags, 'name', 'name:en', 'brand');
  if (!name) return null;
  const lat = Number(element.lat ?? element.center?.lat);
  const lon = Number(element.lon ?? element.center?.lon);
  const street = [first(tags, 'addr:housenumber'), first(tags, 'addr:street')].filter(Boolean).join(' ');
  const address = first(tags, 'addr:full') ?? ([street, first(tags, 'addr:suburb', 'addr:place')].filter(Boolean).join(', ') || null);
  const country = first(tags, 'addr:country')?.toUpperCase() ?? context.country;
  return {
    source: 'osm',
    externalId: `${element.type}/${element.id}`,
    name: name.slice(0, 200),
    category: context.category,
    address: address?.slice(0, 300) ?? null,
    city: first(tags, 'addr:city') ?? context.city,
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    lat: Number.isFinite(lat) ? lat : null,
    lon: Number.isFinite(lon) ? lon : null,
    phone: first(tags, 'contact:phone', 'phone', 'contact:mobile', 'mobile', 'contact:whatsapp'),
    website: first(tags, 'contact:website', 'website', 'url'),
    email: first(tags, 'contact:email', 'email')?.toLowerCase() ?? null,
    openingHours: first(tags, 'opening_hours'),
    rating: null,
    ratingCount: null,
  };
}
