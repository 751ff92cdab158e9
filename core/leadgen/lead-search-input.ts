// A saved search as callers write it, checked field by field: every problem is named by its field
// ("area.radiusMeters", "idealCustomer.industries.1") and nothing is stored unless all is right.
import type { FieldError } from '../errors.ts';
import { findCategory } from './categories.ts';
import type { IdealCustomer, MustHave } from './fit.ts';
import type { SearchArea } from './lead-source.ts';
import { LeadSourceId, SearchSchedule, type LeadSearch, type SearchPlan } from './lead-search.types.ts';

export interface AreaInput {
  placeName?: string | null;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  radiusMeters?: number | null;
}

export interface IdealCustomerInput {
  industries?: string[] | null;
  places?: string[] | null;
  mustHave?: MustHave[] | null;
  minRating?: number | null;
}

export interface LeadSearchInput {
  name?: string | null;
  category?: string | null;
  area?: AreaInput | null;
  source?: LeadSourceId | null;
  maxNewLeadsPerRun?: number | null;
  maxNewLeadsPerDay?: number | null;
  schedule?: SearchSchedule | null;
  timeZone?: string | null;
  minFit?: number | null;
  /** In an update, null goes back to the tenant's ideal customer. */
  idealCustomer?: IdealCustomerInput | null;
  enabled?: boolean | null;
}

export type SearchValues = SearchPlan & Pick<LeadSearch, 'name' | 'schedule' | 'enabled'>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const SEARCH_LIMITS = { name: 200, category: 100, placeName: 200, maxNewPerRun: 500, maxNewPerDay: 5000, industries: 30, places: 50, place: 100, timeZone: 64 } as const;
const DEFAULTS = { source: LeadSourceId.OSM, maxNewPerRun: 20, maxNewPerDay: 100, schedule: SearchSchedule.ONCE, timeZone: 'UTC', minFit: 0, enabled: true };
const MUST_HAVES: readonly MustHave[] = ['WEBSITE', 'EMAIL', 'PHONE', 'OPENING_HOURS'];
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const SOURCES: readonly string[] = Object.values(LeadSourceId);
const SCHEDULES: readonly string[] = Object.values(SearchSchedule);

/** A new search: category and area are required, the rest has defaults. */
export function readNewSearch(input: LeadSearchInput): Checked<SearchValues> {
  return readSearch(input, null);
}

/** A search after an update: omitted fields keep their value; the whole is checked again. */
export function readSearchUpdate(current: LeadSearch, input: LeadSearchInput): Checked<SearchValues> {
  return readSearch(input, current);
}

function readSearch(input: LeadSearchInput, current: LeadSearch | null): Checked<SearchValues> {
  const errors: FieldError[] = [];
  const given = <K extends keyof LeadSearchInput>(key: K) => input[key] !== undefined && input[key] !== null;
  const category = given('category') ? readCategory(input.category as string, 'category', errors) : (current?.category ?? (errors.push({ field: 'category', message: 'is required: what kind of business to look for (e.g. dentist, gym)' }), null));
  const area = given('area') ? readArea(input.area as AreaInput, errors) : (current?.area ?? (errors.push({ field: 'area', message: 'is required: a placeName, or latitude, longitude and radiusMeters' }), null));
  const source = given('source') ? (SOURCES.includes(input.source as string) ? (input.source as LeadSourceId) : (errors.push({ field: 'source', message: `must be ${SOURCES.join(' or ')}` }), DEFAULTS.source)) : (current?.source ?? DEFAULTS.source);
  const maxNewPerRun = given('maxNewLeadsPerRun') ? whole(input.maxNewLeadsPerRun as number, 'maxNewLeadsPerRun', 1, SEARCH_LIMITS.maxNewPerRun, errors) : (current?.maxNewPerRun ?? DEFAULTS.maxNewPerRun);
  const maxNewPerDay = given('maxNewLeadsPerDay') ? whole(input.maxNewLeadsPerDay as number, 'maxNewLeadsPerDay', 1, SEARCH_LIMITS.maxNewPerDay, errors) : (current?.maxNewPerDay ?? Math.max(DEFAULTS.maxNewPerDay, maxNewPerRun));
  if (maxNewPerDay < maxNewPerRun && !errors.some((e) => e.field.startsWith('maxNewLeads'))) errors.push({ field: 'maxNewLeadsPerDay', message: `must be at least maxNewLeadsPerRun (${maxNewPerRun})` });
  const schedule = given('schedule') ? (SCHEDULES.includes(input.schedule as string) ? (input.schedule as SearchSchedule) : (errors.push({ field: 'schedule', message: `must be ${SCHEDULES.join(', ')}` }), DEFAULTS.schedule)) : (current?.schedule ?? DEFAULTS.schedule);
  const timeZone = given('timeZone') ? readTimeZone(input.timeZone as string, errors) : (current?.timeZone ?? DEFAULTS.timeZone);
  const minFit = given('minFit') ? whole(input.minFit as number, 'minFit', 0, 100, errors) : (current?.minFit ?? DEFAULTS.minFit);
  const idealCustomer = input.idealCustomer === null ? null : input.idealCustomer !== undefined ? readIdealCustomer(input.idealCustomer, 'idealCustomer', errors) : (current?.idealCustomer ?? null);
  const enabled = given('enabled') ? Boolean(input.enabled) : (current?.enabled ?? DEFAULTS.enabled);
  const name = given('name') ? readText(input.name as string, 'name', SEARCH_LIMITS.name, errors) : (current?.name ?? (category && area ? defaultName(category, area) : ''));
  if (errors.length || !category || !area) return { ok: false, errors };
  return { ok: true, value: { name, category, area, source, maxNewPerRun, maxNewPerDay, schedule, timeZone, minFit, idealCustomer, enabled } };
}

/** The tenant's ideal customer, as a caller writes it. */
export function readIdealCustomer(input: IdealCustomerInput, field: string, errors: FieldError[]): IdealCustomer {
  const industries = (input.industries ?? []).slice(0, SEARCH_LIMITS.industries + 1);
  if (industries.length > SEARCH_LIMITS.industries) errors.push({ field: `${field}.industries`, message: `must list at most ${SEARCH_LIMITS.industries} kinds of business` });
  const places = input.places ?? [];
  if (places.length > SEARCH_LIMITS.places) errors.push({ field: `${field}.places`, message: `must list at most ${SEARCH_LIMITS.places} places` });
  const mustHave = [...new Set(input.mustHave ?? [])];
  mustHave.forEach((need, i) => MUST_HAVES.includes(need) || errors.push({ field: `${field}.mustHave.${i}`, message: `must be ${MUST_HAVES.join(', ')}` }));
  const minRating = input.minRating ?? null;
  if (minRating !== null && !(Number.isFinite(minRating) && minRating >= 0 && minRating <= 5)) errors.push({ field: `${field}.minRating`, message: 'must be between 0 and 5 stars' });
  return {
    industries: [...new Set(industries.slice(0, SEARCH_LIMITS.industries).map((text, i) => readCategory(text, `${field}.industries.${i}`, errors)).filter((id): id is string => id !== null))],
    places: [...new Set(places.slice(0, SEARCH_LIMITS.places).map((text, i) => readText(text, `${field}.places.${i}`, SEARCH_LIMITS.place, errors)))],
    mustHave,
    minRating,
  };
}

function readCategory(text: string, field: string, errors: FieldError[]): string | null {
  if (!text.trim()) return (errors.push({ field, message: 'is required: what kind of business (e.g. dentist, gym)' }), null);
  if (text.length > SEARCH_LIMITS.category) return (errors.push({ field, message: `must be at most ${SEARCH_LIMITS.category} characters` }), null);
  const found = findCategory(text);
  if (!found) errors.push({ field, message: `"${text.slice(0, 40)}" is not a kind of business we can search for; suggestCategories lists them (e.g. dentist, gym, restaurant)` });
  return found?.id ?? null;
}

function readArea(input: AreaInput, errors: FieldError[]): SearchArea | null {
  const hasPlace = input.placeName != null;
  const circle = [input.latitude, input.longitude, input.radiusMeters].filter((v) => v != null).length;
  if (hasPlace && circle) return (errors.push({ field: 'area', message: 'takes a placeName or a circle (latitude, longitude, radiusMeters), not both' }), null);
  if (hasPlace) {
    const name = readText(input.placeName as string, 'area.placeName', SEARCH_LIMITS.placeName, errors);
    let country: string | null = null;
    if (input.country != null) {
      if (/^[A-Za-z]{2}$/.test(input.country)) country = input.country.toUpperCase();
      else errors.push({ field: 'area.country', message: 'must be a 2-letter country code such as IN' });
    }
    return { kind: 'place', name, country };
  }
  if (circle < 3) return (errors.push({ field: 'area', message: 'needs a placeName (a city or town), or latitude, longitude and radiusMeters together' }), null);
  if (input.country != null) errors.push({ field: 'area.country', message: 'goes with a placeName only' });
  const lat = Number(input.latitude);
  const lon = Number(input.longitude);
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90)) errors.push({ field: 'area.latitude', message: 'must be between -90 and 90' });
  if (!(Number.isFinite(lon) && lon >= -180 && lon <= 180)) errors.push({ field: 'area.longitude', message: 'must be between -180 and 180' });
  const radiusMeters = whole(input.radiusMeters as number, 'area.radiusMeters', 100, 50_000, errors);
  return { kind: 'circle', lat, lon, radiusMeters };
}

function readTimeZone(text: string, errors: FieldError[]): string {
  if (text.length <= SEARCH_LIMITS.timeZone && !CONTROL.test(text)) {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
    } catch {
      // not a zone Intl knows
    }
  }
  errors.push({ field: 'timeZone', message: 'must be an IANA time zone such as Asia/Kolkata or UTC' });
  return 'UTC';
}

function readText(text: string, field: string, max: number, errors: FieldError[]): string {
  const value = text.trim().replace(/\s+/g, ' ');
  if (!value) errors.push({ field, message: 'must not be empty' });
  else if (CONTROL.test(value) || /[\ud800-\udfff]/.test(value.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) errors.push({ field, message: 'must not contain control characters or broken characters' });
  else if ([...value].length > max) errors.push({ field, message: `must be at most ${max} characters` });
  return value;
}

function whole(value: number, field: string, min: number, max: number, errors: FieldError[]): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push({ field, message: `must be a whole number from ${min} to ${max}` });
    return min;
  }
  return value;
}

function defaultName(category: string, area: SearchArea): string {
  const label = findCategory(category)?.label ?? category;
  const where = area.kind === 'place' ? `in ${area.name}` : `within ${(area.radiusMeters / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} km of ${area.lat.toFixed(4)}, ${area.lon.toFixed(4)}`;
  return `${label} ${where}`.slice(0, SEARCH_LIMITS.name);
}
