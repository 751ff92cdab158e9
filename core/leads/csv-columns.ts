// Maps CSV header cells to lead fields (or custom fields, or nothing) and turns rows into LeadInput.
// Pure: no I/O. mapCsvHeader runs once per file; rowToLeadInput runs once per row (up to millions),
// so it only walks the precomputed plan and allocates the result objects.
import {
  CUSTOM_HEADERS, FIELD_HEADERS, KNOWN_CUSTOM, LEAD_FIELDS, NUMBERED_HEADERS, headerKey,
  type KnownCustom, type LeadField,
} from './import/header-aliases.ts';
import { isPlaceholder, isPlaceholderEmail } from './import/placeholders.ts';
import { readPhoneCell } from './import/phone-cell.ts';
import type { LeadInput } from './lead-input.ts';

export type { LeadField } from './import/header-aliases.ts';

/** Where a column's cells go: a lead field, a custom field under `key`, or nowhere. */
export type ImportTarget = { kind: 'field'; field: LeadField } | { kind: 'custom'; key: string } | { kind: 'ignore' };

export interface MappedColumn {
  /** Position in the row, from 0. */
  index: number;
  header: string;
  target: ImportTarget;
  /** How the column was chosen: from the header, or by the caller's mapping. */
  origin: 'header' | 'caller';
}

/** A column chosen by the caller: by header text (case-insensitive) or by position (from 0). */
export interface ColumnChoice {
  column?: string | null;
  index?: number | null;
  target: ImportTarget;
}

/** One destination fed by one or more columns, best first; a row takes the first non-empty cell. */
interface Slot {
  to: { field: LeadField } | { custom: string };
  /** Columns in preference order, with the custom key a non-chosen cell is kept under. */
  columns: Array<{ index: number; spareKey: string; header: string }>;
}

export interface ColumnMapping {
  columns: MappedColumn[];
  /** Human-readable messages for required columns that no header maps to. */
  missing: string[];
  slots: Slot[];
  /** Plain custom columns: index → key. */
  custom: Array<{ index: number; key: string }>;
}

interface Known { target: LeadField | KnownCustom; rank: number }

const KNOWN_BY_KEY = new Map<string, Known>();
function learn(target: LeadField | KnownCustom, groups: ReadonlyArray<readonly string[]>): void {
  groups.forEach((group, rank) => {
    for (const header of group) {
      const key = headerKey(header);
      const seen = KNOWN_BY_KEY.get(key);
      if (seen && seen.target !== target) throw new Error(`header "${header}" is listed for both ${seen.target} and ${target}`);
      if (!seen) KNOWN_BY_KEY.set(key, { target, rank });
    }
  });
}
for (const field of LEAD_FIELDS) learn(field, FIELD_HEADERS[field]);
for (const custom of KNOWN_CUSTOM) learn(custom, CUSTOM_HEADERS[custom]);

/** Owners that exports put before a contact point ("Person - Email - Home", "Sender Mobile"). */
const OWNER_PREFIX = /^(?:person|organi[sz]ation|lead|deal|contact|company|sender|caller|buyer|customer|client|primary|business|work)/;
const CONTACT_POINTS = new Set<LeadField | KnownCustom>(['email', 'phone', 'website', 'city', 'country']);

/** What a header means, or null for a header no export or alias explains (kept as a custom field). */
export function knownHeader(header: string): Known | null {
  const key = headerKey(header);
  if (key === '') return null;
  const direct = KNOWN_BY_KEY.get(key);
  if (direct) return direct;
  for (const { pattern, target } of NUMBERED_HEADERS) {
    const match = pattern.exec(key);
    if (match) return { target, rank: Number(match[1]) - 1 };
  }
  const owned = OWNER_PREFIX.exec(key);
  if (owned) {
    const rest = KNOWN_BY_KEY.get(key.slice(owned[0].length));
    if (rest && CONTACT_POINTS.has(rest.target)) return { target: rest.target, rank: rest.rank + 1 };
  }
  return null;
}

const isLeadField = (target: string): target is LeadField => (LEAD_FIELDS as readonly string[]).includes(target);

/** The mapping proposed for a header row: every column gets a target; `choices` (the caller's) win. */
export function mapCsvHeader(header: string[], choices: readonly ColumnChoice[] = []): ColumnMapping {
  const chosen = resolveChoices(header, choices);
  const ranks = new Map<number, number>();
  const columns: MappedColumn[] = header.map((cell, index) => {
    const name = cell.trim();
    const choice = chosen.get(index);
    if (choice) return { index, header: name, target: choice, origin: 'caller' };
    const known = knownHeader(name);
    if (!known) return { index, header: name, target: { kind: 'custom', key: name || `column_${index + 1}` }, origin: 'header' };
    ranks.set(index, known.rank);
    const target: ImportTarget = isLeadField(known.target) ? { kind: 'field', field: known.target } : { kind: 'custom', key: known.target };
    return { index, header: name, target, origin: 'header' };
  });
  return plan(columns, ranks);
}

function resolveChoices(header: string[], choices: readonly ColumnChoice[]): Map<number, ImportTarget> {
  const byHeader = new Map<string, number>();
  header.forEach((cell, index) => {
    const key = cell.trim().toLowerCase();
    if (!byHeader.has(key)) byHeader.set(key, index);
  });
  const out = new Map<number, ImportTarget>();
  for (const choice of choices) {
    const index = choice.index ?? byHeader.get((choice.column ?? '').trim().toLowerCase());
    if (index !== undefined && index >= 0 && index < header.length) out.set(index, choice.target);
  }
  return out;
}

/** The choices that name no column of this header, as errors naming the choice (`mapping[2].column`). */
export function unknownChoices(header: string[], choices: readonly ColumnChoice[]): Array<{ field: string; message: string }> {
  const headers = new Set(header.map((cell) => cell.trim().toLowerCase()));
  return choices.flatMap((choice, i) => {
    if (choice.index !== undefined && choice.index !== null) {
      return Number.isInteger(choice.index) && choice.index >= 0 && choice.index < header.length ? [] : [{ field: `mapping[${i}].index`, message: `${choice.index} is not a column of the file (it has ${header.length})` }];
    }
    return headers.has((choice.column ?? '').trim().toLowerCase()) ? [] : [{ field: `mapping[${i}].column`, message: `"${choice.column ?? ''}" is not a header of the file` }];
  });
}

function plan(columns: MappedColumn[], ranks: Map<number, number>): ColumnMapping {
  const usedKeys = new Set<string>();
  const uniqueKey = (name: string, index: number): string => {
    // Two columns kept under the same name must not overwrite each other in customFields.
    let key = usedKeys.has(name) ? `${name} (column ${index + 1})` : name;
    if (usedKeys.has(key)) key = `column_${index + 1}`;
    usedKeys.add(key);
    return key;
  };
  const slots = new Map<string, Slot>();
  const custom: ColumnMapping['custom'] = [];
  // Slot keys are reserved first, so a plain column named "Address" cannot take a known field's key.
  for (const column of columns) if (column.target.kind === 'custom' && KNOWN_CUSTOM.includes(column.target.key as KnownCustom)) usedKeys.add(column.target.key);
  const order = [...columns].sort((a, b) => (ranks.get(a.index) ?? 0) - (ranks.get(b.index) ?? 0) || a.index - b.index);
  for (const column of order) {
    const { target } = column;
    if (target.kind === 'ignore') continue;
    const slotId = target.kind === 'field' ? `field:${target.field}` : KNOWN_CUSTOM.includes(target.key as KnownCustom) ? `custom:${target.key}` : null;
    if (slotId === null) {
      custom.push({ index: column.index, key: uniqueKey((target as { key: string }).key, column.index) });
      continue;
    }
    let slot = slots.get(slotId);
    if (!slot) slots.set(slotId, (slot = { to: target.kind === 'field' ? { field: target.field } : { custom: target.key }, columns: [] }));
    slot.columns.push({ index: column.index, header: column.header, spareKey: uniqueKey(column.header || `column_${column.index + 1}`, column.index) });
  }
  custom.sort((a, b) => a.index - b.index);
  const has = (field: LeadField): boolean => slots.has(`field:${field}`);
  const missing: string[] = [];
  if (!has('businessName') && !has('contactName') && !has('firstName') && !has('lastName')) {
    missing.push('no column for the business name (expected a header such as "Business Name" or "Company")');
  }
  if (!has('email') && !has('phone')) missing.push('no column for email or phone');
  return { columns, missing, slots: [...slots.values()], custom };
}

/** Sets an own property even for "__proto__", which a plain assignment would treat as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const TAG_SPLIT = /\s*(?::::|[,;|])\s*/;
const GOOGLE_SYSTEM_LABEL = /^\*\s*(?:mycontacts|starred)$/i;
const EMAIL_LIST = /\s*(?::::|[,;\s])\s*/;
const ANGLE_EMAIL = /<([^<>@\s]+@[^<>\s]+)>/;
const MAILTO = /^mailto:/i;
/** A person's profile is not the business's website (LinkedIn's Connections.csv calls it "URL"). */
const PROFILE_URL = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\//i;

/** A cell as the value it holds: trimmed, and empty when it is a placeholder ("N/A", "-none-", "nil"). */
function cellValue(cell: string | undefined): string {
  if (cell === undefined) return '';
  const value = cell.trim();
  return value === '' || isPlaceholder(value) ? '' : value;
}

/** The row as raw lead input plus what the import needs to recover from a bad phone. */
export interface RowInput {
  input: LeadInput;
  /** Other numbers to try, in order, should input.phone not be a valid number. */
  otherPhones: string[];
  /** The phone column's header and raw cell, to keep the text should no number be valid. */
  phoneCell: { key: string; raw: string } | null;
  /** The contact name stood in for an empty business name. */
  businessFromContact: boolean;
}

/**
 * Turns one CSV row into raw lead input (validation is normalizeLead's job). Placeholders are empty,
 * each field takes its first non-empty column, first + last name form the contact name unless a
 * contact name column has a value, cells not taken are kept as custom fields under their header, and
 * cells past the header end up in customFields as `column_<n>` (1-based) so nothing is lost.
 */
export function rowToLeadInput(mapping: ColumnMapping, row: string[]): RowInput {
  const input: LeadInput = {};
  let custom: Record<string, unknown> | undefined;
  let firstName: string | undefined;
  let lastName: string | undefined;
  const result: RowInput = { input, otherPhones: [], phoneCell: null, businessFromContact: false };
  for (const slot of mapping.slots) {
    let taken = false;
    for (const column of slot.columns) {
      const value = cellValue(row[column.index]);
      if (value === '') continue;
      if (taken) {
        setOwn((custom ??= {}), column.spareKey, value);
        if ('field' in slot.to && slot.to.field === 'phone') result.otherPhones.push(...readPhoneCell(value).numbers);
        continue;
      }
      if ('custom' in slot.to) {
        setOwn((custom ??= {}), slot.to.custom, value);
        taken = true;
        continue;
      }
      switch (slot.to.field) {
        case 'firstName': firstName = value; break;
        case 'lastName': lastName = value; break;
        case 'tags': input.tags = value.split(TAG_SPLIT).filter((tag) => !GOOGLE_SYSTEM_LABEL.test(tag)); break; // trimmed and de-duplicated by normalizeLead
        case 'email': {
          const [first, ...others] = emailsIn(value);
          if (first === undefined) continue;
          input.email = first;
          if (others.length) setOwn((custom ??= {}), 'Other emails', others.join(', '));
          break;
        }
        case 'website':
          if (PROFILE_URL.test(value)) {
            setOwn((custom ??= {}), 'LinkedIn', value);
            continue;
          }
          input.website = value;
          break;
        case 'phone': {
          const { numbers, extension } = readPhoneCell(value);
          if (!numbers.length) continue;
          input.phone = numbers[0] as string;
          result.phoneCell = { key: column.spareKey, raw: value };
          result.otherPhones.push(...numbers.slice(1));
          if (numbers.length > 1) setOwn((custom ??= {}), 'Other phones', numbers.slice(1).join(', '));
          if (extension) setOwn((custom ??= {}), 'Phone extension', extension);
          break;
        }
        default: input[slot.to.field] = value;
      }
      taken = true;
    }
  }
  for (const { index, key } of mapping.custom) {
    const value = cellValue(row[index]);
    if (value !== '') setOwn((custom ??= {}), key, value);
  }
  if (input.contactName === undefined && (firstName !== undefined || lastName !== undefined)) {
    input.contactName = firstName !== undefined && lastName !== undefined ? `${firstName} ${lastName}` : (firstName ?? lastName);
  }
  if (input.businessName === undefined && input.contactName !== undefined) {
    // A person with no company (LinkedIn, Google Contacts, Justdial enquiries) is still a lead: their name stands in.
    input.businessName = input.contactName;
    result.businessFromContact = true;
  }
  for (let i = mapping.columns.length; i < row.length; i++) {
    const value = cellValue(row[i]);
    if (value) setOwn((custom ??= {}), `column_${i + 1}`, value);
  }
  if (custom !== undefined) input.customFields = custom;
  return result;
}

/** The addresses in an email cell: "a@x.in, b@y.in", Google's "a ::: b", "Name <a@x.in>", "mailto:a@x.in"; placeholders dropped. */
function emailsIn(value: string): string[] {
  const simple = value.indexOf(' ') < 0 && value.indexOf(',') < 0 && value.indexOf(';') < 0 && value.indexOf('<') < 0 && value.indexOf(':') < 0;
  if (simple) return isPlaceholderEmail(value) ? [] : [value];
  const angle = ANGLE_EMAIL.exec(value);
  const parts = angle ? [angle[1] as string] : value.replace(MAILTO, '').split(EMAIL_LIST);
  return parts.filter((part) => part !== '' && !isPlaceholder(part) && !isPlaceholderEmail(part));
}
