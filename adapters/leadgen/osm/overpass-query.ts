// Overpass QL for "businesses of these tags in this area". An administrative boundary (a relation
// or a closed way) is searched inside; a point (a village Nominatim knows only as a node, or a
// circle the user drew) within a radius.
import type { ResolvedPlace } from './nominatim.ts';

export type OverpassArea = { kind: 'place'; place: ResolvedPlace; radiusMeters: number } | { kind: 'circle'; lat: number; lon: number; radiusMeters: number };

/** Overpass derives an area's id from its way or relation: these offsets are its documented rule. */
const AREA_OFFSET = { way: 2_400_000_000, relation: 3_600_000_000 } as const;

export function overpassQuery(tags: readonly string[], area: OverpassArea, options: { max: number; timeoutSeconds: number }): string {
  const filters = tags.map((tag) => {
    const [key, value] = tag.split('=');
    if (!key || !value || !/^[a-z_:]+$/.test(key) || !/^[a-z_]+$/.test(value)) throw new Error(`not an OSM tag: ${tag}`);
    return `["${key}"="${value}"]`;
  });
  let scope: string;
  let head = '';
  if (area.kind === 'place' && area.place.osmType !== 'node') {
    head = `area(id:${AREA_OFFSET[area.place.osmType] + area.place.osmId})->.a;\n`;
    scope = '(area.a)';
  } else {
    const { lat, lon } = area.kind === 'place' ? area.place : area;
    scope = `(around:${Math.round(area.radiusMeters)},${lat.toFixed(6)},${lon.toFixed(6)})`;
  }
  // Only named places: an unnamed dentist's node is nobody to write to.
  const union = filters.map((filter) => `  nwr${filter}["name"]${scope};`).join('\n');
  return `[out:json][timeout:${options.timeoutSeconds}];\n${head}(\n${union}\n);\nout center tags ${options.max};`;
}
