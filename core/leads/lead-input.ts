// Validation and normalisation of lead data from GraphQL or a CSV row. Pure: no I/O. Runs per row on
// million-row imports, so regexes and lookup tables are module-level and blank phones skip the parse.
// 'min' metadata: isValid() still checks national number patterns (rejects +1 200…), ~3x faster than 'max'.
import { getCountries, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';
import type { FieldError } from '../errors.ts';
import { countryAliases, countryKey } from './country-names.ts';

export interface LeadInput {
  businessName?: string | null; contactName?: string | null; email?: string | null; phone?: string | null;
  website?: string | null; industry?: string | null; city?: string | null; country?: string | null;
  source?: string | null; companySize?: string | null; tags?: string[] | null;
  customFields?: Record<string, unknown> | null; assigneeId?: string | null;
}

export interface NormalizedLead {
  businessName: string; contactName: string | null; email: string | null; phone: string | null;
  website: string | null; industry: string | null; city: string | null; country: string | null;
  source: string | null; companySize: string | null; tags: string[]; customFields: Record<string, unknown>;
  assigneeId: string | null;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Maximum lengths in characters (code points), except `customFieldsBytes` (UTF-8 bytes of the JSON). */
export const LEAD_LIMITS = {
  businessName: 200, contactName: 200, email: 254, website: 500, industry: 100, city: 100, source: 100, companySize: 50,
  tagLength: 50, tagCount: 50,
  customFieldKeys: 50, customFieldKeyLength: 100, customFieldsBytes: 16 * 1024,
} as const;

type LeadKey = keyof LeadInput;
const FIELDS: readonly LeadKey[] = ['businessName', 'contactName', 'email', 'phone', 'website', 'industry',
  'city', 'country', 'source', 'companySize', 'tags', 'customFields', 'assigneeId']; // also the order of errors

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const NEEDS_COLLAPSE = /[^\S ]| {2}/; // any whitespace other than a single plain space
const WHITESPACE_RUN = /\s+/g;
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const PHONE_CHARS = /^\+?[0-9 ().\-/]+$/;
const WHITESPACE = /\s/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_INPUT_MAX = 64; // longer than any formatted number; stops absurd input before parsing
const MAX_JSON_DEPTH = 32; // also turns cyclic objects into an error instead of a stack overflow

let countryNames: Map<string, string> | undefined;
/** Languages whose ICU region names are also accepted (exports from teams in those languages). */
const NAME_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'hi'];

/** Built on first use: most imports carry codes or nothing, and ICU lookups for 245 regions are not free. */
function countryNameMap(): Map<string, string> {
  if (countryNames) return countryNames;
  const map = new Map<string, string>();
  const styles = NAME_LANGUAGES.flatMap((language) => [new Intl.DisplayNames([language], { type: 'region' }), new Intl.DisplayNames([language], { type: 'region', style: 'short' })]);
  for (const code of getCountries()) {
    for (const names of styles) {
      const name = names.of(code);
      if (!name || name === code) continue;
      const key = countryKey(name);
      if (!map.has(key)) map.set(key, code); // English first: its names win a clash
      // "Myanmar (Burma)" is also known as "Myanmar" and as "Burma".
      for (const part of name.includes('(') ? name.split(/[()]/) : []) if (part.trim() && !map.has(countryKey(part))) map.set(countryKey(part), code);
    }
  }
  for (const [alias, code] of countryAliases()) map.set(alias, code);
  map.delete('');
  return (countryNames = map);
}

/** Records an error; returns null so callers can `return fail(...)`. */
function fail(errors: FieldError[], field: string, message: string): null {
  errors.push({ field, message });
  return null;
}

/** Length in code points (what users and Postgres count) if over `max`, else null. Walks only long strings. */
function tooLong(s: string, max: number): number | null {
  if (s.length <= max) return null;
  let n = 0; // a low surrogate (0xDC00–0xDFFF) belongs to the previous character
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) !== 0xdc00) n++;
  return n > max ? n : null;
}

const isBlank = (raw: unknown): boolean => raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');

/** Trimmed single-line text; null when empty or invalid (an error is pushed when invalid). */
function text(raw: unknown, field: string, max: number, errors: FieldError[], collapse = true): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string') return fail(errors, field, 'must be text');
  let s = raw.trim();
  if (s === '') return null;
  // Line breaks and tabs (common in quoted CSV cells) fold into spaces; other control characters are refused.
  if (collapse && NEEDS_COLLAPSE.test(s)) s = s.replace(WHITESPACE_RUN, ' ');
  if (CONTROL_CHARS.test(s)) return fail(errors, field, collapse ? 'must not contain control characters' : 'must not contain control characters such as line breaks or tabs');
  const n = tooLong(s, max);
  return n === null ? s : fail(errors, field, `must be at most ${max} characters (got ${n})`);
}

function email(raw: unknown, errors: FieldError[]): string | null {
  const s = text(raw, 'email', LEAD_LIMITS.email, errors, false);
  const e = s?.toLowerCase() ?? null;
  return e === null || (EMAIL.test(e) && e.indexOf('@') <= 64) ? e : fail(errors, 'email', 'is not a valid email address');
}

function phone(raw: unknown, country: CountryCode | undefined, errors: FieldError[]): string | null {
  const s = text(raw, 'phone', PHONE_INPUT_MAX, errors, false);
  if (s === null) return null;
  const v = s.startsWith('00') ? '+' + s.slice(2) : s; // 00 is the international prefix in most of the world
  const international = v.startsWith('+');
  // Letters are rejected up front: the parser would otherwise silently drop them ("ext 5", typos).
  const parsed = PHONE_CHARS.test(v) && (international || country)
    ? parsePhoneNumberFromString(v, international ? undefined : country) : undefined;
  if (parsed?.isValid()) return parsed.number;
  const where = international ? 'international phone number' : country ? `phone number for country ${country}` : 'phone number (add the country code, e.g. +1)';
  return fail(errors, 'phone', `is not a valid ${where}`);
}

function website(raw: unknown, errors: FieldError[]): string | null {
  const s = text(raw, 'website', LEAD_LIMITS.website, errors, false);
  if (s === null) return null;
  const url = WHITESPACE.test(s) ? null : URL.parse(HAS_SCHEME.test(s) ? s : 'https://' + s);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fail(errors, 'website', 'is not a valid http or https web address');
  const host = url.hostname;
  if (!host.includes('.') || host.startsWith('.') || host.endsWith('.')) return fail(errors, 'website', 'is not a valid web address (the domain needs a dot, e.g. example.com)');
  if (url.username || url.password) return fail(errors, 'website', 'must not contain a user name or password');
  const href = url.pathname === '/' && !url.search && !url.hash ? url.href.slice(0, -1) : url.href;
  const n = tooLong(href, LEAD_LIMITS.website); // percent-encoding can lengthen it
  return n === null ? href : fail(errors, 'website', `must be at most ${LEAD_LIMITS.website} characters (got ${n})`);
}

function country(raw: unknown, errors: FieldError[]): string | null {
  const s = text(raw, 'country', 100, errors);
  if (s === null) return null;
  const code = s.length === 2 ? supported(s) : undefined;
  return code ?? countryNameMap().get(countryKey(s)) ?? fail(errors, 'country', 'is not a known country (use a 2-letter code such as IN or US)');
}

const CONTROL_CHAR_EACH = /[\u0000-\u001f\u007f-\u009f]/g;
/** Control characters shown as their pictures (␀ for U+0000): an error quoting text must not carry them (PostgreSQL cannot store a NUL). */
export const visibleText = (s: string): string => s.replace(CONTROL_CHAR_EACH, (c) => {
  const code = c.charCodeAt(0);
  return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
});
const preview = (s: string): string => visibleText(s.length > 20 ? `${s.slice(0, 20)}…` : s);
/** "U+0000": the first control character of `s`, named. */
const firstControl = (s: string): string => `U+${(s.match(CONTROL_CHARS)?.[0] ?? '').charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
function tags(raw: unknown, errors: FieldError[]): string[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) return fail(errors, 'tags', 'must be a list of text values') ?? [];
  const out: string[] = [];
  const seen = new Set<string>();
  let bad = false; // one error per field is enough to act on
  const reject = (message: string): void => { if (!bad) fail(errors, 'tags', message); bad = true; };
  for (const item of raw as unknown[]) {
    if (typeof item !== 'string') { reject('must contain only text values'); continue; }
    let t = item.trim();
    if (t === '') continue;
    if (NEEDS_COLLAPSE.test(t)) t = t.replace(WHITESPACE_RUN, ' ');
    if (CONTROL_CHARS.test(t)) { reject(`tag "${preview(t)}" must not contain control characters (it has ${firstControl(t)})`); continue; }
    const n = tooLong(t, LEAD_LIMITS.tagLength);
    if (n !== null) { reject(`tag "${preview(t)}" must be at most ${LEAD_LIMITS.tagLength} characters (got ${n})`); continue; }
    const key = t.toLowerCase();
    if (!seen.has(key)) { seen.add(key); out.push(t); }
  }
  if (out.length > LEAD_LIMITS.tagCount) fail(errors, 'tags', `must have at most ${LEAD_LIMITS.tagCount} tags (got ${out.length})`);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  const proto: unknown = typeof v === 'object' && v !== null ? Object.getPrototypeOf(v) : undefined;
  return proto === Object.prototype || proto === null;
}

function isJson(v: unknown, depth: number): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v); // NaN/Infinity are not JSON
  if (depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  return isPlainObject(v) && Object.keys(v).every((k) => isJson(v[k], depth + 1));
}

/** A NUL character (U+0000) in any key or text value, however deep (the value is valid JSON, so it nests boundedly). */
function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
  return false;
}

/** UTF-8 size without allocating: each UTF-16 unit is 1 byte plus 1 (< U+0800 or half a pair) or 2 (rest of BMP). */
function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0, c = 0; i < s.length; i++) if ((c = s.charCodeAt(i)) >= 0x80) n += c < 0x800 || (c & 0xf800) === 0xd800 ? 1 : 2;
  return n;
}

function customFields(raw: unknown, errors: FieldError[]): Record<string, unknown> {
  if (raw === null || raw === undefined) return {};
  if (!isPlainObject(raw)) return fail(errors, 'customFields', 'must be an object of key/value pairs') ?? {};
  const before = errors.length;
  const keys = Object.keys(raw);
  const max = LEAD_LIMITS;
  if (keys.length > max.customFieldKeys) fail(errors, 'customFields', `must have at most ${max.customFieldKeys} keys (got ${keys.length})`);
  for (const key of keys) {
    const n = tooLong(key, max.customFieldKeyLength);
    if (key.trim() === '') fail(errors, 'customFields', 'keys must not be empty');
    else if (n !== null) fail(errors, 'customFields', `key "${preview(key)}" must be at most ${max.customFieldKeyLength} characters (got ${n})`);
    if (!isJson(raw[key], 0)) fail(errors, 'customFields', `value of "${preview(key)}" must be JSON: text, a number, true/false, null, or lists/objects of these`);
  }
  if (errors.length === before) {
    const json = JSON.stringify(raw);
    const bytes = utf8Bytes(json);
    if (bytes > max.customFieldsBytes) fail(errors, 'customFields', `must be at most ${max.customFieldsBytes} bytes as JSON (got ${bytes})`);
    // PostgreSQL cannot store U+0000 in any text or JSON value.
    else if (hasNul(raw)) fail(errors, 'customFields', 'must not contain NUL characters (U+0000)');
  }
  return { ...raw }; // a copy, so later mutation by the caller cannot bypass validation
}

function assigneeId(raw: unknown, errors: FieldError[]): string | null {
  const s = text(raw, 'assigneeId', 1000, errors, false);
  return s === null || UUID.test(s) ? (s?.toLowerCase() ?? null) : fail(errors, 'assigneeId', 'is not a valid user id (expected a UUID)');
}

function field(key: LeadKey, raw: unknown, phoneCountry: CountryCode | undefined, errors: FieldError[]): unknown {
  switch (key) {
    case 'email': return email(raw, errors);
    case 'phone': return phone(raw, phoneCountry, errors); // parse only runs for non-blank input
    case 'website': return website(raw, errors);
    case 'country': return country(raw, errors);
    case 'tags': return tags(raw, errors);
    case 'customFields': return customFields(raw, errors);
    case 'assigneeId': return assigneeId(raw, errors);
    default: return text(raw, key, LEAD_LIMITS[key], errors);
  }
}

function supported(code: string | null | undefined): CountryCode | undefined {
  const up = code?.toUpperCase();
  return up && isSupportedCountry(up) ? up : undefined;
}

const CONTACT_REQUIRED = 'or phone is required: a lead needs a way to be contacted';
/** Shared by create and patch; in a patch only keys whose value is not undefined are processed. */
function normalizeFields(input: LeadInput, patch: boolean, defaultCountry: string, currentCountry: string | null) {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  // Country first: it decides how a local phone number is read. Its errors keep their place in field order.
  const countryErrors: FieldError[] = [];
  const leadCountry = patch && input.country === undefined ? undefined : country(input.country, countryErrors);
  const fallback = supported(currentCountry) ?? supported(defaultCountry);
  const phoneCountry = leadCountry === undefined || countryErrors.length ? fallback : (supported(leadCountry) ?? supported(defaultCountry));
  for (const key of FIELDS) {
    if (patch && input[key] === undefined) continue;
    if (key === 'country') { out[key] = leadCountry; errors.push(...countryErrors); }
    else out[key] = field(key, input[key], phoneCountry, errors);
  }
  return { out, errors };
}

/** Validates a new lead: businessName and one of email/phone are required. */
export function normalizeLead(input: LeadInput, options: { defaultCountry: string }): Validated<NormalizedLead> {
  const { out, errors } = normalizeFields(input, false, options.defaultCountry, null);
  if (isBlank(input.businessName)) errors.unshift({ field: 'businessName', message: 'is required' });
  if (isBlank(input.email) && isBlank(input.phone)) errors.push({ field: 'email', message: CONTACT_REQUIRED });
  return errors.length ? { ok: false, errors } : { ok: true, value: out as unknown as NormalizedLead };
}

/**
 * Validates an update: only keys present in `input` appear in the result (undefined = untouched,
 * null or "" = clear). A local phone number is read in the patched country, else the current one.
 * Whether clearing email leaves the stored phone empty is for the caller to check against the row.
 */
export function normalizeLeadPatch(input: LeadInput, options: { defaultCountry: string; currentCountry: string | null }): Validated<Partial<NormalizedLead>> {
  const { out, errors } = normalizeFields(input, true, options.defaultCountry, options.currentCountry);
  const cleared = (v: unknown): boolean => v !== undefined && isBlank(v);
  if (cleared(input.businessName)) errors.unshift({ field: 'businessName', message: 'cannot be cleared: a lead needs a business name' });
  if (cleared(input.email) && cleared(input.phone)) errors.push({ field: 'email', message: CONTACT_REQUIRED });
  return errors.length ? { ok: false, errors } : { ok: true, value: out as Partial<NormalizedLead> };
}
